/**
 * Orders the workstation sends to units (`vigil/orders/{unitId}`, docs/protocol.md §3 and §8).
 *
 * - A dispatch order (a JSON object with an `orderId` that passes DispatchOrderSchema): the unit
 *   acknowledges, drives the roads to the incident and reports its statuses; one orderId is
 *   obeyed once.
 * - Any other JSON object that names a place (`lat` / `lng`, at the top or under `target` or
 *   `location`): the protocol's place-only order, the unit goes straight there.
 *
 * - A warning order (预警指令: `kind: 'warning'`, shared/contract/platform-analysis.ts
 *   WarningOrderSchema): visit a place within a time window and stop there a while; one
 *   warningId is obeyed once. A body that says `kind: 'warning'` but is not a valid warning order
 *   (or whose window or stop range runs backwards) is dropped, never taken for a place-only order.
 *
 * Payloads it cannot read are dropped and counted, never stored, with the field at fault named
 * (an object with an `orderId` that is not a valid dispatch order and names no place is judged
 * as a dispatch order, so the reason names the dispatch field that is wrong).
 */
import {
  DispatchOrderSchema,
  PlaceSchema,
  UnitOrderSchema,
  type DispatchOrder,
} from '../../shared/contract/platform';
import { WarningOrderSchema, type WarningOrder } from '../../shared/contract/platform-analysis';
import { formatZodError } from './zod-message';

export interface ReceivedOrder {
  unitId: string;
  lat: number;
  lng: number;
  /** The whole payload as sent. */
  body: Record<string, unknown>;
  receivedAt: number;
  /** False when no such unit exists. */
  applied: boolean;
  /** A dispatch order's id and incident. */
  orderId?: string;
  incidentId?: string;
  /** A warning order's id and what the unit makes of it (./unit-fleet.ts warningResponse). */
  warningId?: string;
  response?: 'obeys' | 'late' | 'ignores';
  /** True when the orderId or warningId had reached the unit before (not obeyed again). */
  repeat?: boolean;
}

export type ReadOrder = {
  unitId: string;
  place: { lat: number; lng: number };
  body: Record<string, unknown>;
  /** Set when the body is a dispatch order. */
  dispatch?: DispatchOrder;
  /** Set when the body is a warning order. */
  warning?: WarningOrder;
};

export interface OrderInbox {
  /** Parses an order; returns it or a reason it was dropped. */
  read(topic: string, payload: Buffer): ReadOrder | string;
  record(order: ReceivedOrder): void;
  list(): { orders: ReceivedOrder[]; dropped: number; lastDropReason: string | null };
}

const keep = 200;

export function createOrderInbox(): OrderInbox {
  const orders: ReceivedOrder[] = [];
  let dropped = 0;
  let lastDropReason: string | null = null;
  const drop = (reason: string): string => {
    dropped += 1;
    lastDropReason = reason;
    return reason;
  };
  return {
    read(topic, payload) {
      const unitId = /^vigil\/orders\/([^/]+)$/.exec(topic)?.[1];
      if (!unitId) return drop(`${topic}: not an order topic`);
      let json: unknown;
      try {
        json = JSON.parse(payload.toString('utf8'));
      } catch {
        return drop(`${topic}: payload is not JSON`);
      }
      if (
        typeof json === 'object' &&
        json !== null &&
        (json as { kind?: unknown }).kind === 'warning'
      ) {
        const warning = WarningOrderSchema.safeParse(json);
        if (!warning.success) {
          return drop(`${topic}: warning order refused: ${formatZodError(warning.error)}`);
        }
        const w = warning.data;
        if (w.windowEnd <= w.windowStart) {
          return drop(`${topic}: warning order refused: windowEnd must be after windowStart`);
        }
        if (w.stopMaxMinutes < w.stopMinMinutes) {
          return drop(
            `${topic}: warning order refused: stopMaxMinutes must not be below stopMinMinutes`,
          );
        }
        return {
          unitId,
          place: { lat: w.lat, lng: w.lng },
          body: json as Record<string, unknown>,
          warning: w,
        };
      }
      const dispatch = DispatchOrderSchema.safeParse(json);
      if (dispatch.success) {
        const body = json as Record<string, unknown>;
        return {
          unitId,
          place: { lat: dispatch.data.lat, lng: dispatch.data.lng },
          body,
          dispatch: dispatch.data,
        };
      }
      const parsed = UnitOrderSchema.safeParse(json);
      if (!parsed.success) {
        const looksDispatch = typeof json === 'object' && json !== null && 'orderId' in json;
        return drop(
          looksDispatch
            ? `${topic}: dispatch order refused: ${formatZodError(dispatch.error)}`
            : `${topic}: no place (lat and lng, at the top or under target or location)`,
        );
      }
      const body = parsed.data as Record<string, unknown>;
      return { unitId, place: placeOf(body), body };
    },
    record(order) {
      orders.push(order);
      if (orders.length > keep) orders.splice(0, orders.length - keep);
    },
    list: () => ({ orders: [...orders], dropped, lastDropReason }),
  };
}

/** The place an order names: under `target`, else under `location`, else at the top. */
function placeOf(order: Record<string, unknown>): { lat: number; lng: number } {
  for (const candidate of [order.target, order.location, order]) {
    const place = PlaceSchema.safeParse(candidate);
    if (place.success) return place.data;
  }
  throw new Error('an order that passed UnitOrderSchema names a place');
}
