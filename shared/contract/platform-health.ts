/**
 * Camera health on the wire (issue #16; docs/protocol.md §9): fault tickets mirrored from the
 * platform over MQTT and changed through the outbox as incidents are, and the platform's record of
 * when each camera was down, for the weeks before this station ran (the weekly report has data on
 * its first day). Schemas only; the lifecycle table is shared/domain/health/tickets.ts.
 */
import { z } from 'zod';
import { faultKinds, ticketActions, ticketSources, ticketStatuses } from '../domain/health/tickets';
import { MarkSnapshotSchema } from './watch';

const ms = z.number().int().min(0);
const text = (max: number) => z.string().trim().max(max);
const person = z.string().trim().min(1).max(200);
const cameraId = z.string().trim().min(1).max(64);
const ticketId = z.string().trim().min(1).max(100);
const eventId = z.string().trim().min(1).max(100);

/** One step of a ticket's history: who did what, when (`open`, a merged `repeat`, or an action). */
export const TicketTimelineEntrySchema = z.object({
  at: ms,
  action: z.enum(['open', 'repeat', ...ticketActions]),
  by: person,
  note: text(2000).default(''),
});
export type TicketTimelineEntry = z.infer<typeof TicketTimelineEntrySchema>;

/**
 * `vigil/tickets/{ticketId}` (QoS 1, **retained**): the platform's whole record of one fault
 * ticket after every change; `rev` grows with each, a station keeps the highest. One open ticket
 * per camera and fault: a repeat (another mark, the diagnosis again after a flap) merges into it
 * (`repeats`, `lastSeenAt`). A closed or withdrawn ticket's retained message is cleared (an empty
 * payload) after a while; the station keeps its copy.
 */
export const TicketMessageSchema = z.object({
  /** The topic's id. */
  id: ticketId,
  /** The platform's number, as printed on the report (e.g. GD-20261203-0007). */
  number: text(100).min(1),
  cameraId,
  fault: z.enum(faultKinds),
  source: z.enum(ticketSources),
  status: z.enum(ticketStatuses),
  openedAt: ms,
  openedBy: person,
  /** The maintenance contractor it is dispatched to (派单), null before. */
  contractor: text(100).min(1).nullable().default(null),
  /** What a suspended ticket waits for (spare parts, power, carrier …), null otherwise. */
  suspendReason: text(500).nullable().default(null),
  /** SLA: hours to repair, and the time it is due (openedAt + slaHours). */
  slaHours: z
    .number()
    .min(0.25)
    .max(24 * 30),
  dueAt: ms,
  repairedAt: ms.nullable().default(null),
  closedAt: ms.nullable().default(null),
  /** How many times the same fault was reported again while the ticket was open. */
  repeats: z.number().int().min(0).default(0),
  lastSeenAt: ms,
  /** The picture it opened with (a watcher's mark), an http(s) URL of a JPEG ≤ 2 MB. */
  pictureUrl: z.string().min(1).max(2000).nullable().default(null),
  timeline: z.array(TicketTimelineEntrySchema).max(1000).default([]),
  rev: z.number().int().min(0),
});
export type TicketMessage = z.infer<typeof TicketMessageSchema>;

const ticketEventBase = {
  id: eventId,
  ticketId,
  operator: person,
  stationId: z.string().max(100),
  at: ms,
};

/**
 * Opens a ticket from what the station saw itself (a tile's diagnosis that persisted, the prober,
 * the platform's status staying offline). A watcher's faulty mark needs no such event: the
 * platform opens its ticket from the `patrol-mark` (with the mark's snapshot). If the camera
 * already has an open ticket for the fault the platform merges this into it (answer 200 with
 * `{ "mergedInto": "<ticketId>" }`) instead of opening another.
 */
export const TicketOpenEventSchema = z.object({
  type: z.literal('ticket-open'),
  ...ticketEventBase,
  cameraId,
  fault: z.enum(faultKinds),
  source: z.enum(ticketSources),
  note: text(2000).default(''),
  snapshot: MarkSnapshotSchema.optional(),
});
export type TicketOpenEvent = z.infer<typeof TicketOpenEventSchema>;

/**
 * One step of the lifecycle (shared/domain/health/tickets.ts). 409 `{ "error": "<why>" }` when the
 * ticket's status forbids it (closed at another station); the station never retries a 409.
 */
export const TicketActionEventSchema = z
  .object({
    type: z.literal('ticket-action'),
    ...ticketEventBase,
    action: z.enum(ticketActions),
    /** Who repairs it (dispatch only). */
    contractor: text(100).min(1).optional(),
    note: text(2000).default(''),
  })
  .refine((e) => e.action !== 'dispatch' || e.contractor !== undefined, {
    message: 'a dispatch names the contractor',
    path: ['contractor'],
  })
  .refine(
    (e) => !['suspend', 'reject', 'withdraw'].includes(e.action) || e.note.trim().length > 0,
    { message: 'suspend, reject and withdraw say why (note)', path: ['note'] },
  );
export type TicketActionEvent = z.infer<typeof TicketActionEventSchema>;

/** What a camera's downtime was: no stream at all, or a picture nobody can use. */
export const downKinds = ['offline', 'black', 'frozen', 'obstructed'] as const;
export type DownKind = (typeof downKinds)[number];

export const DownIntervalSchema = z
  .object({
    cameraId,
    kind: z.enum(downKinds),
    start: ms,
    /** null: still down. */
    end: ms.nullable(),
  })
  .refine((i) => i.end === null || i.end >= i.start, {
    message: 'an interval ends after it starts',
    path: ['end'],
  });
export type DownInterval = z.infer<typeof DownIntervalSchema>;

/**
 * `GET /api/v1/health/history?from=<ms>&to=<ms>` (at most 62 days): when each camera was down in
 * [from, to) as the platform recorded it, and the tickets opened in it. A camera with no interval
 * was up the whole time the platform `covered` (a platform that started keeping records later
 * says so by a later `coveredFrom`).
 */
export const HealthHistorySchema = z.object({
  from: ms,
  to: ms,
  /** The start of the platform's records within [from, to); null: it has none. */
  coveredFrom: ms.nullable(),
  intervals: z.array(DownIntervalSchema).max(500_000),
  tickets: z.array(TicketMessageSchema).max(100_000),
});
export type HealthHistory = z.infer<typeof HealthHistorySchema>;

/** The longest span one history request may ask for. */
export const healthHistoryMaxDays = 62;
