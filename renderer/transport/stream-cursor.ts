/**
 * Where a window is in one event stream, so it never shows stale or doubled state: each event is
 * judged against the last one applied (same epoch, next seq) before it reaches a view.
 */
export interface StreamCursor {
  /** The core run the seq belongs to; null before the first event. */
  epoch: string | null;
  /** The last seq applied; null before the first event. */
  seq: number | null;
}

export type EventVerdict =
  /** The next one (or the first one seen): apply it. */
  | 'apply'
  /** Already applied (a replay after reconnect overlapping live events): drop it. */
  | 'duplicate'
  /** Events were missed: catch up with `events.since` before applying more. */
  | 'gap'
  /** The core restarted (another epoch): refetch the state. */
  | 'reset';

export const emptyCursor = (): StreamCursor => ({ epoch: null, seq: null });

export function judgeEvent(
  cursor: StreamCursor,
  event: { epoch: string; seq: number },
): EventVerdict {
  if (cursor.epoch === null || cursor.seq === null) return 'apply';
  if (event.epoch !== cursor.epoch) return 'reset';
  if (event.seq <= cursor.seq) return 'duplicate';
  if (event.seq === cursor.seq + 1) return 'apply';
  return 'gap';
}

export function advance(cursor: StreamCursor, event: { epoch: string; seq: number }): StreamCursor {
  return { epoch: event.epoch, seq: event.seq };
}
