import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WarningOrder } from '../../../shared/contract/platform-analysis';
import { distance, fromLatLng } from '../../../electron/sim/geo-frame';
import { startSimulator, type Simulator, type UnitPosition } from '../../../electron/sim/index';
import { warningResponse } from '../../../electron/sim/unit-fleet';

const minuteMs = 60_000;
const stepMs = 5000;
let sim: Simulator;
let client: MqttClient;
/** The platform's clock: the test moves it, the units follow in `stepUnits()`. */
let now = Date.UTC(2026, 11, 3, 2);

beforeAll(async () => {
  sim = await startSimulator({
    cameras: 500,
    units: 40,
    alertIntervalMs: 0,
    incidentIntervalMs: 0,
    plateHitIntervalMs: 0,
    failures: false,
    clock: () => now,
    unitIntervalMs: 0,
  });
  client = await mqtt.connectAsync(sim.mqttUrl, {
    clientId: 'vigil-warning-test',
    clean: true,
    reconnectPeriod: 0,
  });
});
afterAll(async () => {
  await client?.endAsync(true);
  await sim.stop();
});

/** Real time only for the broker to hand an order over (no minutes pass on the clock). */
async function until<T>(what: string, probe: () => T | undefined): Promise<T> {
  const end = Date.now() + 10_000;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const send = (unitId: string, body: unknown) =>
  client.publishAsync(`vigil/orders/${unitId}`, JSON.stringify(body), { qos: 1 });

/** Advances the clock by `ms` in 5-s steps; the unit's fixes on the way. */
function advance(unitId: string, ms: number): UnitPosition[] {
  const track: UnitPosition[] = [];
  for (let left = ms; left > 0; left -= stepMs) {
    now += stepMs;
    track.push(sim.stepUnits().find((p) => p.unitId === unitId)!);
  }
  return track;
}

/** The stays inside `radiusM` of `at`: first and last fix inside, and whether it stood still. */
function stays(track: UnitPosition[], at: { lat: number; lng: number }, radiusM: number) {
  const centre = fromLatLng(at);
  const out: { from: number; to: number; still: boolean }[] = [];
  let current: { from: number; to: number; still: boolean } | null = null;
  for (const fix of track) {
    if (distance(fromLatLng(fix), centre) <= radiusM) {
      if (!current) out.push((current = { from: fix.at, to: fix.at, still: true }));
      current.to = fix.at;
      if (current.to > current.from && fix.speed > 0 && fix !== track.at(-1))
        current.still &&= true;
    } else current = null;
  }
  return out;
}

describe('warning orders (预警指令)', () => {
  it('sends a unit there when the window opens, stopped in the radius for the stop time, once per warningId', async () => {
    const unit = sim
      .unitStatuses()
      .find((s) => s.activity === 'patrol' && s.unitId.startsWith('U-C'))!.unitId;
    const fix = sim.unitPositions().find((p) => p.unitId === unit)!;
    expect(fix.gridId).toMatch(/^R\d-Z\d{2}-G\d$/);
    // A place of its own grid that it does not stand on now.
    const here = fromLatLng(fix);
    const place = sim
      .geometry()
      .mustReachPoints.filter((p) => p.gridId === fix.gridId)
      .sort((a, b) => distance(fromLatLng(b), here) - distance(fromLatLng(a), here))[0]!;
    const warningId = ['W-1', 'W-2', 'W-3', 'W-4', 'W-5', 'W-6'].find(
      (id) => warningResponse(1, unit, id) === 'obeys',
    )!;
    const radiusM = 80;
    const order: WarningOrder = {
      warningId,
      kind: 'warning',
      name: place.name,
      lat: place.lat,
      lng: place.lng,
      radiusM,
      // The window opens in 20 minutes.
      windowStart: now + 20 * minuteMs,
      windowEnd: now + 80 * minuteMs,
      stopMinMinutes: 10,
      stopMaxMinutes: 15,
      note: '',
      by: '王队长',
      stationId: 'station-1',
      at: now,
    };
    await send(unit, order);
    await send(unit, order); // a redelivery
    await until('both orders', () =>
      sim.receivedOrders().orders.filter((o) => o.warningId === warningId).length === 2
        ? true
        : undefined,
    );
    expect(
      sim
        .receivedOrders()
        .orders.map((o) => [o.unitId, o.warningId, o.applied, o.repeat, o.response]),
    ).toEqual([
      [unit, warningId, true, false, 'obeys'],
      [unit, warningId, true, true, undefined],
    ]);

    const track = advance(unit, 110 * minuteMs);
    const visits = stays(track, place, radiusM).filter((s) => s.to - s.from >= minuteMs);
    // One stay of a minute or more (a patrol may drive through), after the window opened, and in
    // it a stop of 10-15 minutes (to the 5-s step): every fix from the first stopped one to the
    // last at speed 0.
    expect(visits).toHaveLength(1);
    const [stay] = visits;
    expect(stay!.from).toBeGreaterThanOrEqual(order.windowStart);
    expect(stay!.from).toBeLessThan(order.windowEnd);
    const inside = track.filter((f) => f.at >= stay!.from && f.at <= stay!.to);
    const first = inside.findIndex((f) => f.speed === 0);
    const last = inside.length - 1 - [...inside].reverse().findIndex((f) => f.speed === 0);
    expect(inside.slice(first, last + 1).every((f) => f.speed === 0)).toBe(true);
    const stopped = inside[last]!.at - inside[first]!.at;
    expect(stopped).toBeGreaterThanOrEqual(10 * minuteMs - stepMs);
    expect(stopped).toBeLessThanOrEqual(15 * minuteMs + stepMs);
    // Back on patrol after, in its grid all along.
    const centre = fromLatLng(place);
    const after = track.filter((f) => f.at > stay!.to);
    expect(after.some((f) => f.speed > 0)).toBe(true);
    expect(distance(fromLatLng(after.at(-1)!), centre)).toBeGreaterThan(radiusM);
    expect(track.every((f) => f.gridId === fix.gridId)).toBe(true);
  });

  it('drops a malformed warning and counts it, never sending the unit anywhere', async () => {
    const before = sim.receivedOrders();
    const unit = sim.unitPositions()[0]!;
    const good = {
      warningId: 'W-bad',
      kind: 'warning',
      name: '菜市场东口',
      lat: unit.lat,
      lng: unit.lng,
      radiusM: 100,
      windowStart: now,
      windowEnd: now + 60 * minuteMs,
      stopMinMinutes: 10,
      stopMaxMinutes: 15,
      by: '王队长',
      stationId: 'station-1',
      at: now,
    };
    const { windowEnd: _dropped, ...noEnd } = good;
    await send(unit.unitId, noEnd);
    await until('a drop', () =>
      sim.receivedOrders().dropped === before.dropped + 1 ? true : undefined,
    );
    expect(sim.receivedOrders().lastDropReason).toMatch(/warning order refused: windowEnd: /);
    await send(unit.unitId, { ...good, windowEnd: now - minuteMs });
    await until('a second drop', () =>
      sim.receivedOrders().dropped === before.dropped + 2 ? true : undefined,
    );
    expect(sim.receivedOrders().lastDropReason).toMatch(/windowEnd must be after windowStart/);
    await send(unit.unitId, { ...good, stopMinMinutes: 20 });
    await until('a third drop', () =>
      sim.receivedOrders().dropped === before.dropped + 3 ? true : undefined,
    );
    expect(sim.receivedOrders().lastDropReason).toMatch(
      /stopMaxMinutes must not be below stopMinMinutes/,
    );
    expect(sim.receivedOrders().orders).toHaveLength(before.orders.length);
  });
});
