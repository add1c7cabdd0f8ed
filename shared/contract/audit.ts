/**
 * The audit log's contract (issue #11 item 6): who did what, when, from which window, read at the
 * desk by a duty chief or an administrator, exported as CSV, and its hash chain checked. Methods
 * here are spread into `methods` in shared/api.ts. Every call the access table marks `act` leaves
 * a row (shared/contract/access.ts); a call refused at the door leaves a `refused` row.
 */
import { z } from 'zod';
import { deskOnly, method, type Role, type WindowKind } from './method';

/** One row of the record, as the desk shows it. */
export interface AuditRow {
  id: number;
  /** ms since epoch. */
  at: number;
  /** '' when nobody was signed in. */
  operator: string;
  /** null when nobody was signed in. */
  role: Role | null;
  /** The window the call came from; null for rows written before the window was recorded. */
  window: WindowKind | null;
  /** The wall window's wall, for window 'wall'. */
  wallId: number | null;
  /** The method, or `refused`, or a service's own action (e.g. `session.signIn.failed`). */
  action: string;
  /** What it was done to, e.g. a camera id or "wall 2 tile 3". */
  subject: string | null;
  detail: unknown;
}

export interface AuditPage {
  /** Newest first. */
  rows: AuditRow[];
  /** Pass as `before` for the next (older) page; null when there is none. */
  next: number | null;
}

/** The hash chain walked from the first row: intact, or the first row that does not link. */
export type AuditChainStatus =
  | { intact: true; rows: number; lastId: number | null; lastHash: string }
  | {
      intact: false;
      /** Rows that linked before the broken one. */
      rows: number;
      brokenId: number;
      /** `changed`: the row is not what was hashed; `unlinked`: a row before it is missing or changed. */
      reason: 'changed' | 'unlinked';
    };

const filterFields = {
  /** From (ms since epoch, inclusive). */
  since: z.number().int().min(0).optional(),
  /** Until (ms since epoch, exclusive). */
  until: z.number().int().min(0).optional(),
  /** The operator's exact name. */
  operator: z.string().trim().min(1).max(64).optional(),
  /** An action or its beginning: "wall." finds every wall action. */
  action: z.string().trim().min(1).max(100).optional(),
};
export const AuditFilterSchema = z.strictObject(filterFields);
export type AuditFilter = z.output<typeof AuditFilterSchema>;

export const AuditListInputSchema = z.strictObject({
  ...filterFields,
  limit: z.number().int().min(1).max(500).default(100),
  /** Rows older than this id (the previous page's `next`). */
  before: z.number().int().min(1).optional(),
});
export type AuditQuery = z.output<typeof AuditListInputSchema>;

export const auditMethods = {
  /** The record, newest first, filtered; a page at a time. */
  'audit.list': method<AuditPage>()(AuditListInputSchema, deskOnly),
  /** The filtered record as CSV (UTF-8 with BOM, times in the hall's time zone), oldest first. */
  'audit.exportCsv': method<{ filename: string; csv: string; rows: number }>()(
    AuditFilterSchema,
    deskOnly,
  ),
  /** Walks the hash chain from the first row. */
  'audit.verify': method<AuditChainStatus>()(z.strictObject({}), deskOnly),
} as const;
