/**
 * Who is on duty at this station (issue #11 item 1): local accounts with a slow hash, a lock
 * after repeated wrong passwords, the first administrator created at the desk, and the session,
 * kept in the cache so a restart of the core mid-shift does not sign the operator out. The
 * contract host asks `current()` at every call; the record (marks, pins, audit) carries that name.
 */
import type { Caller, Role } from '../../../shared/api';
import type {
  Handover,
  HandoverItems,
  OperatorAccount,
  SessionState,
  SignedInOperator,
} from '../../../shared/contract/session';
import { VigilError } from '../../../shared/result';
import type { AuditLog } from '../cache/audit-log';
import type { OperatorStore } from '../cache/operator-store';
import { decoyHash, hashPassword, verifyPassword } from './password';

/** Wrong passwords in a row that lock an account, and for how long. */
export const maxFailures = 5;
export const lockMs = 5 * 60_000;

/** The simulator's accounts (a demo station only; never on a real platform). */
export const demoAccounts: { name: string; role: Role; password: string }[] = [
  { name: '值机员', role: 'watcher', password: 'vigil' },
  { name: '值班长', role: 'chief', password: 'vigil' },
  { name: '管理员', role: 'admin', password: 'vigil' },
];

export interface SessionServiceOptions {
  store: OperatorStore;
  audit: AuditLog;
  /** Seed and show the demo accounts (the built-in simulator). */
  demo: boolean;
  now: () => number;
  onChanged: (state: SessionState) => void;
  onOperators: (operators: OperatorAccount[]) => void;
  /** What the station holds open now (tour runs, pins, pulls, undelivered actions). */
  openItems: () => HandoverItems;
}

const wrong = (): VigilError => new VigilError('forbidden', 'wrong name or password');

export class SessionService {
  private signedIn: SignedInOperator | null;
  private decoy: Promise<string> | null = null;

  constructor(private readonly options: SessionServiceOptions) {
    this.signedIn = options.store.session();
  }

  /** Seeds the demo accounts on a demo station that has none. */
  async init(): Promise<void> {
    const { store, demo, now } = this.options;
    if (!demo || store.count() > 0) return;
    for (const account of demoAccounts) {
      store.create(account.name, account.role, await hashPassword(account.password), now());
    }
  }

  current(): SignedInOperator | null {
    return this.signedIn;
  }

  state(): SessionState {
    return {
      operator: this.signedIn,
      accounts: this.options.store.count() > 0,
      demo: this.options.demo ? demoAccounts : [],
    };
  }

  async signIn(name: string, password: string, caller: Caller): Promise<SessionState> {
    const account = await this.authenticate(name, password, caller, 'session.signIn');
    const previous = this.signedIn?.name ?? null;
    this.establish(account.name);
    this.audit(
      { ...caller, operator: name, role: account.role, signedIn: true },
      'session.signIn',
      name,
      { ok: true, previous },
    );
    return this.changed();
  }

  /** Who the outgoing operator leaves the station to: the items open now. */
  openItems(): HandoverItems {
    return this.options.openItems();
  }

  /**
   * 交接班: the incoming operator proves who they are over the outgoing one's session, and takes
   * the station with what is open; the record keeps both names, the items and the note.
   */
  async handover(
    input: { name: string; password: string; note: string },
    caller: Caller,
  ): Promise<SessionState & { handover: Handover }> {
    const outgoing = this.signedIn;
    if (!outgoing) throw new VigilError('forbidden', 'nobody is signed in to hand over from');
    if (input.name === outgoing.name) {
      throw new VigilError('bad-input', 'session.handover: hand over to another operator');
    }
    const account = await this.authenticate(input.name, input.password, caller, 'session.handover');
    const handover: Handover = {
      at: this.options.now(),
      from: outgoing.name,
      to: account.name,
      note: input.note,
      items: this.options.openItems(),
    };
    this.establish(account.name);
    this.audit(caller, 'session.handover', account.name, handover);
    return { ...this.changed(), handover };
  }

  handovers(limit: number): Handover[] {
    return this.options.store.handovers(limit);
  }

