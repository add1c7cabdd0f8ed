/**
 * Operators and the station's session (issue #11 item 1): who is signed in at this workstation.
 *
 * A station has one session: the operator signed in at its desk is the one on duty, and the wall
 * windows act for them (a tour mark keyed at the wall is theirs in the record). Accounts are local
 * to the station's cache, the password kept as a slow hash (scrypt). With no account yet, the desk
 * offers to create the first administrator (`session.setup`); the simulator seeds demo accounts.
 */
import { z } from 'zod';
import { OperatorNameSchema } from '../domain/layouts';
import { both, deskOnly, method, roles, type Role } from './method';

const roleSchema = z.enum(roles);

/** Passwords: at least 4 characters (a hall sets its own policy on the platform's accounts). */
export const PasswordSchema = z
  .string()
  .min(4, 'a password is at least 4 characters')
  .max(200, 'a password is at most 200 characters');

export interface SignedInOperator {
  name: string;
  role: Role;
  /** ms since epoch. */
  since: number;
  /**
   * The desk is locked (idle, or by hand): its calls are refused until the operator's password
   * unlocks it, or another operator takes over. The walls keep acting for the operator.
   */
  locked: boolean;
}

export interface SessionState {
  operator: SignedInOperator | null;
  /** False until the first account exists: the desk then offers to create an administrator. */
  accounts: boolean;
  /** The simulator's demo accounts (name, role, password), shown on its sign-in screen; else []. */
  demo: { name: string; role: Role; password: string }[];
}

export interface OperatorAccount {
  name: string;
  role: Role;
  disabled: boolean;
  /** ms since epoch. */
  createdAt: number;
  /** Failed sign-ins in a row (reset by a good one). */
  failures: number;
  /** ms since epoch, while the account is locked after too many failures. */
  lockedUntil: number | null;
}

/** What the operator on duty leaves open at a shift change (交接班), as the station holds it. */
export interface HandoverItems {
  /** Tour runs in progress. */
  tourRuns: {
    runId: string;
    tourName: string;
    wallId: number;
    watcher: string;
    marked: number;
    stops: number;
  }[];
  /** Cameras pinned to focus tiles. */
  pins: {
    wallId: number;
    tileIndex: number;
    cameraId: string;
    reason: string;
    pinnedBy: string;
    expiresAt: number | null;
  }[];
  /** Alerts whose pulled cameras are on the walls. */
  pulls: { alertId: string; title: string; wallId: number; kept: boolean }[];
  /** Operator actions not yet delivered to the platform. */
  pendingOutbox: number;
}

/** One shift change, as the record keeps it. */
export interface Handover {
  at: number;
  from: string;
  to: string;
  note: string;
  items: HandoverItems;
}

export interface SessionEventPayloads {
  /** The session changed: someone signed in or out. */
  session: SessionState;
  /** The accounts changed (admin). */
  operators: { operators: OperatorAccount[] };
}

export const sessionStreams = ['session', 'operators'] as const;

export const sessionMethods = {
  'session.get': method<SessionState>()(z.strictObject({}), both),
  /** Sign in at the desk; a wrong password counts towards the account's lock. */
  'session.signIn': method<SessionState>()(
    z.strictObject({ name: OperatorNameSchema, password: z.string().min(1).max(200) }),
    deskOnly,
  ),
  /** The first administrator, only while the station has no account. Signs them in. */
  'session.setup': method<SessionState>()(
    z.strictObject({ name: OperatorNameSchema, password: PasswordSchema }),
    deskOnly,
  ),
  'session.signOut': method<SessionState>()(z.strictObject({}), deskOnly),
  /** Lock the desk (the desk does it after `station.idleLockMinutes` without input). */
  'session.lock': method<SessionState>()(z.strictObject({}), deskOnly),
  /** The signed-in operator's password opens a locked desk (wrong ones count towards the lock). */
  'session.unlock': method<SessionState>()(
    z.strictObject({ password: z.string().min(1).max(200) }),
    deskOnly,
  ),
  /** What the operator on duty leaves open: shown before a handover. */
  'session.openItems': method<HandoverItems>()(z.strictObject({}), deskOnly),
  /**
   * Shift change (交接班): the incoming operator signs in over the outgoing one, accepting the
   * open items; the record keeps who handed what to whom, with the note.
   */
  'session.handover': method<SessionState & { handover: Handover }>()(
    z.strictObject({
      name: OperatorNameSchema,
      password: z.string().min(1).max(200),
      note: z.string().trim().max(2000).default(''),
    }),
    deskOnly,
  ),
  /** The last shift changes, newest first. */
  'session.handovers': method<Handover[]>()(
    z.strictObject({ limit: z.number().int().min(1).max(200).default(20) }),
    deskOnly,
  ),
  'operator.list': method<OperatorAccount[]>()(z.strictObject({}), deskOnly),
  /** Create or change an account: a new one needs a password; `disabled` keeps its records. */
  'operator.save': method<OperatorAccount>()(
    z.strictObject({
      name: OperatorNameSchema,
      role: roleSchema,
      password: PasswordSchema.optional(),
      disabled: z.boolean().default(false),
    }),
    deskOnly,
  ),
} as const;
