/**
 * Orders the workstation sends to units (`vigil/orders/{unitId}`, docs/protocol.md §3). The
 * protocol fixes the topic, not the body; the simulator acts on any JSON object that names a
 * place (`lat` / `lng`, at the top or under `target` or `location`) by sending the unit there.
 * Payloads it cannot read are dropped and counted, never stored.
 */
import { PlaceSchema, UnitOrderSchema } from '../../shared/contract/platform';

export interface ReceivedOrder {
  unitId: string;
  lat: number;
  lng: number;
  /** The whole payload as sent. */
  body: Record<string, unknown>;
  receivedAt: number;
  /** False when no such unit exists. */
  applied: boolean;
}

export interface OrderInbox {
  /** Parses an order; returns the place or a reason it was dropped. */
  read(
    topic: string,
    payload: Buffer,
  ):
    { unitId: string; place: { lat: number; lng: number }; body: Record<string, unknown> } | string;
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
      const parsed = UnitOrderSchema.safeParse(json);
      if (!parsed.success) {
        return drop(`${topic}: no place (lat and lng, at the top or under target or location)`);
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
