import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IncidentMessageSchema,
  UnitStatusMessageSchema,
  type DispatchOrder,
  type IncidentMessage,
  type UnitStatusMessage,
} from '../../../shared/contract/platform';
import { RoadGraphSchema, type RoadGraphWire } from '../../../shared/contract/roads';
import { buildRoadGraph, nearestNode } from '../../../shared/domain/roads';
import { fromLatLng, type Point } from '../../../electron/sim/geo-frame';
import { startSimulator, type Simulator } from '../../../electron/sim/index';

let sim: Simulator;
let roads: RoadGraphWire;
const clients: MqttClient[] = [];
const unitCount = 40;
// The smallest JPEG header the snapshot schema takes (base64 of FF D8 FF E0 …).
const jpeg = '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHR8eHR0a';

beforeAll(async () => {
  sim = await startSimulator({
    cameras: 500,
    units: unitCount,
    alertIntervalMs: 0,
    incidentIntervalMs: 0,
    plateHitIntervalMs: 0,
    // Units on an order move 50 times as fast and acknowledge within a second, so an order's
    // whole life fits in seconds of test time; the statuses and the route are the real ones.
    unitSpeedFactor: 50,
    unitAckDelayMs: { min: 200, max: 600 },
    onSceneMs: 3000,
    closedIncidentRetainMs: 1500,
  });
  roads = RoadGraphSchema.parse(await (await fetch(`${sim.baseUrl}/api/v1/roads`)).json());
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true)));
  await sim.stop();
});

async function connect(): Promise<MqttClient> {
  const client = await mqtt.connectAsync(sim.mqttUrl, {
    clientId: `vigil-dispatch-test-${clients.length}`,
    clean: true,
    reconnectPeriod: 0,
  });
  clients.push(client);
  return client;
}

interface Got {
  topic: string;
  raw: Buffer;
  retain: boolean;
}

