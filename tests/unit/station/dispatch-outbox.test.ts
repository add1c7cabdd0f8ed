/**
 * Unit orders through the outbox (issue #13): an order is published only after its dispatch
 * event was delivered, never when the platform refused the dispatch (409, the platform's reason
 * kept), and a broker that is away puts only the order off. Plus the order's view (state, late).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CacheDatabase } from '../../../electron/station/cache/database';
import { DispatchStore } from '../../../electron/station/cache/dispatch-store';
import { OutboxStore } from '../../../electron/station/cache/outbox-store';
import { platformAnswer } from '../../../electron/station/dispatch/dispatch-context';
import { orderView } from '../../../electron/station/dispatch/order-service';
import { DeliveryService } from '../../../electron/station/outbox/delivery-service';
import type { DispatchOrder, PlatformEventOf } from '../../../shared/contract/platform';

const dispatchEvent: PlatformEventOf<'incident-dispatch'> = {
  type: 'incident-dispatch',
  id: 'ev-1',
  incidentId: 'inc-1',
  operator: '值班长甲',
  stationId: 'station-1',
  at: 1,
  orders: [{ orderId: 'ord-1', unitId: 'u1', callSign: '巡001' }],
  note: '',
};
const order: DispatchOrder = {
  orderId: 'ord-1',
  incidentId: 'inc-1',
  incidentNumber: 'J1',
  category: '盗窃',
  level: 1,
  lat: 35.4,
  lng: 116.9,
  address: '',
  note: '',
  by: '值班长甲',
  stationId: 'station-1',
  at: 1,
};

describe('unit orders in the outbox', () => {
  let db: CacheDatabase;
  let store: OutboxStore;
  let published: { topic: string; body: unknown }[];
  let settled: { kind: string; outcome: string; error: string | null }[];

  beforeEach(() => {
    db = openDatabase(':memory:');
    store = new OutboxStore(db);
    published = [];
    settled = [];
  });
  afterEach(() => db.close());

  const queue = (): { event: number; item: number } => {
    const event = store.add('incident-dispatch', 'ev-1', dispatchEvent, 0);
    const item = store.add('unit-order', 'ord-1', { after: event, unitId: 'u1', order }, 0);
    return { event, item };
  };
  const service = (status: number, body = '', publishOk = true) =>
    new DeliveryService({
      store,
      eventsUrl: 'http://platform.test/api/v1/events',
      retryBaseMs: 1000,
      retryMaxMs: 5000,
      timeoutMs: 1000,
      now: () => 10,
      fetch: () => Promise.resolve(new Response(body, { status })),
      publish: (topic, b) => {
        if (!publishOk) return Promise.reject(new Error('not connected to the broker'));
        published.push({ topic, body: b });
        return Promise.resolve();
      },
      onSettled: (item, outcome, error) => settled.push({ kind: item.kind, outcome, error }),
    });

  it('publishes the order on vigil/orders/<unit> after its dispatch event was delivered', async () => {
    const { item } = queue();
    const s = service(201);
    s.start();
    await s.idle();
    expect(published).toEqual([{ topic: 'vigil/orders/u1', body: order }]);
    expect(store.get(item)?.deliveredAt).not.toBeNull();
    expect(settled.map((x) => `${x.kind}:${x.outcome}`)).toEqual([
      'incident-dispatch:delivered',
      'unit-order:delivered',
    ]);
    await s.stop();
  });

  it('never publishes an order whose dispatch the platform refused (409), and says why', async () => {
    const { event, item } = queue();
    const s = service(409, JSON.stringify({ error: 'J1 is closed (false-alarm)' }));
    s.start();
    await s.idle();
    expect(published).toEqual([]);
    expect(store.get(event)?.rejectedAt).not.toBeNull();
    const refused = store.get(item);
    expect(refused?.rejectedAt).not.toBeNull();
    expect(platformAnswer(refused?.lastError ?? '')).toBe('J1 is closed (false-alarm)');
    await s.stop();
  });

  it('keeps the order while the platform is down (not published before its event)', async () => {
    const { event, item } = queue();
    const s = service(503);
    s.start();
    await s.idle();
    expect(published).toEqual([]);
    expect(store.get(event)?.deliveredAt).toBeNull();
    expect(store.get(item)?.deliveredAt).toBeNull();
    expect(store.get(item)?.rejectedAt).toBeNull();
    expect(store.pendingByIncident().get('inc-1')).toBe(2);
    await s.stop();
  });

  it('a broker that is away puts the order off without refusing it', async () => {
    const { event, item } = queue();
    const s = service(201, '', false);
    s.start();
    await s.idle();
    expect(store.get(event)?.deliveredAt).not.toBeNull();
    const waiting = store.get(item);
    expect(waiting?.deliveredAt).toBeNull();
    expect(waiting?.rejectedAt).toBeNull();
    expect(waiting?.lastError).toContain('not connected');
    await s.stop();
  });

  it("reads an order's state from its outbox item, and flags it late past a limit", () => {
    const dispatch = new DispatchStore(db);
    const { event, item } = queue();
    dispatch.addOrder({
      orderId: 'ord-1',
      incidentId: 'inc-1',
      unitId: 'u1',
      callSign: '巡001',
      orderedAt: 0,
      by: '值班长甲',
      lat: 35.4,
      lng: 116.9,
      ackDueAt: 300_000,
      arrivalDueAt: 600_000,
      reinforcement: null,
      eventOutboxId: event,
      orderOutboxId: item,
    });
    const read = () => {
      const r = dispatch.order('ord-1');
      if (!r) throw new Error('no order');
      return r;
    };
    expect(orderView(read(), 1000)).toMatchObject({ state: 'queued', late: null });
    expect(orderView(read(), 300_001).late).toBe('ack');
    store.markDelivered(item, 10);
    expect(orderView(read(), 1000).state).toBe('sent');
    expect(dispatch.setProgress('ord-1', 'acknowledged', 2000)).toBe(true);
    expect(orderView(read(), 400_000)).toMatchObject({ state: 'acknowledged', late: null });
    expect(orderView(read(), 600_001).late).toBe('arrival');
    dispatch.setProgress('ord-1', 'arrived', 3000);
    expect(orderView(read(), 700_000)).toMatchObject({ state: 'arrived', late: null });
  });
});
