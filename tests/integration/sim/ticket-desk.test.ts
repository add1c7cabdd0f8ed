import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketMessageSchema, type TicketMessage } from '../../../shared/contract/platform-health';
import { ticketRefusal } from '../../../shared/domain/health/tickets';
import { startSimulator, type Simulator } from '../../../electron/sim/index';

let sim: Simulator;
let client: MqttClient;
/** Every message on vigil/tickets/+ since the test subscribed, in order. */
const seen: { topic: string; raw: Buffer; retain: boolean }[] = [];
// The smallest JPEG header the snapshot schema takes (base64 of FF D8 FF E0 …).
const jpeg = '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHR8eHR0a';

beforeAll(async () => {
  sim = await startSimulator({
    cameras: 300,
    units: 0,
    alertIntervalMs: 0,
    incidentIntervalMs: 0,
    plateHitIntervalMs: 0,
    closedTicketRetainMs: 300,
    failures: false,
  });
  client = await mqtt.connectAsync(sim.mqttUrl, {
    clientId: 'vigil-ticket-desk-test',
    clean: true,
    reconnectPeriod: 0,
  });
  client.on('message', (topic, payload, packet) => {
    seen.push({ topic, raw: Buffer.from(payload), retain: packet.retain });
  });
  await client.subscribeAsync('vigil/tickets/+', { qos: 1 });
});
afterAll(async () => {
  await client.endAsync(true);
  await sim.stop();
});

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The newest record published on the ticket's topic with `rev` at least `rev`. */
const published = (id: string, rev: number): Promise<TicketMessage> =>
  until(`ticket ${id} rev ${rev}`, () => {
    for (const m of [...seen].reverse()) {
      if (m.topic !== `vigil/tickets/${id}` || m.raw.length === 0) continue;
      const t = TicketMessageSchema.parse(JSON.parse(m.raw.toString('utf8')));
      if (t.rev >= rev) return t;
    }
    return undefined;
  });

function post(key: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${sim.baseUrl}/api/v1/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(body),
  });
}

let seq = 0;
const by = { operator: '张三', stationId: 'desk-1' };
const action = (ticketId: string, act: string, extra: Record<string, unknown> = {}) =>
  post(`act-${++seq}`, {
    type: 'ticket-action',
    id: `ev-${seq}`,
    ticketId,
    ...by,
    at: Date.now(),
    action: act,
    ...extra,
  });
const cameras = () => sim.catalog().cameras;

