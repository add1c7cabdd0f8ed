/**
 * Incident history on the wire (issue #17 item 1; docs/protocol.md §10): the platform's past
 * incidents for the analysis products, and the warning order (预警指令) a station sends to units.
 */
import { z } from 'zod';
import { IncidentLevelSchema } from './platform';

const ms = z.number().int().min(0);
const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);
const text = (max: number) => z.string().trim().max(max);

/**
 * One past incident. Most are known to the minute (`reportedAt`); some only by a window — a
 * theft found in the morning happened some time overnight: `windowStart`…`windowEnd` (both or
 * neither), which the products spread over (aoristic weighting).
 */
export const HistoricIncidentSchema = z
  .object({
    id: z.string().trim().min(1).max(100),
    number: text(100).min(1),
    category: text(100).min(1),
    level: IncidentLevelSchema,
    lat,
    lng,
    address: text(500).default(''),
    reportedAt: ms,
    windowStart: ms.optional(),
    windowEnd: ms.optional(),
    /** The grid its point lies in, when the platform says (the station finds it otherwise). */
    gridId: z.string().trim().min(1).max(64).optional(),
    /** When a unit acknowledged and arrived, and when it was closed; absent: not known. */
    acknowledgedAt: ms.optional(),
    arrivedAt: ms.optional(),
    closedAt: ms.optional(),
    /** Units that handled it. */
    unitIds: z.array(z.string().min(1).max(64)).max(50).default([]),
  })
  .refine((i) => (i.windowStart === undefined) === (i.windowEnd === undefined), {
    message: 'windowStart and windowEnd go together',
    path: ['windowStart'],
  })
  .refine((i) => i.windowStart === undefined || i.windowEnd! >= i.windowStart, {
    message: 'windowEnd is not before windowStart',
    path: ['windowEnd'],
  });
export type HistoricIncident = z.infer<typeof HistoricIncidentSchema>;

/**
 * `GET /api/v1/incidents/history?from=<ms>&to=<ms>` (at most `incidentHistoryMaxDays` a request):
 * the incidents reported in [from, to), oldest first. `coveredFrom`: the start of the platform's
 * records in the range (null: none).
 */
export const IncidentHistorySchema = z.object({
  from: ms,
  to: ms,
  coveredFrom: ms.nullable(),
  incidents: z.array(HistoricIncidentSchema).max(200_000),
});
export type IncidentHistory = z.infer<typeof IncidentHistorySchema>;
export const incidentHistoryMaxDays = 31;

/**
 * A warning order (预警指令) on `vigil/orders/{unitId}` (QoS 1): visit a place in a time window
 * and stop there a while. `lat`/`lng` at the top keep it an order any platform reads; a unit acts
 * on a `warningId` once.
 */
export const WarningOrderSchema = z.object({
  warningId: z.string().min(1).max(100),
  kind: z.literal('warning'),
  name: text(200).min(1),
  lat,
  lng,
  radiusM: z.number().min(10).max(2000),
  windowStart: ms,
  windowEnd: ms,
  stopMinMinutes: z.number().int().min(1).max(240),
  stopMaxMinutes: z.number().int().min(1).max(240),
  note: text(2000).default(''),
  by: z.string().trim().min(1).max(200),
  stationId: z.string().max(100),
  at: ms,
});
export type WarningOrder = z.infer<typeof WarningOrderSchema>;
