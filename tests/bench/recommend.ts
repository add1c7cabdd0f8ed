/**
 * Bench: recommendation by road ETA (issue #13 item 4).
 *
 *   npx tsx tests/bench/recommend.ts [--incidents 200] [--compare 1000] [--units 400]
 *
 * (a) Latency: per random incident, ONE reverse search from the incident (RoadEngine.etaTo, as
 *     the road worker runs it) and reading 400 units' ETAs, on the simulator's district graph
 *     (simRoadGraph(buildWorld(seed).roads)) and on a county-size synthetic graph (≥ 50,000
 *     nodes: a perturbed grid, arterials every 8 lines, paired one-ways, missing streets).
 * (b) Straight line vs road: over 1,000 random incidents with 400 random cars, how often the
 *     straight-line nearest has a longer road ETA than the ETA-best, and by how much.
 * Prints a markdown block for docs/benchmarks.md.
 */
import type { RoadGraphWire } from '../../shared/contract/roads';
import { haversineM } from '../../shared/domain/geo/distance';
import { syntheticRoadGraph } from '../../shared/domain/roads';
import { RoadEngine } from '../../electron/station/dispatch/roads/road-engine';
import type { Origin } from '../../electron/station/dispatch/road-router';
import { simRoadGraph } from '../../electron/sim/road-graph';
import { buildWorld } from '../../electron/sim/world';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const incidents = arg('incidents', 200);
const compareN = arg('compare', 1000);
const unitsN = arg('units', 400);

let seed = 7;
const rand = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

/** A random point near the roads: a random node, moved up to 100 m (a yard, a block). */
function randomPoint(wire: RoadGraphWire): { lat: number; lng: number } {
  const [lng, lat] = wire.nodes[Math.floor(rand() * wire.nodes.length)] as [number, number];
  return { lat: lat + (rand() - 0.5) * 0.0018, lng: lng + (rand() - 0.5) * 0.0022 };
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;

function latency(name: string, wire: RoadGraphWire): string {
  const t0 = performance.now();
  const engine = new RoadEngine(wire);
  const buildMs = performance.now() - t0;
  const units: Origin[] = Array.from({ length: unitsN }, (_, i) => ({
    id: `u${i}`,
    ...randomPoint(wire),
    // as the simulator's fleet: mostly cars, some on foot and village patrollers
    kind: i % 10 === 0 ? 'foot' : i % 10 === 1 ? 'village' : 'car',
  }));
  for (let i = 0; i < 5; i++) engine.etaTo(randomPoint(wire), units);
  const ms: number[] = [];
  const carsOnly = units.map((u) => ({ ...u, kind: 'car' as const }));
  const msCars: number[] = [];
  for (let i = 0; i < incidents; i++) {
    const p = randomPoint(wire);
    let s = performance.now();
    engine.etaTo(p, units);
    ms.push(performance.now() - s);
    s = performance.now();
    engine.etaTo(p, carsOnly);
    msCars.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  msCars.sort((a, b) => a - b);
  const f = (x: number): string => x.toFixed(1);
  return (
    `| ${name} | ${engine.graph.nodeCount.toLocaleString('en')} | ${engine.graph.edgeCount.toLocaleString('en')} | ` +
    `${f(buildMs)} | ${f(pct(msCars, 50))} / ${f(pct(msCars, 99))} | ${f(pct(ms, 50))} / ${f(pct(ms, 99))} |`
  );
}

function straightVsRoad(name: string, wire: RoadGraphWire): string {
  const engine = new RoadEngine(wire);
  let worse = 0;
  let counted = 0;
  const extra: number[] = [];
  const ratio: number[] = [];
  for (let i = 0; i < compareN; i++) {
    const target = randomPoint(wire);
    const units: Origin[] = Array.from({ length: unitsN }, (_, k) => ({
      id: `u${k}`,
      ...randomPoint(wire),
      kind: 'car',
    }));
    const { byId } = engine.etaTo(target, units);
    let nearest: Origin | null = null;
    let nearestM = Infinity;
    let best = Infinity;
    for (const u of units) {
      const d = haversineM(u, target);
      if (d < nearestM && byId.has(u.id)) {
        nearestM = d;
        nearest = u;
      }
      best = Math.min(best, byId.get(u.id)?.etaS ?? Infinity);
    }
    if (!nearest || best === Infinity) continue;
    counted++;
    const nearestEta = (byId.get(nearest.id) as { etaS: number }).etaS;
    if (nearestEta > best + 1e-6) {
      worse++;
      extra.push(nearestEta - best);
      ratio.push(nearestEta / best);
    }
  }
  extra.sort((a, b) => a - b);
  ratio.sort((a, b) => a - b);
  return (
    `| ${name} | ${counted} | ${worse} (${((100 * worse) / counted).toFixed(1)} %) | ` +
    `${pct(extra, 50).toFixed(0)} s / ${pct(extra, 90).toFixed(0)} s / ${extra.at(-1)?.toFixed(0) ?? '-'} s | ` +
    `${pct(ratio, 50).toFixed(2)}× / ${pct(ratio, 90).toFixed(2)}× |`
  );
}

const district = simRoadGraph(buildWorld(1).roads);
const county = syntheticRoadGraph({ rows: 230, cols: 230, spacingM: 200, seed: 11 });

console.log(
  `\n(a) ${incidents} incidents, ${unitsN} units (cars; then 80 % cars, 10 % foot, 10 % village = 3 searches)\n`,
);
console.log('| graph | nodes | edges | build ms | cars p50 / p99 ms | mixed p50 / p99 ms |');
console.log('|---|---:|---:|---:|---:|---:|');
console.log(latency('district (simulator)', district));
console.log(latency('county (synthetic 230×230)', county));
console.log(
  `\n(b) ${compareN} incidents, ${unitsN} random cars each: straight-line nearest vs ETA-best\n`,
);
console.log(
  '| graph | incidents | nearest is slower | extra: median / p90 / max | ratio: median / p90 |',
);
console.log('|---|---:|---:|---:|---:|');
console.log(straightVsRoad('district (simulator)', district));
console.log(straightVsRoad('county (synthetic)', county));
