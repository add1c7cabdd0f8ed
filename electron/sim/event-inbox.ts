/**
 * Events the workstation posts (docs/protocol.md §4), received exactly once: de-duplicated by
 * their Idempotency-Key, with how many times each key was posted (for tests of the outbox).
 */
import { z } from 'zod';
import { patrolMarks } from '../../shared/api';
import { MarkSnapshotSchema } from '../../shared/contract/watch';
import { faultKinds } from '../../shared/domain/watch';

export const PatrolMarkEventSchema = z.object({
  type: z.literal('patrol-mark'),
  id: z.string().trim().min(1).max(100),
  cameraId: z.string().trim().min(1).max(64),
  mark: z.enum(patrolMarks),
  note: z.string().max(2000).default(''),
  operator: z.string().trim().min(1).max(200),
  at: z.number().int().min(0),
  // A mark made at a stop of a scheduled patrol tour (定时查巡) names the tour, the run and the
  // stop, so the platform holds the evidence that the tour was done (docs/protocol.md §4).
  tourId: z.string().trim().min(1).max(100).optional(),
  tourRunId: z.string().trim().min(1).max(100).optional(),
  stopIndex: z.number().int().min(0).max(10_000).optional(),
  /** What is wrong with a faulty camera: opens a maintenance ticket. */
  fault: z.enum(faultKinds).optional(),
  /** Where an abnormal mark opens its event (the camera's location). */
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  /** What the watcher saw with an abnormal or faulty mark: a JPEG as base64. */
  snapshot: MarkSnapshotSchema.optional(),
});
export type PatrolMarkEvent = z.infer<typeof PatrolMarkEventSchema>;

/** A tour run that ended: every stop's outcome, missed ones included (docs/protocol.md §4). */
export const TourRunEventSchema = z.object({
  type: z.literal('tour-run'),
  id: z.string().trim().min(1).max(100),
  tourId: z.string().trim().min(1).max(100),
  tourRunId: z.string().trim().min(1).max(100),
  tourName: z.string().max(200),
  watcher: z.string().max(200),
  startedBy: z.string().max(200),
  startedAt: z.number().int().min(0),
  endedAt: z.number().int().min(0),
  status: z.enum(['completed', 'stopped']),
  stops: z
    .array(
      z.object({
        index: z.number().int().min(0).max(10_000),
        cameraId: z.string().trim().min(1).max(64),
        outcome: z.enum([...patrolMarks, 'missed']),
        at: z.number().int().min(0).nullable(),
        by: z.string().max(200).nullable(),
        fault: z.enum(faultKinds).nullable().optional(),
      }),
    )
    .min(1)
    .max(2000),
});
export type TourRunEvent = z.infer<typeof TourRunEventSchema>;

/** What the workstation may post. */
export const WorkstationEventSchema = z.discriminatedUnion('type', [
  PatrolMarkEventSchema,
  TourRunEventSchema,
]);
export type WorkstationEvent = z.infer<typeof WorkstationEventSchema>;

export const IdempotencyKeySchema = z
  .string()
  .trim()
  .min(1, 'Idempotency-Key header is required')
  .max(200, 'Idempotency-Key must be at most 200 characters');

export interface ReceivedEvent {
  key: string;
  event: WorkstationEvent;
  /** How many times the key was posted (1 = no retry). */
  count: number;
  firstAt: number;
  lastAt: number;
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
    event: WorkstationEvent,
    now: number,
  ): { created: boolean; receipt: EventReceipt };
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
        return { created: false, receipt: seen.receipt };
      }
      const receipt = { id: event.id, key, receivedAt: now };
      byKey.set(key, { key, event, count: 1, firstAt: now, lastAt: now, receipt });
      return { created: true, receipt };
    },
    list: () =>
      [...byKey.values()].map(({ key, event, count, firstAt, lastAt }) => ({
        key,
        event,
        count,
        firstAt,
        lastAt,
      })),
  };
}
