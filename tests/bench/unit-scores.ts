/**
 * Bench: the weekly unit scores (issue #17 benchmarks: 400 units from a week of 1 Hz tracks).
 *
 *   npx tsx tests/bench/unit-scores.ts [--units 8] [--days 7]
 *
 * Writes `units` units × `days` days of 1 Hz fixes (each unit in its own 1 km grid with a
 * must-patrol line and two must-reach points; 12 h a day driving a loop through them at 6 m/s,
 * 12 h parked) into a fresh cache file (WAL), then computes the week's scores through the real
 * ScoreService cold (per unit, a day at a time: an indexed range read in the grid's box, one
 * pass over the fixes as columns), then again with the unit-days kept (what the station does:
 * each night it measures the day before, one unit per event-loop turn, and the weekly score adds
 * seven kept days). Reports time and heap / RSS; the work is per unit and independent, so 400
 * units cost 400 × the per-unit time (a week of 400 units at 1 Hz is 242 million fixes, ~11 GB:
 * too much to write on a shared build machine; pass --units 400 where there is the disk).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MapGeometry, UnitState } from '../../shared/contract/map';
import { zonedAt } from '../../shared/domain/time/hall-time';
import { AnalysisStore } from '../../electron/station/cache/analysis-store';
import { openDatabase } from '../../electron/station/cache/database';
import { PositionStore, type PositionRow } from '../../electron/station/cache/position-store';
import { ScoreService } from '../../electron/station/analysis/scores';
import { parseConfig } from '../../electron/station/config';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const units = arg('units', 8);
const days = arg('days', 7);
const tz = 'Asia/Shanghai';
const weekStart = '2026-11-23';
const t0 = zonedAt(weekStart, 0, tz);

const cell = 0.01; // ~1 km
const geometry: MapGeometry = {
  version: 'bench',
  source: 'platform',
  areas: [
    {
      id: 'r',
      name: 'R',
      level: 'region',
      parentId: null,
      polygon: [],
      labelAt: { lat: 0, lng: 0 },
    },
    ...Array.from({ length: Math.ceil(units / 20) }, (_, z) => ({
      id: `z${z}`,
      name: `Z${z}`,
      level: 'zone' as const,
      parentId: 'r',
      polygon: [],
      labelAt: { lat: 0, lng: 0 },
    })),
  ],
  mustPatrolLines: [],
  mustReachPoints: [],
  checkpoints: [],
  dutyPosts: [],
  bounds: null,
};
const corner = (u: number) => ({ lat: 35 + Math.floor(u / 20) * cell, lng: 116 + (u % 20) * cell });
for (let u = 0; u < units; u++) {
  const c = corner(u);
  const ref = { gridId: `g${u}`, zoneId: `z${Math.floor(u / 20)}`, regionId: 'r' };
  geometry.areas.push({
    id: `g${u}`,
    name: `G${u}`,
    level: 'grid',
    parentId: ref.zoneId,
    polygon: [
      [
        [c.lng, c.lat],
        [c.lng + cell, c.lat],
        [c.lng + cell, c.lat + cell],
        [c.lng, c.lat + cell],
      ],
    ],
    labelAt: { lat: c.lat + cell / 2, lng: c.lng + cell / 2 },
  });
  geometry.mustPatrolLines.push({
    id: `L${u}`,
    name: `L${u}`,
    ...ref,
    path: [
      [c.lng + 0.002, c.lat + 0.005],
      [c.lng + 0.008, c.lat + 0.005],
    ],
    lengthM: 544,
  });
  for (const [k, dx] of [
    [0, 0.002],
    [1, 0.008],
  ] as const) {
    geometry.mustReachPoints.push({
      id: `P${u}-${k}`,
      name: `P${u}-${k}`,
      ...ref,
      lat: c.lat + 0.005,
      lng: c.lng + dx,
      radiusM: 50,
    });
  }
}

const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-scores-'));
const db = openDatabase(join(dir, 'cache.db'));
const positions = new PositionStore(db);
const states: UnitState[] = [];
let written = 0;
const w0 = performance.now();
for (let u = 0; u < units; u++) {
  const c = corner(u);
  const id = `U${u}`;
  states.push({
    unitId: id,
    callSign: `巡${u}`,
    kind: 'car',
    lat: c.lat,
    lng: c.lng,
    heading: 0,
    speed: 0,
    at: t0,
    gridId: `g${u}`,
    status: 'available',
    stale: false,
    cameraId: null,
  });
  let batch: PositionRow[] = [];
  for (let s = 0; s < days * 86_400; s++) {
    const daySecond = s % 86_400;
    const moving = daySecond >= 8 * 3600 && daySecond < 20 * 3600;
    // A 2.4 km loop: east along the line and back a little north of it (6 m/s).
    const phase = (daySecond % 400) / 400;
    const x = phase < 0.5 ? phase * 2 : (1 - phase) * 2;
    const y = phase < 0.5 ? 0 : 0.0003;
    batch.push({
      unitId: id,
      callSign: `巡${u}`,
      kind: 'car',
      at: t0 + s * 1000,
      lat: c.lat + 0.005 + (moving ? y : 0.001),
      lng: c.lng + (moving ? 0.002 + x * 0.006 : 0.001),
      heading: 90,
      speed: moving ? 6 : 0,
    });
    if (batch.length === 20_000) {
      written += positions.add(batch);
      batch = [];
    }
  }
  written += positions.add(batch);
}
const writeS = (performance.now() - w0) / 1000;
db.pragma('wal_checkpoint(TRUNCATE)');
const bytes = statSync(join(dir, 'cache.db')).size;

const config = parseConfig({});
const scores = new ScoreService({
  store: new AnalysisStore(db),
  score: config.analysis.score,
  timeZone: tz,
  geometry: () => geometry,
  units: () => states,
  positions,
  orderTimes: () => [],
  warnings: () => [],
  now: () => t0 + 8 * 86_400_000,
});
const rss0 = process.memoryUsage().rss;
let peakHeap = 0;
const sampler = setInterval(() => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}, 50);
const s0 = performance.now();
const result = await scores.week(weekStart);
const scoreMs = performance.now() - s0;
clearInterval(sampler);
peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
const first = result.units[0];
// Again with the days kept (as the nightly measuring leaves them): the weekly score proper.
db.exec('DELETE FROM analysis_scores');
const k0 = performance.now();
await scores.week(weekStart);
const keptMs = performance.now() - k0;

const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;
console.log(`### Weekly unit scores (${units} units × ${days} days at 1 Hz)

\`npx tsx tests/bench/unit-scores.ts --units ${units} --days ${days}\`

| what | value |
| --- | --- |
| fixes written | ${written.toLocaleString('en')} (${writeS.toFixed(1)} s, cache ${mb(bytes)}) |
| scores computed | ${(scoreMs / 1000).toFixed(2)} s for ${result.units.length} units |
| per unit (a week of 1 Hz, 604,800 fixes × ${days}/7) | ${(scoreMs / units).toFixed(0)} ms |
| per million fixes | ${(((scoreMs / written) * 1e6) / 1000).toFixed(2)} s |
| 400 units, extrapolated (cold: every day read) | ${(((scoreMs / units) * 400) / 1000).toFixed(0)} s |
| one unit-day (the nightly measuring, per unit) | ${(scoreMs / units / days).toFixed(0)} ms; 400 units ${(((scoreMs / units / days) * 400) / 1000).toFixed(0)} s, one unit per event-loop turn |
| the week again, its days kept | ${keptMs.toFixed(1)} ms for ${units} units (400: ~${((keptMs / units) * 400).toFixed(0)} ms) |
| heap at most (sampled) / RSS growth | ${mb(peakHeap)} / ${mb(process.memoryUsage().rss - rss0)} |

A unit's parts: ${first?.parts.map((p) => `${p.key} ${p.value ?? '–'} → ${p.points}`).join(', ')}; total ${first?.total}.
`);
db.close();
rmSync(dir, { recursive: true, force: true });
