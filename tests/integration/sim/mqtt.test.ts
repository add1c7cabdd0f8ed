import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/sim/index';

let sim: Simulator;
const clients: MqttClient[] = [];

beforeAll(async () => {
  sim = await startSimulator({ cameras: 500, units: 40, alertIntervalMs: 0 });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true)));
  await sim.stop();
});

async function connect(): Promise<MqttClient> {
  const client = await mqtt.connectAsync(sim.mqttUrl, {
    clientId: `vigil-test-${clients.length}`,
    clean: true,
    reconnectPeriod: 0,
  });
  clients.push(client);
  return client;
}

function collect(client: MqttClient, topic: RegExp, count: number, timeoutMs = 10_000) {
  return new Promise<{ topic: string; payload: Record<string, unknown>; retain: boolean }[]>(
    (resolve, reject) => {
      const got: { topic: string; payload: Record<string, unknown>; retain: boolean }[] = [];
      const timer = setTimeout(
        () => reject(new Error(`only ${got.length} of ${count} on ${topic}`)),
        timeoutMs,
      );
      const onMessage = (t: string, payload: Buffer, packet: { retain?: boolean }) => {
        if (!topic.test(t)) return;
        got.push({
          topic: t,
          payload: JSON.parse(payload.toString()) as Record<string, unknown>,
          retain: packet.retain ?? false,
        });
        if (got.length >= count) {
          clearTimeout(timer);
          client.off('message', onMessage);
          resolve(got);
        }
      };
      client.on('message', onMessage);
    },
  );
}

describe('realtime (MQTT)', () => {
  it('gives a late subscriber every camera status, retained', async () => {
    const client = await connect();
    const statuses = collect(client, /^vigil\/cameras\/[^/]+\/status$/, 500);
    await client.subscribeAsync('vigil/cameras/+/status', { qos: 1 });
    const got = await statuses;
    expect(new Set(got.map((m) => m.payload.cameraId)).size).toBe(500);
    expect(got.every((m) => m.retain && m.payload.status === 'online')).toBe(true);
    expect(typeof got[0]?.payload.at).toBe('number');
  });

  it('publishes a status change when a camera goes offline and back', async () => {
    const client = await connect();
    const id = (sim.catalog().cameras[3] as { id: string }).id;
    const topic = `vigil/cameras/${id}/status`;
    await client.subscribeAsync(topic, { qos: 1 });
    const changes = collect(client, new RegExp(`^${topic}$`), 3);
    await new Promise((r) => setTimeout(r, 200));
    sim.setFault({ kind: 'camera-offline', cameraId: id });
    sim.clearFaults(id);
    const got = await changes;
    expect(got.map((m) => m.payload.status)).toEqual(['online', 'offline', 'online']);
  });

  it('publishes unit positions at 1 Hz', async () => {
    const client = await connect();
    const positions = collect(client, /^vigil\/units\/[^/]+\/position$/, 80);
    await client.subscribeAsync('vigil/units/+/position', { qos: 0 });
    const got = await positions;
    const first = got[0]?.payload;
    expect(first).toMatchObject({
      unitId: expect.any(String),
      callSign: expect.any(String),
      kind: expect.stringMatching(/^(car|foot|village)$/),
      lat: expect.any(Number),
      lng: expect.any(Number),
      heading: expect.any(Number),
      speed: expect.any(Number),
      at: expect.any(Number),
    });
    expect(new Set(got.map((m) => m.payload.unitId)).size).toBe(40);
  });

  it('publishes an alert fired from the admin API', async () => {
    const client = await connect();
    await client.subscribeAsync('vigil/alerts', { qos: 1 });
    const alerts = collect(client, /^vigil\/alerts$/, 1);
    const cameraId = (sim.catalog().cameras[5] as { id: string }).id;
    const res = await fetch(`${sim.baseUrl}/admin/alerts`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sim.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ cameraId, category: '盗窃' }),
    });
    expect(res.status).toBe(201);
    const [alert] = await alerts;
    expect(alert?.payload).toMatchObject({ category: '盗窃', cameraId, id: expect.any(String) });
    expect(alert?.retain).toBe(false);
  });

  it('sends a unit where an order on vigil/orders/{unitId} says, and drops a bad order', async () => {
    const client = await connect();
    const unit = sim.unitPositions().find((p) => p.kind === 'car');
    expect(unit).toBeDefined();
    const target = { lat: (unit?.lat ?? 0) + 0.005, lng: unit?.lng ?? 0 };
    await client.publishAsync(
      `vigil/orders/${unit?.unitId}`,
      JSON.stringify({ orderId: 'o-1', incidentId: 'i-1', target }),
      { qos: 1 },
    );
    await client.publishAsync('vigil/orders/U-C001', 'not json', { qos: 1 });
    await new Promise((r) => setTimeout(r, 300));
    const received = sim.receivedOrders();
    expect(received.orders).toMatchObject([{ unitId: unit?.unitId, ...target, applied: true }]);
    expect(received.dropped).toBe(1);

    const positions = collect(client, new RegExp(`^vigil/units/${unit?.unitId}/position$`), 2);
    await client.subscribeAsync(`vigil/units/${unit?.unitId}/position`, { qos: 0 });
    const [, second] = await positions;
    expect(second?.payload.speed).toBe(12);
    expect(Number(second?.payload.heading)).toBeLessThan(5); // due north, towards the target

    const admin = (await (
      await fetch(`${sim.baseUrl}/admin/orders`, {
        headers: { Authorization: `Bearer ${sim.adminToken}` },
      })
    ).json()) as {
      dropped: number;
    };
    expect(admin.dropped).toBe(1);
  });

  it('platform-down drops clients and refuses new ones until cleared', async () => {
    const client = await connect();
    const closed = new Promise<void>((r) => client.once('close', () => r()));
    sim.setFault({ kind: 'platform-down' });
    await closed;
    await expect(
      mqtt.connectAsync(sim.mqttUrl, { reconnectPeriod: 0, connectTimeout: 3000 }),
    ).rejects.toThrow(/unavailable/i);
    sim.clearFaults();
    const again = await connect();
    expect(again.connected).toBe(true);
  });
});
