/**
 * Bench: the desk's camera tree at county scale (the simulator's 26,000-camera catalog).
 *
 *   npx tsx tests/bench/camera-tree.ts [--cameras 26000] [--runs 20]
 *
 * Times building the tree from the catalog, flattening it fully expanded (what the virtualised
 * list draws from, redone on every expand or collapse) and a search for a common word and for a
 * camera id, after 3 warm-up runs; prints a markdown block (median and worst of the runs).
 */
import { generateCatalog } from '../../electron/sim/catalog-gen';
import {
  allAreaIds,
  buildCameraTree,
  flattenTree,
  searchTree,
} from '../../renderer/common/camera-tree';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const cameraCount = arg('cameras', 26_000);
const runs = arg('runs', 20);

const { areas, cameras } = generateCatalog({
  cameras: cameraCount,
  seed: 1,
  baseUrl: 'http://127.0.0.1:1',
});
const tree = buildCameraTree(areas, cameras);
const all = allAreaIds(tree);
const word = '路口';
const id = cameras[Math.floor(cameras.length / 2)]!.id.slice(-7);

function time(what: () => unknown): { median: number; max: number; size: number } {
  let size = 0;
  for (let i = 0; i < 3; i++) what();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const out = what();
    times.push(performance.now() - started);
    size = Array.isArray(out) ? out.length : 0;
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, max: times.at(-1)!, size };
}

const rows = [
  ['build the tree', time(() => buildCameraTree(areas, cameras))],
  ['flatten, every area expanded', time(() => flattenTree(tree, all))],
  [`search a common word ("${word}")`, time(() => searchTree(tree, word))],
  [`search an id's last 7 digits`, time(() => searchTree(tree, id))],
] as const;

console.log(
  `camera tree: ${cameras.length} cameras, ${areas.length} areas; ${runs} runs after 3 warm-ups; Node ${process.version}`,
);
console.log('');
console.log('| step | rows out | median | worst |');
console.log('| ---- | -------- | ------ | ----- |');
for (const [name, t] of rows)
  console.log(`| ${name} | ${t.size} | ${t.median.toFixed(1)} ms | ${t.max.toFixed(1)} ms |`);
