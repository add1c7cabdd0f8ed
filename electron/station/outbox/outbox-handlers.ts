/**
 * The outbox's refusals at the desk (issue #10 item 6): every item the platform answered 400 /
 * 413 / 422 is kept with the platform's answer (cache/outbox-store.ts); `outbox.refused` lists
 * them as a watcher reads them: what it was (the camera and mark, or the tour), when, who, and
 * the answer cut to a readable length.
 */
import type { MethodName } from '../../../shared/api';
import { refusedAnswerMax, type RefusedOutboxItem } from '../../../shared/contract/outbox';
import type { OutboxItem, OutboxStore } from '../cache/outbox-store';
import type { Handler } from '../contract-host';

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

/**
 * The platform's answer on one line: control characters and runs of white space become one
 * space, and it is cut to `max` characters (a surrogate pair is never split) with "…".
 */
export function cutAnswer(answer: string, max = refusedAnswerMax): string {
  // eslint-disable-next-line no-control-regex
  const line = answer.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim();
  if (line.length <= max) return line;
  let end = max - 1;
  const last = line.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${line.slice(0, end)}…`;
}

/** One refused outbox row as the desk lists it (the body's fields read defensively). */
export function refusedItem(item: OutboxItem): RefusedOutboxItem {
  const body: Record<string, unknown> =
    typeof item.payload === 'object' && item.payload !== null
      ? (item.payload as Record<string, unknown>)
      : {};
  const isRun = item.kind === 'tour-run';
  return {
    id: item.id,
    kind: item.kind,
    cameraId: isRun ? null : text(body.cameraId),
    mark: isRun ? null : text(body.mark),
    tourName: text(body.tourName),
    tourRunId: text(body.tourRunId),
    operator: text(isRun ? body.watcher : body.operator),
    createdAt: item.createdAt,
    refusedAt: item.rejectedAt ?? item.createdAt,
    answer: cutAnswer(item.lastError ?? ''),
    notedAt: item.notedAt,
    notedBy: item.notedBy,
  };
}

type OutboxMethod = Extract<MethodName, 'outbox.refused' | 'outbox.noteRefused'>;

export function outboxHandlers(
  store: OutboxStore,
  /** Tells the desks the outbox changed (its refused count went down). */
  onChanged: () => void = () => {},
  now: () => number = Date.now,
): { [M in OutboxMethod]: Handler<M> } {
  return {
    'outbox.refused': ({ limit }) => store.rejected(limit).map(refusedItem),
    'outbox.noteRefused': ({ ids }, caller) => {
      const noted = store.noteRefused(ids, caller.operator, now());
      if (noted > 0) onChanged();
      return { noted };
    },
  };
}
