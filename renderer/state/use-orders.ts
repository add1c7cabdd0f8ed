/**
 * Dispatch orders and their timers (issue #13 item 5): `dispatch.orders` once (every open one, or
 * one incident's), then the `orders` stream. Kept as a Map by order id.
 */
import { useCallback } from 'react';
import type { EventPayloads } from '../../shared/api';
import type { OrderView } from '../../shared/contract/dispatch';
import type { VigilClient } from '../transport/client';
import { useSyncedState, type SyncedState } from '../transport/use-synced-state';

export type OrderMap = ReadonlyMap<string, OrderView>;

export function mergeOrders(
  state: OrderMap,
  orders: readonly OrderView[],
  incidentId: string | undefined,
): OrderMap {
  const mine =
    incidentId === undefined ? orders : orders.filter((o) => o.incidentId === incidentId);
  if (mine.length === 0) return state;
  const next = new Map(state);
  for (const order of mine) next.set(order.orderId, order);
  return next;
}

/** Every open order (no id), or one incident's orders, finished ones included. */
export function useOrders(incidentId?: string): SyncedState<OrderMap> {
  const load = useCallback(
    async (client: VigilClient): Promise<OrderMap> =>
      new Map(
        (await client.get('dispatch.orders', incidentId ? { incidentId } : {})).map((o) => [
          o.orderId,
          o,
        ]),
      ),
    [incidentId],
  );
  const apply = useCallback(
    (state: OrderMap, payload: EventPayloads['orders']): OrderMap =>
      mergeOrders(state, payload.orders, incidentId),
    [incidentId],
  );
  return useSyncedState('orders', load, apply);
}
