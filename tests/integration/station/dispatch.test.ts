/**
 * Dispatch at the station core (issue #13) against the built-in simulator over HTTP + MQTT:
 * incidents mirrored from the platform's retained messages, actions and orders through the
 * outbox, orders published on vigil/orders/<unit> exactly once (also after the platform was
 * down), a conflict's refusal told and the order never sent, bad payloads dropped and counted,
 * the chief's acts refused to a watcher, and the acknowledgement timer.
 */
import { rmSync } from 'node:fs';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog, VigilEvent } from '../../../shared/api';
import type { FocusState } from '../../../shared/contract/watch';
import type {
  CordonPlan,
  Incident,
  OrderView,
  RoadsInfo,
  UnitBoardEntry,
} from '../../../shared/contract/dispatch';
import type { UnitState } from '../../../shared/contract/map';
import {
  DispatchOrderSchema,
  type DispatchOrder,
  type IncidentMessage,
} from '../../../shared/contract/platform';
import { createStation, type Station } from '../../../electron/station';
import { startSimulator, type Simulator } from '../../../electron/sim';
import { signInAs } from '../../sign-in';
import { call, httpConfig, tempDir, value, waitFor } from './helpers';

let sim: Simulator;
let station: Station;
let dataDir: string;
let platform: MqttClient;
/** Every order the broker carried, by orderId (how many times). */
const ordersSeen = new Map<string, DispatchOrder[]>();
const events: VigilEvent[] = [];

beforeAll(async () => {
  sim = await startSimulator({
    cameras: 60,
    units: 12,
    seed: 7,
    port: 0,
    mqttPort: 0,
    alertIntervalMs: 0,
    incidentIntervalMs: 0,
    plateHitIntervalMs: 0,
    // Slow enough that a 0.6 s acknowledgement limit is passed first.
    unitAckDelayMs: { min: 4000, max: 5000 },
  });
  dataDir = tempDir('vigil-dispatch-');
  station = await createStation({
    config: httpConfig(sim, { dispatch: { ackLimitMinutes: 0.01 } }),
    dataDir,
  });
  station.events.on((e) => void events.push(e));
  await signInAs(station, '值班长甲', 'chief');
  // Our own subscriber to the orders, with a persistent session so a platform-down (which drops
  // every client) does not lose what is published while it reconnects.
  platform = await mqtt.connectAsync(sim.mqttUrl, {
    clientId: 'dispatch-test-orders',
    clean: false,
    reconnectPeriod: 200,
  });
  platform.on('message', (topic, payload) => {
    if (!topic.startsWith('vigil/orders/')) return;
    const parsed = DispatchOrderSchema.safeParse(JSON.parse(payload.toString('utf8')));
    if (!parsed.success) return;
    const list = ordersSeen.get(parsed.data.orderId) ?? [];
    list.push(parsed.data);
    ordersSeen.set(parsed.data.orderId, list);
  });
  await platform.subscribeAsync('vigil/orders/+', { qos: 1 });
  await waitFor(
    'link online',
    async () => (await value<{ state: string }>(station, 'link.get', {})).state === 'online',
    30_000,
  );
}, 120_000);

