/**
 * Analysis at the station core (issue #17) against the built-in simulator over HTTP + MQTT: the
 * platform's incident history imported at start and yesterday's product computed from it; a
 * warning for a grid goes to the units of that beat through the outbox as orders the simulator's
 * units act on; their visits (or not) measured from the fixes they publish; a roll call on demand
 * and the week's scores then show who went.
 *
 * The simulator and the station share a clock the test moves (the units step on `stepUnits()`),
 * so an hour passes in no real time.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitState } from '../../../shared/contract/map';
import type {
  AnalysisProduct,
  HistoryStatus,
  RollCall,
  Warning,
  WeeklyScores,
} from '../../../shared/contract/analysis';
import { createStation, type Station } from '../../../electron/station';
import { startSimulator, type Simulator } from '../../../electron/sim';
import { signInAs } from '../../sign-in';
import { httpConfig, tempDir, value, waitFor } from './helpers';

const minuteMs = 60_000;
let sim: Simulator;
let station: Station;
let dataDir: string;
/** 2026-12-03 10:00 hall time. */
let now = Date.UTC(2026, 11, 3, 2);

beforeAll(async () => {
  sim = await startSimulator({
    cameras: 200,
    units: 40,
    seed: 5,
    port: 0,
    mqttPort: 0,
    alertIntervalMs: 0,
    incidentIntervalMs: 0,
    plateHitIntervalMs: 0,
    failures: false,
    clock: () => now,
    unitIntervalMs: 0,
  });
  dataDir = tempDir('vigil-analysis-');
  station = await createStation({
    config: httpConfig(sim, {
      analysis: { historyDays: 3 },
      health: { probe: { enabled: false } },
    }),
    dataDir,
    now: () => now,
  });
  await signInAs(station, '王队长', 'chief');
  await waitFor(
    'link online',
    async () => (await value<{ state: string }>(station, 'link.get', {})).state === 'online',
    30_000,
  );
}, 120_000);

afterAll(async () => {
  await station?.stop();
  await sim?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Moves the shared clock on in 5-s steps, the units publishing their fixes. */
async function advance(ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 5000) {
    now += 5000;
    sim.stepUnits();
  }
  // The station has every fix up to now (MQTT is real time).
  await waitFor(
    'the fixes in',
    async () =>
      (await value<UnitState[]>(station, 'units.list', {})).some((u) => u.at >= now - 5000),
    30_000,
  );
}

describe('analysis against the simulator', () => {
  it("imports the platform's incident history and computes yesterday's product", async () => {
    const status = await waitFor(
      'the history imported',
      async () => {
        const s = await value<HistoryStatus>(station, 'analysis.history', {});
        return s.coveredFrom !== null ? s : undefined;
      },
      30_000,
    );
    expect(status.incidents).toBeGreaterThan(100);
    const p = await value<AnalysisProduct>(station, 'analysis.product', { kind: 'daily' });
    expect(p).toMatchObject({ label: '2026-12-02', noData: false });
    expect(p.total).toBeGreaterThan(50);
    const heat = p.heat.flat().reduce((a, b) => a + b, 0);
    expect(heat).toBeCloseTo(p.total, 6);
    expect(p.hexes.length).toBeGreaterThan(0);
  });

  it("sends a grid's warning to its units, who go (or not), measured from their fixes", async () => {
    await advance(5000);
    const units = await value<UnitState[]>(station, 'units.list', {});
    const gridId = units.find((u) => u.gridId !== undefined && u.unitId.startsWith('U-C'))!.gridId!;
    const beat = units
      .filter((u) => u.gridId === gridId)
      .map((u) => u.unitId)
      .sort();
    const point = sim.geometry().mustReachPoints.find((p) => p.gridId === gridId)!;
    const w = await value<Warning>(station, 'analysis.warn', {
      name: point.name,
      lat: point.lat,
      lng: point.lng,
      radiusM: 100,
      gridId,
      windowStart: now + 10 * minuteMs,
      windowEnd: now + 70 * minuteMs,
      stopMinMinutes: 10,
      stopMaxMinutes: 15,
    });
    expect(w.orders.map((o) => o.unitId).sort()).toEqual(beat);
    // Published through the outbox on vigil/orders/{unitId}; the units answer by their hash.
    const received = await waitFor('the orders received', () => {
      const got = sim.receivedOrders().orders.filter((o) => o.body.warningId === w.id);
      return got.length === beat.length ? got : undefined;
    });
    await advance(100 * minuteMs);
    const after = (await value<Warning[]>(station, 'analysis.warnings', {})).find(
      (x) => x.id === w.id,
    )!;
    expect(after.orders.every((o) => o.state === 'sent')).toBe(true);
    for (const r of received) {
      const counts = after.visits.some((v) => v.unitId === r.unitId && v.counts);
      if (r.response === 'obeys') expect(counts, r.unitId).toBe(true);
      if (r.response === 'ignores') expect(counts, r.unitId).toBe(false);
    }
    expect(after.status).toBe(after.visits.some((v) => v.counts) ? 'done' : 'missed');

    const rc = await value<RollCall>(station, 'analysis.rollCallNow', {});
    expect(rc.onDuty).toBe(units.length);
    const one = rc.units.find((u) => u.unitId === beat[0])!;
    expect(one).toMatchObject({ gridId, fixAgeS: 0 });
    expect(one.coveredM).toBeGreaterThan(0);
    // The roll call and the week's score show who went: a unit that obeyed reached the warned
    // point, and its score's warnings part is full; one that ignored it has nothing there.
    expect(received.some((r) => r.response === 'obeys')).toBe(true);
    const weekly = await value<WeeklyScores>(station, 'analysis.scores', {
      weekStart: '2026-11-30',
    });
    for (const r of received) {
      if (r.response === 'late') continue;
      const warned = weekly.units
        .find((u) => u.unitId === r.unitId)
        ?.parts.find((part) => part.key === 'warnings');
      if (r.response === 'obeys') {
        expect(
          rc.units.find((u) => u.unitId === r.unitId)!.pointsReached,
          r.unitId,
        ).toBeGreaterThan(0);
        expect(warned, r.unitId).toMatchObject({ value: 1, points: 100 });
      } else {
        expect(warned, r.unitId).toMatchObject({ value: 0, points: 0 });
      }
    }
  }, 120_000);
});
