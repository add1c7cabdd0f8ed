/**
 * The one place every intent enters the core, whatever the transport (Electron IPC or the browser
 * host's WebSocket): it checks the method exists, that the window may call it, that the operator
 * signed in at the station has the role it needs (shared/contract/access.ts), parses the input with
 * the method's zod schema, checks a wall window names only its own wall, runs the handler, and
 * turns every outcome into data: `{ ok: true, value } | { ok: false, error: { code, message } }`.
 * A throwing handler becomes an error result, never a crash of the host.
 *
 * It also keeps the record (issue #11 item 6): every refused call, and every call of a method the
 * access table marks `act` that succeeded, is a row of the audit log with the operator and the
 * window. A service that records its own row during the call (with what only it knows, in its
 * own transaction) is left to it: the host adds a row only when the call recorded none.
 *
 * A transport says only which window called (`CallerWindow`); who the operator is comes from the
 * station's session at the moment of the call, so no message can claim to be someone.
 */
import type { z } from 'zod';
import {
  isMethodName,
  methods,
  type Caller,
  type CallerWindow,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
  type Role,
} from '../../shared/api';
import { access, meets, whileLocked } from '../../shared/contract/access';
import { VigilError, type Result } from '../../shared/result';
import { callDetail, callSubject } from './call-summary';

export type Handler<M extends MethodName> = (
  input: MethodParsedInput<M>,
  caller: Caller,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };

/** "cameras[3].lat: Too big: expected number to be <=90" — the path a person can find. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path
        .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
        .join('');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

export interface ContractHostOptions {
  /** Called with every internal error (a bug), for the log. */
  onInternalError?: (method: string, error: unknown) => void;
  /** The operator signed in at the station now, or null. Absent: nobody is ever signed in. */
  session?: () => { name: string; role: Role; locked?: boolean } | null;
  /** Every refused call (role, scope), also recorded in `audit`. */
  onRefused?: (method: string, caller: Caller, why: string) => void;
  /** The audit log (electron/station/cache/audit-log.ts). Absent: nothing is recorded. */
  audit?: CallAudit;
}

/** What the host needs of the audit log. */
export interface CallAudit {
  record(caller: Caller, action: string, subject: string | null, detail?: unknown): unknown;
  /** Runs one call; says whether anything in it recorded a row. */
  during<T>(run: () => T | Promise<T>): Promise<{ value: T; recorded: boolean }>;
}

const roleNames: Record<Role, string> = { watcher: 'watcher', chief: 'duty chief', admin: 'admin' };

export class ContractHost {
  constructor(
    private readonly handlers: Handlers,
    private readonly options: ContractHostOptions = {},
  ) {}

  async dispatch(method: unknown, input: unknown, from: CallerWindow): Promise<Result<unknown>> {
    if (!isMethodName(method)) {
      return {
        ok: false,
        error: {
          code: 'unknown-method',
          message: `unknown method: ${String(method).slice(0, 80)}`,
        },
      };
    }
    const spec = methods[method];
    if (!spec.callers.includes(from.window)) {
      return {
        ok: false,
        error: {
          code: 'forbidden',
          message: `${method} may not be called from a ${from.window} window`,
        },
      };
    }
    const on = this.options.session?.() ?? null;
    const caller: Caller = {
      window: from.window,
      ...(from.window === 'wall' ? { wallId: from.wallId } : {}),
      operator: on?.name ?? '',
      role: on?.role ?? 'watcher',
      signedIn: on !== null,
    };
    const rule = access[method];
    // A locked desk acts for nobody until it is opened again; the walls go on for the operator.
    const deskLocked = on?.locked === true && from.window === 'desk' && !whileLocked.has(method);
    if (deskLocked && rule.need !== 'anyone') {
      const why = `${method}: the desk is locked; ${on.name}'s password opens it`;
      this.refused(method, caller, why);
      return { ok: false, error: { code: 'forbidden', message: why } };
    }
    if (!meets(on?.role ?? null, rule.need)) {
      const why =
        on === null
          ? `${method}: nobody is signed in at this station; sign in first`
          : `${method} needs a ${roleNames[rule.need as Role]}; ${on.name} is a ${roleNames[on.role]}`;
      this.refused(method, caller, why);
      return { ok: false, error: { code: 'forbidden', message: why } };
    }
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'bad-input', message: `${method}: ${describeZodError(parsed.error)}` },
      };
    }
    if (rule.ownWall && from.window === 'wall') {
      const wallId = (parsed.data as { wallId?: unknown }).wallId;
      if (wallId !== from.wallId) {
        const why = `wall ${String(from.wallId)} may act only on its own wall, not wall ${String(wallId)}`;
        this.refused(method, caller, why);
        return { ok: false, error: { code: 'forbidden', message: `${method}: ${why}` } };
      }
    }
    try {
      const handler = this.handlers[method] as Handler<typeof method>;
      const run = () => handler(parsed.data as never, caller);
      const audit = this.options.audit;
      if (rule.kind !== 'act' || !audit) return { ok: true, value: await run() };
      const { value, recorded } = await audit.during(run);
      if (!recorded) {
        this.keep(() =>
          audit.record(caller, method, callSubject(parsed.data), callDetail(parsed.data)),
        );
      }
      return { ok: true, value };
    } catch (error) {
      if (error instanceof VigilError) return { ok: false, error: error.toData() };
      this.options.onInternalError?.(method, error);
      return {
        ok: false,
        error: { code: 'internal', message: `${method} failed: ${errorMessage(error)}` },
      };
    }
  }

  private refused(method: string, caller: Caller, why: string): void {
    this.options.onRefused?.(method, caller, why);
    const audit = this.options.audit;
    if (audit) this.keep(() => audit.record(caller, 'refused', method, { why }));
  }

  /** A row that cannot be written is a bug for the log; the call's answer stands (it happened). */
  private keep(write: () => unknown): void {
    try {
      write();
    } catch (error) {
      this.options.onInternalError?.('audit', error);
    }
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
