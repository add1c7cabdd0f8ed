/**
 * Events the workstation posts (docs/protocol.md §4), received exactly once: de-duplicated by
 * their Idempotency-Key, with how many times each key was posted (for tests of the outbox). An
 * event the platform refused with 409 keeps its reason, so a repeat of its key is refused again
 * with the same words instead of being applied late.
 */
import type { PlatformEvent } from '../../shared/contract/platform';

// The events and their schemas are the protocol's, shared with the station
// (shared/contract/platform.ts); http-server.ts validates every post with them.
export type { PatrolMarkEvent, TourRunEvent } from '../../shared/contract/platform';

export interface ReceivedEvent {
  key: string;
  event: PlatformEvent;
  /** How many times the key was posted (1 = no retry). */
  count: number;
  firstAt: number;
  lastAt: number;
  /** Why the platform refused it (409), if it did. */
  conflict?: string;
  /** The body it was answered with instead of the receipt (200: a ticket-open merged), if so. */
  answer?: unknown;
}

export interface EventReceipt {
  id: string;
  key: string;
  receivedAt: number;
}

export interface EventInbox {
  /** Records a valid event; `created` is false when the key was seen before. */
  accept(
    key: string,
    event: PlatformEvent,
    now: number,
  ): { created: boolean; receipt: EventReceipt; conflict?: string; answer?: unknown };
  /** Records that the key's event was refused (409) and why. */
  refuse(key: string, reason: string): void;
  /** Records the body the key's event was answered with instead of the receipt (200). */
  answer(key: string, body: unknown): void;
  list(): ReceivedEvent[];
}

export function createEventInbox(): EventInbox {
  const byKey = new Map<string, ReceivedEvent & { receipt: EventReceipt }>();
  return {
    accept(key, event, now) {
      const seen = byKey.get(key);
      if (seen) {
        seen.count += 1;
        seen.lastAt = now;
        return {
          created: false,
          receipt: seen.receipt,
          ...(seen.conflict === undefined ? {} : { conflict: seen.conflict }),
          ...(seen.answer === undefined ? {} : { answer: seen.answer }),
        };
      }
      const receipt = { id: event.id, key, receivedAt: now };
      byKey.set(key, { key, event, count: 1, firstAt: now, lastAt: now, receipt });
      return { created: true, receipt };
    },
    refuse(key, reason) {
      const seen = byKey.get(key);
      if (seen) seen.conflict = reason;
    },
    answer(key, body) {
      const seen = byKey.get(key);
      if (seen) seen.answer = body;
    },
    list: () =>
      [...byKey.values()].map(({ key, event, count, firstAt, lastAt, conflict, answer }) => ({
        key,
        event,
        count,
        firstAt,
        lastAt,
        ...(conflict === undefined ? {} : { conflict }),
        ...(answer === undefined ? {} : { answer }),
      })),
  };
}