describe('the ticket desk', () => {
  it('opens a ticket from a faulty mark, with the picture at a URL', async () => {
    const camera = cameras()[3]!;
    const res = await post('mark-1', {
      type: 'patrol-mark',
      id: 'mark-1',
      cameraId: camera.id,
      mark: 'faulty',
      fault: 'black',
      note: '画面全黑',
      operator: '李四',
      at: Date.now(),
      snapshot: { mime: 'image/jpeg', data: jpeg },
    });
    expect(res.status).toBe(201);
    const ticket = sim.tickets().find((t) => t.cameraId === camera.id);
    expect(ticket).toMatchObject({
      source: 'mark',
      fault: 'black',
      status: 'new',
      openedBy: '李四',
      slaHours: camera.kind === 'checkpoint' ? 3 : camera.kind === 'fixed' ? 8 : 24,
    });
    expect(ticket!.number).toMatch(/^GD-\d{8}-\d{4}$/);
    const onWire = await published(ticket!.id, 1);
    expect(onWire.pictureUrl).toBe(ticket!.pictureUrl);
    const picture = await fetch(onWire.pictureUrl!);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await picture.arrayBuffer())).toEqual(Buffer.from(jpeg, 'base64'));
    expect(seen.find((m) => m.topic === `vigil/tickets/${ticket!.id}`)?.retain).toBe(false);
  });

  it('takes a ticket through its lifecycle to closed, then clears the retained message', async () => {
    const camera = cameras()[5]!;
    const open = await post('open-A', {
      type: 'ticket-open',
      id: 'ev-open-A',
      ticketId: 'T-A',
      ...by,
      at: Date.now(),
      cameraId: camera.id,
      fault: 'frozen',
      source: 'tile',
    });
    expect(open.status).toBe(201);
    expect((await published('T-A', 1)).status).toBe('new');

    expect((await action('T-A', 'dispatch', { contractor: '城联科技' })).status).toBe(201);
    expect(await published('T-A', 2)).toMatchObject({
      status: 'dispatched',
      contractor: '城联科技',
    });
    expect((await action('T-A', 'suspend', { note: '等备件' })).status).toBe(201);
    expect(await published('T-A', 3)).toMatchObject({
      status: 'suspended',
      suspendReason: '等备件',
    });
    expect((await action('T-A', 'resume')).status).toBe(201);
    expect(await published('T-A', 4)).toMatchObject({ status: 'repairing', suspendReason: null });
    expect((await action('T-A', 'repaired')).status).toBe(201);
    const repaired = await published('T-A', 5);
    expect(repaired.status).toBe('repaired');
    expect(repaired.repairedAt).not.toBeNull();
    expect((await action('T-A', 'verify')).status).toBe(201);
    const closed = await published('T-A', 6);
    expect(closed).toMatchObject({ status: 'closed' });
    expect(closed.closedAt).not.toBeNull();
    expect(closed.timeline.map((e) => e.action)).toEqual([
      'open',
      'dispatch',
      'suspend',
      'resume',
      'repaired',
      'verify',
    ]);
    // A while after, the closed ticket's retained message is cleared (an empty payload).
    await until('the cleared topic', () =>
      seen.find((m) => m.topic === 'vigil/tickets/T-A' && m.raw.length === 0),
    );
    // A closed ticket is history: the history endpoint lists it.
    const now = Date.now();
    const history = (await (
      await fetch(`${sim.baseUrl}/api/v1/health/history?from=${now - 3_600_000}&to=${now + 1}`)
    ).json()) as { tickets: TicketMessage[] };
    expect(history.tickets.find((t) => t.id === 'T-A')?.status).toBe('closed');
  });

  it('reopens a rejected repair (its repair time cleared) and withdraws a false report', async () => {
    const camera = cameras()[13]!;
    await post('open-E', {
      type: 'ticket-open',
      id: 'ev-open-E',
      ticketId: 'T-E',
      ...by,
      at: Date.now(),
      cameraId: camera.id,
      fault: 'black',
      source: 'tile',
    });
    expect((await action('T-E', 'repaired')).status).toBe(201);
    expect((await published('T-E', 2)).repairedAt).not.toBeNull();
    expect((await action('T-E', 'reject', { note: '仍然黑屏' })).status).toBe(201);
    expect(await published('T-E', 3)).toMatchObject({ status: 'repairing', repairedAt: null });
    expect((await action('T-E', 'withdraw', { note: '误报' })).status).toBe(201);
    const withdrawn = await published('T-E', 4);
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn.closedAt).not.toBeNull();
    await until('the cleared topic', () =>
      seen.find((m) => m.topic === 'vigil/tickets/T-E' && m.raw.length === 0),
    );
  });

  it('merges a repeat of an open fault into its ticket (200, mergedInto), even when posted again', async () => {
    const camera = cameras()[7]!;
    const first = {
      type: 'ticket-open',
      ticketId: 'T-B',
      ...by,
      at: Date.now(),
      cameraId: camera.id,
      fault: 'offline',
      source: 'prober',
    };
    expect((await post('open-B', { ...first, id: 'ev-open-B' })).status).toBe(201);
    const again = await post('open-B2', { ...first, id: 'ev-open-B2', ticketId: 'T-B2' });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ mergedInto: 'T-B' });
    const repeat = await post('open-B2', { ...first, id: 'ev-open-B2', ticketId: 'T-B2' });
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual({ mergedInto: 'T-B' });
    const merged = await published('T-B', 2);
    expect(merged.repeats).toBe(1);
    expect(merged.timeline.map((e) => e.action)).toEqual(['open', 'repeat']);
    expect(sim.tickets().some((t) => t.id === 'T-B2')).toBe(false);
    // A faulty mark of the same fault merges too.
    const mark = await post('mark-B', {
      type: 'patrol-mark',
      id: 'mark-B',
      cameraId: camera.id,
      mark: 'faulty',
      operator: '李四',
      at: Date.now(),
    });
    expect(mark.status).toBe(201);
    expect((await published('T-B', 3)).repeats).toBe(2);
  });

  it('refuses a step the lifecycle forbids with 409 in its words, and again on a repeat', async () => {
    const camera = cameras()[9]!;
    await post('open-C', {
      type: 'ticket-open',
      id: 'ev-open-C',
      ticketId: 'T-C',
      ...by,
      at: Date.now(),
      cameraId: camera.id,
      fault: 'obstructed',
      source: 'tile',
    });
    const body = { type: 'ticket-action', id: 'ev-C-v', ticketId: 'T-C', ...by, at: Date.now() };
    const res = await post('verify-C', { ...body, action: 'verify' });
    expect(res.status).toBe(409);
    const { error } = (await res.json()) as { error: string };
    expect(error).toContain(ticketRefusal('new', 'verify'));
    expect((await post('verify-C', { ...body, action: 'verify' })).status).toBe(409);
    const unknown = await action('T-nope', 'dispatch', { contractor: '华安运维' });
    expect(unknown.status).toBe(409);
    expect(sim.tickets().find((t) => t.id === 'T-C')).toMatchObject({ status: 'new', rev: 1 });
  });

  it('answers malformed ticket events 400 and changes nothing', async () => {
    const before = JSON.stringify(sim.tickets());
    const cam = cameras()[11]!.id;
    const bad: [string, Record<string, unknown>][] = [
      ['no contractor', { type: 'ticket-action', action: 'dispatch', ticketId: 'T-C' }],
      ['no reason', { type: 'ticket-action', action: 'suspend', ticketId: 'T-C' }],
      ['unknown action', { type: 'ticket-action', action: 'fix', ticketId: 'T-C' }],
      [
        'unknown fault',
        { type: 'ticket-open', ticketId: 'T-D', cameraId: cam, fault: 'wet', source: 'tile' },
      ],
      ['no camera', { type: 'ticket-open', ticketId: 'T-D', fault: 'black', source: 'tile' }],
      [
        'bad source',
        { type: 'ticket-open', ticketId: 'T-D', cameraId: cam, fault: 'black', source: 'me' },
      ],
    ];
    for (const [what, event] of bad) {
      const res = await post(`bad-${what}`, { id: `ev-${what}`, ...by, at: Date.now(), ...event });
      expect(res.status, what).toBe(400);
      expect(((await res.json()) as { error: string }).error, what).not.toBe('');
    }
    expect(JSON.stringify(sim.tickets())).toBe(before);
  });

  it('lists every ticket on GET /admin/tickets (with the admin token only)', async () => {
    expect((await fetch(`${sim.baseUrl}/admin/tickets`)).status).toBe(401);
    const res = await fetch(`${sim.baseUrl}/admin/tickets`, {
      headers: { Authorization: `Bearer ${sim.adminToken}` },
    });
    expect(res.status).toBe(200);
    const { tickets } = (await res.json()) as { tickets: TicketMessage[] };
    expect(tickets.map((t) => t.id).sort()).toEqual(
      sim
        .tickets()
        .map((t) => t.id)
        .sort(),
    );
  });
});
