/**
 * The outbox at the desk (issue #10 items 4 and 6): what the platform refused, and why. An item
 * the platform answers 400 (or 413 / 422) is never retried (electron/station/outbox); the watcher
 * must still see that the action did not reach the platform. `outbox.status` counts them
 * (`OutboxStatus.refused`); `outbox.refused` lists them, newest first. Spread into `methods` in
 * shared/api.ts.
 */
import { z } from 'zod';
import { deskOnly, method } from './method';

/** The longest platform answer a refused item carries (the rest is cut, with "…"). */
export const refusedAnswerMax = 300;

/** One operator action the platform refused, as the desk lists it. */
export interface RefusedOutboxItem {
  /** The outbox row. */
  id: number;
  /** What was sent: `patrol-mark` (a mark, at the desk or at a tour stop) or `tour-run`. */
  kind: string;
  /** The marked camera (a patrol mark); null for a tour record. */
  cameraId: string | null;
  /** The mark given (`normal` / `abnormal` / `faulty`); null for a tour record. */
  mark: string | null;
  /** The tour's name (a tour record, or a mark made at a tour stop); null otherwise. */
  tourName: string | null;
  /** The tour run (a tour record, or a mark made at a tour stop); null otherwise. */
  tourRunId: string | null;
  /** Who did it, as sent; null when the body does not say. */
  operator: string | null;
  /** When the action was queued, ms since epoch. */
  createdAt: number;
  /** When the platform refused it, ms since epoch. */
  refusedAt: number;
  /** The platform's answer (status and body), at most `refusedAnswerMax` characters. */
  answer: string;
  /** When an operator noted it as dealt with (ms since epoch), and who; null: not yet. */
  notedAt: number | null;
  notedBy: string | null;
}

export const outboxMethods = {
  /** Items the platform refused, newest first. */
  'outbox.refused': method<RefusedOutboxItem[]>()(
    z.strictObject({ limit: z.number().int().min(1).max(500).default(100) }),
    deskOnly,
  ),
  /**
   * Notes refused items as dealt with (the mark made again, the platform's people told): they
   * stay listed, marked with who and when, and no longer count in `OutboxStatus.refused`.
   */
  'outbox.noteRefused': method<{ noted: number }>()(
    z.strictObject({ ids: z.array(z.number().int().min(1)).min(1).max(500) }),
    deskOnly,
  ),
} as const;