  /** The account, if the password is right and the account may sign in; the failure counted. */
  private async authenticate(
    name: string,
    password: string,
    caller: Caller,
    action: string,
  ): Promise<OperatorAccount & { passwordHash: string }> {
    const { store, now } = this.options;
    // A failure is recorded as its own action (`session.signIn.failed`), apart from what happened.
    const failed = `${action}.failed`;
    const account = store.get(name);
    if (!account) {
      // The same work as for a real account, so the answer's time does not tell which names exist.
      await verifyPassword(password, await (this.decoy ??= decoyHash()));
      this.audit(caller, failed, name, { ok: false, why: 'unknown name' });
      throw wrong();
    }
    const at = now();
    if (account.lockedUntil !== null && account.lockedUntil > at) {
      const minutes = Math.ceil((account.lockedUntil - at) / 60_000);
      this.audit(caller, failed, name, { ok: false, why: 'locked' });
      throw new VigilError(
        'forbidden',
        `${name} is locked after ${maxFailures} wrong passwords: try again in ${minutes} min, or ask an administrator`,
      );
    }
    if (!(await verifyPassword(password, account.passwordHash))) {
      const failures = account.failures + 1;
      const locked = failures >= maxFailures;
      store.recordFailure(name, locked ? 0 : failures, locked ? at + lockMs : null);
      this.audit(caller, failed, name, { ok: false, why: 'wrong password', failures });
      if (locked) {
        throw new VigilError(
          'forbidden',
          `wrong name or password; ${name} is now locked for ${lockMs / 60_000} min`,
        );
      }
      throw wrong();
    }
    if (account.disabled) {
      this.audit(caller, failed, name, { ok: false, why: 'disabled' });
      throw new VigilError('forbidden', `${name}'s account is disabled: ask an administrator`);
    }
    store.clearFailures(name);
    return account;
  }

  private establish(name: string): void {
    this.options.store.setSession(name, this.options.now());
    this.signedIn = this.options.store.session();
  }

  lock(caller: Caller): SessionState {
    if (!this.signedIn || this.signedIn.locked) return this.state();
    this.options.store.setLocked(true);
    this.signedIn = this.options.store.session();
    this.audit(caller, 'session.lock', caller.operator, {});
    return this.changed();
  }

  /** Only the signed-in operator's own password opens the desk (another takes over instead). */
  async unlock(password: string, caller: Caller): Promise<SessionState> {
    const on = this.signedIn;
    if (!on) throw new VigilError('forbidden', 'nobody is signed in');
    await this.authenticate(on.name, password, caller, 'session.unlock');
    this.options.store.setLocked(false);
    this.signedIn = this.options.store.session();
    this.audit(caller, 'session.unlock', on.name, {});
    return this.changed();
  }

  signOut(caller: Caller): SessionState {
    this.options.store.setSession(null, this.options.now());
    this.signedIn = null;
    this.audit(caller, 'session.signOut', caller.operator, {});
    return this.changed();
  }

  /** The first administrator: only while the station has no account at all. */
  async setup(name: string, password: string, caller: Caller): Promise<SessionState> {
    const { store, now } = this.options;
    if (store.count() > 0) {
      throw new VigilError('forbidden', 'this station already has accounts: sign in');
    }
    const hash = await hashPassword(password);
    // Hashing took a moment: another desk may have set up meanwhile.
    if (store.count() > 0) {
      throw new VigilError('forbidden', 'this station already has accounts: sign in');
    }
    const at = now();
    store.create(name, 'admin', hash, at);
    store.setSession(name, at);
    this.signedIn = store.session();
    this.audit(
      { ...caller, operator: name, role: 'admin', signedIn: true },
      'session.setup',
      name,
      {},
    );
    this.options.onOperators(store.list());
    return this.changed();
  }

  list(): OperatorAccount[] {
    return this.options.store.list();
  }

  async save(
    input: { name: string; role: Role; password?: string; disabled: boolean },
    caller: Caller,
  ): Promise<OperatorAccount> {
    const { store, now } = this.options;
    const existing = store.get(input.name);
    if (!existing && input.password === undefined) {
      throw new VigilError(
        'bad-input',
        `operator.save: a new account (${input.name}) needs a password`,
      );
    }
    const losesAdmin = existing?.role === 'admin' && (input.role !== 'admin' || input.disabled);
    const admins = store.list().filter((o) => o.role === 'admin' && !o.disabled).length;
    if (losesAdmin && admins <= 1) {
      throw new VigilError('forbidden', 'at least one administrator must stay active');
    }
    const passwordHash =
      input.password === undefined ? undefined : await hashPassword(input.password);
    if (existing) {
      store.update(input.name, { role: input.role, disabled: input.disabled, passwordHash });
    } else {
      store.create(input.name, input.role, passwordHash!, now());
      if (input.disabled) store.update(input.name, { role: input.role, disabled: true });
    }
    this.audit(caller, 'operator.save', input.name, {
      role: input.role,
      disabled: input.disabled,
      password: input.password === undefined ? 'kept' : 'set',
      created: !existing,
    });
    // The signed-in operator's role or account may have changed under them.
    const before = this.signedIn;
    this.signedIn = store.session();
    if (before?.name !== this.signedIn?.name || before?.role !== this.signedIn?.role) {
      if (before && !this.signedIn) store.setSession(null, now());
      this.changed();
    }
    this.options.onOperators(store.list());
    return store.list().find((o) => o.name === input.name)!;
  }

  private changed(): SessionState {
    const state = this.state();
    this.options.onChanged(state);
    return state;
  }

  private audit(caller: Caller, action: string, subject: string, detail: object): void {
    this.options.audit.record(caller, action, subject, detail);
  }
}