/** Every message on topics matching `topic` from now on, as they come. */
function listen(client: MqttClient, topic: RegExp): Got[] {
  const got: Got[] = [];
  client.on('message', (t, payload, packet) => {
    if (topic.test(t)) got.push({ topic: t, raw: Buffer.from(payload), retain: packet.retain });
  });
  return got;
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function postEvent(key: string, body: Record<string, unknown>) {
  return fetch(`${sim.baseUrl}/api/v1/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(body),
  });
}

const admin = (path: string, init?: RequestInit) =>
  fetch(`${sim.baseUrl}${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${sim.adminToken}`,
      ...(init?.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
  });

const byChief = { operator: '王五', stationId: 'desk-2' };
let eventSeq = 0;
const base = (incidentId: string) => ({
  id: `ev-${++eventSeq}`,
  incidentId,
  ...byChief,
  at: Date.now(),
});

function openAt(incidentId: string, lat: number, lng: number) {
  return postEvent(`open-${incidentId}`, {
    type: 'incident-open',
    ...base(incidentId),
    category: '盗窃',
    level: 1,
    lat,
    lng,
    address: '邹城市千泉街88号',
    summary: '电动车被盗',
  });
}

function dispatchEvent(incidentId: string, unitId: string, orderId: string, key: string) {
  const callSign = sim.unitPositions().find((p) => p.unitId === unitId)?.callSign ?? unitId;
  return postEvent(key, {
    type: 'incident-dispatch',
    ...base(incidentId),
    orders: [{ orderId, unitId, callSign }],
  });
}

const record = (id: string): IncidentMessage | undefined =>
  sim.incidents().find((r) => r.id === id);

/** Metres from p to the nearest edge of the road graph. */
function offRoadM(p: Point): number {
  const pts = roads.nodes.map(([lng, lat]) => fromLatLng({ lat, lng }));
  let best = Infinity;
  for (const [a, b] of roads.edges) {
    const pa = pts[a]!;
    const pb = pts[b]!;
    const dx = pb.x - pa.x;
    const dy = pb.y - pa.y;
    const len2 = dx * dx + dy * dy || 1;
    const t = Math.min(1, Math.max(0, ((p.x - pa.x) * dx + (p.y - pa.y) * dy) / len2));
    best = Math.min(best, Math.hypot(pa.x + dx * t - p.x, pa.y + dy * t - p.y));
  }
  return best;
}

describe('road graph resource', () => {
  it('serves a valid, connected graph with an ETag, and 304 when unchanged', async () => {
    const res = await fetch(`${sim.baseUrl}/api/v1/roads`);
    expect(res.status).toBe(200);
    const etag = res.headers.get('etag');
    const graph = RoadGraphSchema.parse(await res.json());
    expect(etag).toBe(`"${graph.version}"`);
    expect(graph.names).toHaveLength(graph.edges.length);
    expect(graph.kinds).toHaveLength(graph.edges.length);
    expect(new Set(graph.kinds)).toEqual(new Set(['street', 'country', 'expressway']));
    // Crossings are shared nodes: every node is reachable from node 0.
    const adj = new Map<number, number[]>();
    for (const [a, b] of graph.edges) {
      adj.set(a, [...(adj.get(a) ?? []), b]);
      adj.set(b, [...(adj.get(b) ?? []), a]);
    }
    const seen = new Set([0]);
    const todo = [0];
    while (todo.length > 0) {
      for (const m of adj.get(todo.pop()!) ?? []) {
        if (!seen.has(m)) {
          seen.add(m);
          todo.push(m);
        }
      }
    }
    expect(seen.size).toBe(graph.nodes.length);
    expect(() => buildRoadGraph(graph)).not.toThrow();

    const again = await fetch(`${sim.baseUrl}/api/v1/roads`, {
      headers: { 'If-None-Match': etag ?? '' },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });
});

describe('incidents from the platform', () => {
  it('publishes a 110 call retained, so a late subscriber gets it', async () => {
    const call = await sim.openIncident({ kind: 'call', category: '盗窃' });
    const client = await connect();
    const got = listen(client, new RegExp(`^vigil/incidents/${call.id}$`));
    await client.subscribeAsync(`vigil/incidents/${call.id}`, { qos: 1 });
    const first = await until('the retained incident', () => got[0]);
    expect(first.retain).toBe(true);
    const message = IncidentMessageSchema.parse(JSON.parse(first.raw.toString()));
    expect(message).toMatchObject({ id: call.id, source: 'call', status: 'new', rev: 1 });
    expect(message.category).toBe('盗窃');
    expect(message.number).toMatch(/^J\d{14}$/);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
      .format(Date.now())
      .replaceAll('-', '');
    expect(message.number.slice(1, 9)).toBe(today);
    expect(message.callerPhone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(message.address).toMatch(/^邹城市/);
    expect(message.timeline[0]).toMatchObject({ what: 'opened', by: 'platform' });
  });

  it('opens a plate hit at a checkpoint camera of the catalog', async () => {
    const hit = await sim.openIncident({ kind: 'plate' });
    const camera = sim.catalog().cameras.find((c) => c.id === hit.cameraId);
    expect(camera?.kind).toBe('checkpoint');
    expect(hit.source).toBe('plate');
    expect(hit.plate?.plate).toMatch(/^鲁H·[A-Z]\d{4}$/);
    expect(hit.plate?.checkpointId).toBe(hit.cameraId);
    expect(['盗抢车辆', '在逃人员关联车辆', '套牌车', '未年检']).toContain(hit.plate?.reason);
    expect(hit.plate?.direction).toMatch(/^[东西南北]向[东西南北]$/);
    expect({ lat: hit.lat, lng: hit.lng }).toEqual({ lat: camera?.lat, lng: camera?.lng });
  });

  it('opens incidents from the admin API, with the token only', async () => {
    const denied = await fetch(`${sim.baseUrl}/admin/incidents`);
    expect(denied.status).toBe(401);
    const bad = await admin('/admin/incidents', { method: 'POST', body: '{"kind":"fire"}' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^kind:/);
    const res = await admin('/admin/incidents', {
      method: 'POST',
      body: JSON.stringify({ kind: 'call', lat: 35.4, lng: 116.97, level: 2, category: '斗殴' }),
    });
    expect(res.status).toBe(201);
    const made = IncidentMessageSchema.parse(await res.json());
    expect(made).toMatchObject({ lat: 35.4, lng: 116.97, level: 2, category: '斗殴' });
    const list = (await (await admin('/admin/incidents')).json()) as { incidents: unknown[] };
    expect(list.incidents.map((i) => IncidentMessageSchema.parse(i).id)).toContain(made.id);
  });
});

describe('incident events from stations', () => {
  it('applies open, accept, note, dispatch and close; a repeated key only once', async () => {
    const id = 'desk-inc-1';
    expect((await openAt(id, 35.41, 116.98)).status).toBe(201);
    expect(record(id)).toMatchObject({
      source: 'desk',
      status: 'new',
      rev: 1,
      summary: '电动车被盗',
    });

    const accept = { type: 'incident-accept', ...base(id) };
    expect((await postEvent('accept-1', accept)).status).toBe(201);
    expect((await postEvent('accept-1', accept)).status).toBe(200);
    expect(record(id)).toMatchObject({ status: 'accepted', rev: 2 });

    const note = {
      type: 'incident-note',
      ...base(id),
      text: '嫌疑人穿黑色外套',
      snapshot: { mime: 'image/jpeg', data: jpeg },
    };
    expect((await postEvent('note-1', note)).status).toBe(201);
    const noted = record(id)!;
    expect(noted.timeline.at(-1)).toMatchObject({
      what: 'note',
      by: '王五',
      stationId: 'desk-2',
      detail: '嫌疑人穿黑色外套',
    });
    expect(noted.pictures).toHaveLength(1);
    const picture = await fetch(noted.pictures[0]!.url);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await picture.arrayBuffer())).toEqual(Buffer.from(jpeg, 'base64'));

    const unitId = sim.unitPositions().find((p) => p.kind === 'foot')!.unitId;
    expect((await dispatchEvent(id, unitId, 'ord-desk-1', 'dispatch-1')).status).toBe(201);
    expect((await dispatchEvent(id, unitId, 'ord-desk-1', 'dispatch-1')).status).toBe(200);
    const dispatched = record(id)!;
    expect(dispatched.status).toBe('dispatched');
    expect(dispatched.units).toEqual([
      expect.objectContaining({
        unitId,
        orderId: 'ord-desk-1',
        orderedBy: '王五',
        acknowledgedAt: null,
      }),
    ]);
    expect(dispatched.timeline.filter((e) => e.what === 'dispatched')).toHaveLength(1);

    // The same unit cannot go to another open incident while it is on this one.
    expect((await openAt('desk-inc-2', 35.42, 116.99)).status).toBe(201);
    const busy = await dispatchEvent('desk-inc-2', unitId, 'ord-desk-2', 'dispatch-2');
    expect(busy.status).toBe(409);
    expect(((await busy.json()) as { error: string }).error).toContain(dispatched.number);

    const close = { type: 'incident-close', ...base(id), disposition: 'resolved', note: '已找回' };
    expect((await postEvent('close-1', close)).status).toBe(201);
    const closed = record(id)!;
    expect(closed).toMatchObject({ status: 'closed', disposition: 'resolved' });
    expect(closed.rev).toBe(5);
    expect(sim.receivedEvents().find((e) => e.key === 'accept-1')?.count).toBe(2);
  });

  it('answers 409 with the reason on a closed incident, and again on a repeat', async () => {
    const id = 'desk-inc-3';
    await openAt(id, 35.41, 116.97);
    await postEvent('close-3', { type: 'incident-close', ...base(id), disposition: 'false-alarm' });
    const rev = record(id)!.rev;
    const late = { type: 'incident-note', ...base(id), text: '补充' };
    const first = await postEvent('note-3', late);
    expect(first.status).toBe(409);
    const { error } = (await first.json()) as { error: string };
    expect(error).toMatch(/^J\d{14} was closed at \d{2}:\d{2} by 王五 \(station desk-2\)$/);
    const again = await postEvent('note-3', late);
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ error });
    expect(record(id)!.rev).toBe(rev);

    const self = await postEvent('merge-self', {
      type: 'incident-merge',
      ...base('desk-inc-2'),
      intoId: 'desk-inc-2',
    });
    expect(self.status).toBe(409);
    const intoClosed = await postEvent('merge-closed', {
      type: 'incident-merge',
      ...base('desk-inc-2'),
      intoId: id,
    });
    expect(intoClosed.status).toBe(409);
    expect(((await intoClosed.json()) as { error: string }).error).toMatch(/was closed/);
    const unknown = await postEvent('accept-nothing', {
      type: 'incident-accept',
      ...base('no-such'),
    });
    expect(unknown.status).toBe(409);
  });

  it('clears a closed incident retained message after a while', async () => {
    const id = 'desk-inc-4';
    await openAt(id, 35.4, 116.96);
    const client = await connect();
    const got = listen(client, new RegExp(`^vigil/incidents/${id}$`));
    await client.subscribeAsync(`vigil/incidents/${id}`, { qos: 1 });
    await until('the retained record', () => got[0]);
    await postEvent('close-4', { type: 'incident-close', ...base(id), disposition: 'resolved' });
    const cleared = await until('the empty payload', () => got.find((m) => m.raw.length === 0));
    expect(cleared.raw.length).toBe(0);
    const late = await connect();
    const lateGot = listen(late, new RegExp(`^vigil/incidents/${id}$`));
    await late.subscribeAsync(`vigil/incidents/${id}`, { qos: 1 });
    await sleep(1000);
    expect(lateGot).toEqual([]);
  });

  it('opens an incident from an abnormal patrol mark, with its picture', async () => {
    const camera = sim.catalog().cameras[7]!;
    const res = await postEvent('mark-1', {
      type: 'patrol-mark',
      id: 'mark-1',
      cameraId: camera.id,
      mark: 'abnormal',
      note: '有人翻越围墙',
      operator: '李四',
      at: Date.now(),
      lat: camera.lat,
      lng: camera.lng,
      snapshot: { mime: 'image/jpeg', data: jpeg },
    });
    expect(res.status).toBe(201);
    const opened = sim.incidents().find((r) => r.markId === 'mark-1');
    expect(opened).toMatchObject({
      source: 'mark',
      cameraId: camera.id,
      lat: camera.lat,
      summary: '有人翻越围墙',
    });
    expect(opened?.pictures[0]?.url).toMatch(new RegExp(`^${sim.baseUrl}/api/v1/incidents/`));
    expect((await fetch(opened!.pictures[0]!.url)).headers.get('content-type')).toBe('image/jpeg');
  });
});

describe('units obey dispatch orders', () => {
  it('publishes every unit status retained at start', async () => {
    const client = await connect();
    const got = listen(client, /^vigil\/units\/[^/]+\/status$/);
    await client.subscribeAsync('vigil/units/+/status', { qos: 1 });
    await until('every unit status', () => (got.length >= unitCount ? true : undefined));
    const statuses = got.map((m) => UnitStatusMessageSchema.parse(JSON.parse(m.raw.toString())));
    expect(new Set(statuses.map((s) => s.unitId)).size).toBe(unitCount);
    expect(got.every((m) => m.retain)).toBe(true);
    expect(statuses.some((s) => s.activity === 'post' && s.availability === 'available')).toBe(
      true,
    );
    expect(statuses.filter((s) => s.activity === 'patrol').length).toBeGreaterThan(unitCount / 2);
  });

  it('acknowledges, drives the roads, arrives, handles and clears; a redelivery is not obeyed twice', async () => {
    // A car and a road node 1.5-4 km away diagonally: a straight line would leave the roads.
    const graph = buildRoadGraph(roads);
    const patrolling = new Set(
      sim
        .unitStatuses()
        .filter((st) => st.activity === 'patrol')
        .map((st) => st.unitId),
    );
    const cars = sim.unitPositions().filter((p) => p.kind === 'car' && patrolling.has(p.unitId));
    let pick: { unitId: string; lat: number; lng: number } | undefined;
    for (const car of cars) {
      const here = fromLatLng(car);
      const node = roads.nodes.findIndex(([lng, lat]) => {
        const p = fromLatLng({ lat, lng });
        const d = Math.hypot(p.x - here.x, p.y - here.y);
        return d > 1500 && d < 4000 && Math.abs(p.x - here.x) > 700 && Math.abs(p.y - here.y) > 700;
      });
      if (node >= 0) {
        const [lng, lat] = roads.nodes[node]!;
        pick = { unitId: car.unitId, lat, lng };
        break;
      }
    }
    expect(pick).toBeDefined();
    const { unitId, lat, lng } = pick!;
    expect(nearestNode(graph, lat, lng).distanceM).toBeLessThan(1);

    const id = 'desk-inc-drive';
    expect((await openAt(id, lat, lng)).status).toBe(201);
    expect((await dispatchEvent(id, unitId, 'ord-drive-1', 'dispatch-drive')).status).toBe(201);

    const client = await connect();
    const statusMsgs = listen(client, new RegExp(`^vigil/units/${unitId}/status$`));
    const positionMsgs = listen(client, new RegExp(`^vigil/units/${unitId}/position$`));
    await client.subscribeAsync(`vigil/units/${unitId}/status`, { qos: 1 });
    await client.subscribeAsync(`vigil/units/${unitId}/position`, { qos: 0 });
    await sleep(300);
    const order: DispatchOrder = {
      orderId: 'ord-drive-1',
      incidentId: id,
      incidentNumber: record(id)!.number,
      category: '盗窃',
      level: 1,
      lat,
      lng,
      address: '邹城市千泉街88号',
      note: '',
      by: '王五',
      stationId: 'desk-2',
      at: Date.now(),
    };
    await client.publishAsync(`vigil/orders/${unitId}`, JSON.stringify(order), { qos: 1 });

    const all = (): UnitStatusMessage[] =>
      statusMsgs.map((m) => UnitStatusMessageSchema.parse(JSON.parse(m.raw.toString())));
    const statuses = (): UnitStatusMessage[] => all().filter((st) => st.orderId === 'ord-drive-1');
    await until('on scene', () => statuses().find((st) => st.activity === 'on-scene'), 40_000);
    const arrivedAt = positionMsgs.length;

    // Redelivered (an outbox resend): acknowledged again, not obeyed twice.
    await client.publishAsync(`vigil/orders/${unitId}`, JSON.stringify(order), { qos: 1 });
    await until(
      'back on patrol',
      () => {
        const list = all();
        const back = list.findIndex((st) => st.activity === 'returning');
        return back >= 0 && list.slice(back + 1).some((st) => st.activity === 'patrol')
          ? true
          : undefined;
      },
      60_000,
    );

    const seen: string[] = statuses().map((st) => st.activity);
    const firstOf = (a: string) => seen.indexOf(a);
    expect(firstOf('dispatched')).toBeGreaterThanOrEqual(0);
    expect(firstOf('dispatched')).toBeLessThan(firstOf('acknowledged'));
    expect(firstOf('acknowledged')).toBeLessThan(firstOf('en-route'));
    expect(firstOf('en-route')).toBeLessThan(firstOf('on-scene'));
    expect(firstOf('on-scene')).toBeLessThan(firstOf('handling'));
    expect(firstOf('handling')).toBeLessThan(firstOf('returning'));
    expect(seen.filter((a) => a === 'dispatched')).toHaveLength(1);
    expect(seen.filter((a) => a === 'en-route')).toHaveLength(1);
    const orders = sim.receivedOrders().orders.filter((o) => o.orderId === 'ord-drive-1');
    expect(orders.map((o) => o.repeat)).toEqual([false, true]);

    // While driving, it was on the roads (a straight line would cut across blocks).
    const fixes = positionMsgs
      .slice(0, arrivedAt)
      .map((m) => JSON.parse(m.raw.toString()) as { lat: number; lng: number; speed: number })
      .filter((p) => p.speed > 0);
    expect(fixes.length).toBeGreaterThanOrEqual(3);
    const onRoad = fixes.filter((p) => offRoadM(fromLatLng(p)) < 10);
    expect(onRoad.length / fixes.length).toBeGreaterThanOrEqual(0.8);

    // The platform's record followed the unit.
    const done = record(id)!;
    const unit = done.units.find((u) => u.unitId === unitId)!;
    expect(unit.acknowledgedAt).not.toBeNull();
    expect(unit.arrivedAt).not.toBeNull();
    expect(unit.clearedAt).not.toBeNull();
    expect(done.status).toBe('handling');
    const what = done.timeline.map((e) => e.what);
    for (const step of ['acknowledged', 'en-route', 'arrived', 'handling', 'cleared']) {
      expect(what).toContain(step);
    }
    expect(done.timeline.find((e) => e.what === 'arrived')?.by).toMatch(/^巡\d{3}$/);
    const final = sim.unitStatuses().find((s) => s.unitId === unitId);
    expect(final?.availability).toBe('available');
  }, 120_000);

  it('drops and counts a malformed order, naming the field', async () => {
    const client = await connect();
    const before = sim.receivedOrders().dropped;
    const unitId = sim.unitPositions()[0]!.unitId;
    await client.publishAsync(
      `vigil/orders/${unitId}`,
      JSON.stringify({ orderId: 'bad-1', incidentId: 'x', lat: 'north' }),
      { qos: 1 },
    );
    await client.publishAsync(`vigil/orders/${unitId}`, '{not json', { qos: 1 });
    const after = await until('both dropped', () => {
      const r = sim.receivedOrders();
      return r.dropped >= before + 2 ? r : undefined;
    });
    expect(after.dropped).toBe(before + 2);
    expect(after.orders.some((o) => o.orderId === 'bad-1')).toBe(false);
    await until('the reason', () => (sim.receivedOrders().lastDropReason ? true : undefined));
  });

  it('names the dispatch field at fault', async () => {
    const client = await connect();
    const unitId = sim.unitPositions()[0]!.unitId;
    await client.publishAsync(
      `vigil/orders/${unitId}`,
      JSON.stringify({ orderId: 'bad-2', incidentId: 'x', lat: 'north' }),
      { qos: 1 },
    );
    const reason = await until('the reason', () => {
      const why = sim.receivedOrders().lastDropReason;
      return why?.includes('dispatch order refused') ? why : undefined;
    });
    expect(reason).toMatch(/incidentNumber|lat/);
  });
});