afterAll(async () => {
  await platform?.endAsync(true);
  await station?.stop();
  await sim?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const incident = (id: string) => value<{ incident: Incident }>(station, 'incident.get', { id });
const ordersOf = (incidentId: string) =>
  value<OrderView[]>(station, 'dispatch.orders', { incidentId });

/** Opens an incident at the station and waits for the platform's record of it. */
async function openIncident(lat: number, lng: number): Promise<Incident> {
  const opened = await value<Incident>(station, 'incident.open', {
    category: '盗窃',
    level: 1,
    lat,
    lng,
    address: '农贸市场',
    summary: '钱包被盗',
  });
  expect(opened.provisional).toBe(true);
  return waitFor(
    'the platform keeps the opened incident',
    async () => {
      const { incident: i } = await incident(opened.id);
      return !i.provisional ? i : undefined;
    },
    20_000,
  );
}

/** A unit with a fix and no order yet. */
async function freeUnit(used: Set<string>): Promise<UnitState> {
  return waitFor(
    'a free unit',
    async () => {
      const units = await value<UnitState[]>(station, 'units.list', {});
      const board = await value<UnitBoardEntry[]>(station, 'units.board', {});
      const free = new Set(
        board.filter((b) => b.availability === 'available').map((b) => b.unitId),
      );
      return units.find((u) => !used.has(u.unitId) && free.has(u.unitId) && u.kind === 'car');
    },
    20_000,
  );
}

const used = new Set<string>();
const simOrders = (orderId: string) =>
  sim.receivedOrders().orders.filter((o) => o.orderId === orderId);

describe('dispatch at the station', () => {
  it('mirrors an incident the platform publishes, and streams it', async () => {
    const at = Date.now();
    const message: IncidentMessage = {
      id: 'T-published-1',
      number: 'J2026120300001',
      rev: 1,
      category: '打架斗殴',
      level: 2,
      lat: 35.41,
      lng: 116.97,
      address: '钢山街',
      source: 'call',
      status: 'new',
      reportedAt: at,
      updatedAt: at,
      summary: '',
      callerPhone: '13800000000',
      units: [],
      pictures: [],
      timeline: [{ at, what: 'opened', by: 'platform' }],
    };
    const publisher = await mqtt.connectAsync(sim.mqttUrl, { clientId: 'dispatch-test-pub' });
    try {
      await publisher.publishAsync(`vigil/incidents/${message.id}`, JSON.stringify(message), {
        qos: 1,
        retain: true,
      });
      const listed = await waitFor('the incident listed', async () => {
        const list = await value<Incident[]>(station, 'incident.list', {});
        return list.find((i) => i.id === message.id);
      });
      expect(listed).toMatchObject({ number: message.number, provisional: false, level: 2 });
      await waitFor('an incidents event', () =>
        events.some(
          (e) =>
            e.stream === 'incidents' &&
            (e.payload as { incidents: Incident[] }).incidents.some((i) => i.id === message.id),
        ),
      );
      // An older rev does not replace the newer one.
      await publisher.publishAsync(
        `vigil/incidents/${message.id}`,
        JSON.stringify({ ...message, rev: 2, summary: 'rev 2' }),
        { qos: 1, retain: true },
      );
      await waitFor('rev 2', async () => (await incident(message.id)).incident.rev === 2);
      await publisher.publishAsync(
        `vigil/incidents/${message.id}`,
        JSON.stringify({ ...message, rev: 1, summary: 'stale' }),
        { qos: 1 },
      );
      // The platform clears the retained message: our copy stays.
      await publisher.publishAsync(`vigil/incidents/${message.id}`, '', { qos: 1, retain: true });
      await new Promise((r) => setTimeout(r, 1000));
      expect((await incident(message.id)).incident).toMatchObject({ rev: 2, summary: 'rev 2' });
    } finally {
      await publisher.endAsync();
    }
  });

  it('drops malformed incident and status payloads, counts them with the field, stores nothing', async () => {
    const before = await value<{ realtime?: { dropped: number } }>(station, 'link.get', {});
    const dropped0 = before.realtime?.dropped ?? 0;
    const publisher = await mqtt.connectAsync(sim.mqttUrl, { clientId: 'dispatch-test-bad' });
    const at = Date.now();
    try {
      const bad = {
        id: 'T-bad-1',
        number: 'J1',
        rev: 1,
        category: '盗窃',
        level: 9,
        lat: 35.4,
        lng: 116.9,
        address: '',
        source: 'call',
        status: 'new',
        reportedAt: at,
        updatedAt: at,
      };
      await publisher.publishAsync('vigil/incidents/T-bad-1', JSON.stringify(bad), { qos: 1 });
      // The topic names another incident than the payload.
      await publisher.publishAsync(
        'vigil/incidents/T-bad-2',
        JSON.stringify({ ...bad, level: 1 }),
        { qos: 1 },
      );
      const link = await waitFor('two drops counted', async () => {
        const l = await value<{ realtime?: { dropped: number; lastProblem: string | null } }>(
          station,
          'link.get',
          {},
        );
        return (l.realtime?.dropped ?? 0) >= dropped0 + 2 ? l : undefined;
      });
      expect(link.realtime?.lastProblem).toContain('does not match topic');
      await publisher.publishAsync(
        'vigil/units/bad-unit/status',
        JSON.stringify({ unitId: 'bad-unit', availability: 'maybe', activity: 'patrol', at }),
        { qos: 1 },
      );
      const after = await waitFor('the status drop counted', async () => {
        const l = await value<{ realtime?: { dropped: number; lastProblem: string | null } }>(
          station,
          'link.get',
          {},
        );
        return (l.realtime?.dropped ?? 0) >= dropped0 + 3 ? l : undefined;
      });
      expect(after.realtime?.lastProblem).toContain('availability');
      expect((await call(station, 'incident.get', { id: 'T-bad-1' })).ok).toBe(false);
      expect((await call(station, 'incident.get', { id: 'T-bad-2' })).ok).toBe(false);
    } finally {
      await publisher.endAsync();
    }
  });

  it('opens and accepts through the outbox; the platform record comes back', async () => {
    const opened = await openIncident(35.405, 116.966);
    expect(opened.number).not.toBe('待编号');
    await value<Incident>(station, 'incident.accept', { id: opened.id });
    const accepted = await waitFor('accepted by the platform', async () => {
      const { incident: i } = await incident(opened.id);
      return i.status === 'accepted' && i.pending === 0 ? i : undefined;
    });
    expect(accepted.timeline.some((t) => t.what === 'accepted' && t.by === '值班长甲')).toBe(true);
  });

  it('dispatches: the order reaches vigil/orders/<unit> once, then the unit acknowledges; late past the ack limit', async () => {
    const target = await openIncident(35.402, 116.962);
    const unit = await freeUnit(used);
    used.add(unit.unitId);
    const [order] = await value<OrderView[]>(station, 'dispatch.order', {
      incidentId: target.id,
      unitIds: [unit.unitId],
      note: '速去',
    });
    if (!order) throw new Error('no order');
    expect(order).toMatchObject({ unitId: unit.unitId, incidentId: target.id });
    expect(['queued', 'sent']).toContain(order.state);
    const seen = await waitFor('the order on MQTT', () => ordersSeen.get(order.orderId));
    expect(seen[0]).toMatchObject({ incidentId: target.id, incidentNumber: target.number });
    // 0.6 s to acknowledge, the simulated unit takes 4-5 s: flagged late first.
    await waitFor(
      'late: ack',
      async () => (await ordersOf(target.id)).find((o) => o.late === 'ack'),
      15_000,
    );
    await waitFor(
      'acknowledged',
      async () => {
        const o = (await ordersOf(target.id)).find((x) => x.orderId === order.orderId);
        return o && o.acknowledgedAt !== null && o.late !== 'ack' ? o : undefined;
      },
      20_000,
    );
    expect(ordersSeen.get(order.orderId)).toHaveLength(1);
    const board = await value<UnitBoardEntry[]>(station, 'units.board', {});
    expect(board.find((b) => b.unitId === unit.unitId)?.orderId).toBe(order.orderId);
  });

  it('with the platform down, the order is queued and delivered once after', async () => {
    const target = await openIncident(35.408, 116.971);
    const unit = await freeUnit(used);
    used.add(unit.unitId);
    sim.setFault({ kind: 'platform-down' });
    try {
      const [order] = await value<OrderView[]>(station, 'dispatch.order', {
        incidentId: target.id,
        unitIds: [unit.unitId],
        note: '',
      });
      if (!order) throw new Error('no order');
      expect(order.state).toBe('queued');
      await new Promise((r) => setTimeout(r, 2000));
      expect((await ordersOf(target.id))[0]?.state).toBe('queued');
      expect(ordersSeen.has(order.orderId)).toBe(false);
      expect(simOrders(order.orderId)).toHaveLength(0);
      sim.clearFaults();
      // The platform's broker (its own order inbox) counts what arrived: exactly once.
      await waitFor(
        'the order at the platform after',
        () => simOrders(order.orderId).length > 0,
        30_000,
      );
      await waitFor('sent', async () => (await ordersOf(target.id))[0]?.state !== 'queued');
      await new Promise((r) => setTimeout(r, 2000));
      expect(simOrders(order.orderId)).toHaveLength(1);
      // The platform has one record of the dispatch, whatever the retries.
      const dispatched = sim
        .receivedEvents()
        .filter((e) => e.event.type === 'incident-dispatch' && e.event.incidentId === target.id);
      expect(dispatched).toHaveLength(1);
    } finally {
      sim.clearFaults();
    }
  }, 90_000);

  it('a dispatch the platform refuses (409) is never published, and the incident says why', async () => {
    const target = await openIncident(35.4, 116.96);
    await value<Incident>(station, 'incident.close', {
      id: target.id,
      disposition: 'false-alarm',
      note: '',
    });
    await waitFor('closed', async () => (await incident(target.id)).incident.status === 'closed');
    const unit = await freeUnit(used);
    const [order] = await value<OrderView[]>(station, 'dispatch.order', {
      incidentId: target.id,
      unitIds: [unit.unitId],
      note: '',
    });
    if (!order) throw new Error('no order');
    const refused = await waitFor('refused', async () =>
      (await ordersOf(target.id)).find((o) => o.orderId === order.orderId && o.state === 'refused'),
    );
    expect(refused.refusal).toBeTruthy();
    const { incident: after } = await incident(target.id);
    expect(after.refused).toMatchObject({ action: 'dispatch' });
    expect(after.refused?.answer).not.toMatch(/^HTTP/);
    await new Promise((r) => setTimeout(r, 1500));
    expect(ordersSeen.has(order.orderId)).toBe(false);
    expect(simOrders(order.orderId)).toHaveLength(0);
    // The unit is free again for the next order.
    const board = await value<UnitBoardEntry[]>(station, 'units.board', {});
    expect(board.find((b) => b.unitId === unit.unitId)?.orderId).not.toBe(order.orderId);
  });

  it('ranks units by ETA for an incident', async () => {
    const target = await openIncident(35.406, 116.968);
    const result = await value<{ units: { etaS: number; availability: string }[] }>(
      station,
      'dispatch.recommend',
      { incidentId: target.id, limit: 50 },
    );
    expect(result.units.length).toBeGreaterThan(0);
    const available = result.units.filter((u) => u.availability === 'available');
    for (let i = 1; i < available.length; i++) {
      expect(available[i]!.etaS).toBeGreaterThanOrEqual(available[i - 1]!.etaS);
    }
  });

  it('plans a cordon on the platform roads (in the road worker): a ring its units can close', async () => {
    await waitFor(
      'the road graph',
      async () => (await value<RoadsInfo | null>(station, 'roads.info', {})) !== null,
      30_000,
    );
    const plan = await value<CordonPlan>(station, 'cordon.plan', {
      lat: 35.405,
      lng: 116.966,
      mode: 'vehicle',
      speedKmh: 40,
      minutesSince: 2,
    });
    expect(plan.graphVersion).not.toBeNull();
    // Tried from 1 minute up to the configured maximum (10 by default).
    expect(plan.horizonMinutes).toBeGreaterThanOrEqual(1);
    expect(plan.horizonMinutes).toBeLessThanOrEqual(10);
    expect(plan.area.length).toBeGreaterThanOrEqual(3);
    expect(plan.nowArea.length).toBeGreaterThanOrEqual(3);
    expect(plan.exits.length).toBeGreaterThan(0);
    for (const e of plan.exits) {
      // Beyond the ring drawn: at least its horizon from now, each exit its own time.
      expect(e.suspectEtaS).toBeGreaterThanOrEqual(plan.horizonMinutes * 60);
      const proposed = e.units[0];
      if (proposed?.beats) expect(proposed.etaS).toBeLessThan(e.suspectEtaS);
    }
    if (plan.exits.length > 1) {
      expect(new Set(plan.exits.map((e) => e.suspectEtaS)).size).toBeGreaterThan(1);
    }
    // Taking, exit after exit (soonest first), the first listed free unit that beats the
    // suspect closes at least as many exits as taking the fastest free one.
    type ExitUnits = CordonPlan['exits'][number]['units'];
    const covered = (pick: (units: ExitUnits) => ExitUnits) => {
      const used = new Set<string>();
      for (const e of [...plan.exits].sort((a, b) => a.suspectEtaS - b.suspectEtaS)) {
        const u = pick(e.units).find((x) => x.beats && !used.has(x.unitId));
        if (u) used.add(u.unitId);
      }
      return used.size;
    };
    const listed = covered((units) => units);
    const fastest = covered((units) => [...units].sort((a, b) => a.etaS - b.etaS));
    expect(listed).toBeGreaterThanOrEqual(fastest);
  });

  it("puts the incident's cameras on the focus wall, and following a suspect keeps the incident on the tile", async () => {
    const catalog = await value<Catalog>(station, 'catalog.get', {});
    const seen = catalog.cameras.find((c) => c.status !== 'offline')!;
    const opened = await openIncident(seen.lat, seen.lng);
    const focus = await value<{ cameraIds: string[]; wallId: number; tileIndexes: number[] }>(
      station,
      'incident.focus',
      { id: opened.id },
    );
    expect(focus.cameraIds).toContain(seen.id);
    expect(focus.tileIndexes).toHaveLength(focus.cameraIds.length);
    const pulled = async () =>
      (await value<FocusState>(station, 'focus.list', {})).pulls.find((p) =>
        p.title.includes(opened.number),
      );
    const tile = focus.tileIndexes[0]!;
    // The watcher follows the suspect to a camera the pull did not choose.
    const next = catalog.cameras.find((c) => !focus.cameraIds.includes(c.id))!;
    await value(station, 'tile.follow', {
      wallId: focus.wallId,
      tileIndex: tile,
      cameraId: next.id,
    });
    const after = await pulled();
    expect(after?.tiles.find((t) => t.tileIndex === tile)?.cameraId).toBe(next.id);
    // An operator's own assignment still lets the tile go.
    await value(station, 'wall.assign', {
      wallId: focus.wallId,
      tileIndex: tile,
      cameraId: seen.id,
    });
    expect((await pulled())?.tiles.some((t) => t.tileIndex === tile) ?? false).toBe(false);
  });

  it('refuses dispatch.order to a watcher in the core', async () => {
    const target = (await value<Incident[]>(station, 'incident.list', {}))[0];
    if (!target) throw new Error('no incident');
    await signInAs(station, '值机员乙', 'watcher');
    try {
      const r = await call(station, 'dispatch.order', {
        incidentId: target.id,
        unitIds: ['whoever'],
        note: '',
      });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('forbidden');
      // A watcher still sees the queue.
      expect((await call(station, 'incident.list', {})).ok).toBe(true);
    } finally {
      await signInAs(station, '值班长甲', 'chief');
    }
  });
});
