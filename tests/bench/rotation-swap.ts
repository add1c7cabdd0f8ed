/**
 * Rotation swap bench (issue #4): how late, and how gapless, a rotating wall swaps its page.
 *   npx tsx tests/bench/rotation-swap.ts [--swaps 100] [--dwell 3000]
 * Starts its own browser host (`out/main/serve.js`, two walls, the built-in simulator) in a
 * temporary data folder and Debian Chromium (headless, software decode, 1920×1080), rotates 40
 * cameras through wall 2 (2×2; wall 1 is where the simulator's alerts pull cameras) and, from
 * inside the page (tests/shared/rotation-swap-probe.ts), records every tile swap:
 * - jitter: ms from the swapAt the core planned to the new camera's first frame on screen
 *   (requestVideoFrameCallback of the new front video);
 * - gap: ms between the old camera's last frame on screen and the new one's first;
 * - blank samples: animation frames on which a tile showed no decoded (or a black) frame.
 * Twice: with pre-warm (default decoder budget: 4 tiles + 4 hidden players) and without
 * (`?budget=4`: no slot left, so each tile swaps on its new camera's first frame).
 * Everything it starts is stopped on exit, on errors and on Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import type { Catalog } from '../../shared/api';
import type { RotationState } from '../../shared/contract/watch';
import { chromiumArgs, chromiumPath } from '../chromium';
import {
  connectDesk,
  installSwapProbe,
  percentile,
  readSwapProbe,
  type Desk,
  type ProbeResult,
  type SwapRecord,
} from '../shared/rotation-swap-probe';

const { values: flags } = parseArgs({
  options: {
    swaps: { type: 'string', default: '100' },
    dwell: { type: 'string', default: '3000' },
  },
});
const swapsWanted = Number(flags.swaps);
const dwellMs = Number(flags.dwell);
if (!(swapsWanted >= 4) || !(dwellMs >= 1000)) {
  throw new Error('usage: rotation-swap.ts [--swaps N >= 4] [--dwell ms >= 1000]');
}
const TILES = 4;
const pagesPerRun = Math.ceil(swapsWanted / TILES);

let host: ChildProcess | null = null;
let browser: Browser | null = null;
let desk: Desk | null = null;
let dataDir: string | null = null;

async function cleanup(): Promise<void> {
  desk?.close();
  desk = null;
  if (browser) await browser.close().catch(() => {});
  browser = null;
  if (host && host.exitCode === null) {
    const child = host;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
  host = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = null;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
}
process.once('exit', () => {
  if (host && host.exitCode === null) host.kill('SIGKILL');
});
const budgetMs = (2 * (pagesPerRun + 4) * dwellMs + 300_000) * 1.5;
const watchdog = setTimeout(() => {
  console.error('rotation-swap: taking too long, stopping');
  void cleanup().finally(() => process.exit(2));
}, budgetMs);
watchdog.unref();

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

async function startHost(): Promise<{ desk: string; wall: string }> {
  dataDir = mkdtempSync(join(tmpdir(), 'vigil-rotation-bench-'));
  const child = spawn(
    process.execPath,
    [
      'out/main/serve.js',
      ...['--port', '0', '--data', dataDir, '--walls', '2'],
      ...['--cameras', '2000', '--sim-port', String(await freePort())],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  host = child;
  const logs: string[] = [];
  return new Promise((resolveUrls, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`host did not start:\n${logs.join('')}`)),
      90_000,
    );
    child.stderr!.on('data', (chunk: Buffer) => logs.push(String(chunk)));
    child.stdout!.on('data', (chunk: Buffer) => {
      logs.push(String(chunk));
      stdout += String(chunk);
      const deskUrl = /^desk: (\S+)$/m.exec(stdout);
      const wall = /^wall 2: (\S+)/m.exec(stdout);
      if (deskUrl && wall) {
        clearTimeout(timer);
        resolveUrls({ desk: deskUrl[1]!, wall: wall[1]! });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${logs.join('')}`));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RunResult {
  label: string;
  swaps: SwapRecord[];
  probe: ProbeResult;
}

async function run(label: string, wallUrl: string, cameras: string[]): Promise<RunResult> {
  const page = await browser!.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(wallUrl);
  await page.waitForSelector('[data-testid="wall-tile-3"]');
  await page.evaluate(installSwapProbe);
  const id = `bench-${label.replace(/\W/g, '')}`;
  await desk!.call('rotation.save', {
    id,
    name: `bench ${label}`,
    cameraIds: cameras,
    dwellMs,
    target: { wallId: 2 },
  });
  await desk!.call('rotation.start', { id });
  // The first page plays in before counting: its swap is from the wall's own cameras.
  const pageNumber = async () =>
    (await desk!.call<RotationState>('rotation.state', {})).running.find((r) => r.wallId === 2)
      ?.page.number ?? 0;
  while ((await pageNumber()) < pagesPerRun + 2) await sleep(500);
  await sleep(dwellMs / 2);
  const probe = (await page.evaluate(readSwapProbe)) as ProbeResult;
  await desk!.call('rotation.stop', { wallId: 2 });
  await page.close();
  // Page 1's swaps (from whatever the wall showed before) had no planned swapAt: left out.
  const swaps = probe.swaps
    .filter((s) => s.plannedAt !== null && s.firstFrameAt !== null)
    .slice(0, swapsWanted);
  return { label, swaps, probe };
}

const fmt = (n: number): string => (Number.isFinite(n) ? String(Math.round(n)) : '—');

function report(r: RunResult): string {
  const jitter = r.swaps.map((s) => s.firstFrameAt! - s.plannedAt!);
  const dom = r.swaps.map((s) => s.changedAt - s.plannedAt!);
  const gap = r.swaps
    .filter((s) => s.lastOldFrameAt !== null)
    .map((s) => s.firstFrameAt! - s.lastOldFrameAt!);
  const warmed = r.swaps.filter((s) => s.warmed).length;
  const blanks = r.probe.blanks.reduce((a, b) => a + b, 0);
  return [
    `| ${r.label}`,
    `${r.swaps.length} (${warmed} warmed)`,
    `${fmt(percentile(jitter, 50))} / ${fmt(percentile(jitter, 99))} / ${fmt(Math.max(...jitter))}`,
    `${fmt(percentile(dom, 50))} / ${fmt(percentile(dom, 99))}`,
    `${fmt(percentile(gap, 50))} / ${fmt(percentile(gap, 99))} / ${fmt(Math.max(...gap))}`,
    `${blanks} of ${r.probe.samples * TILES} |`,
  ].join(' | ');
}

async function main(): Promise<void> {
  const urls = await startHost();
  desk = await connectDesk(urls.desk);
  let cameras: string[] = [];
  while (cameras.length < 40) {
    const catalog = await desk.call<Catalog>('catalog.get', {}).catch(() => null);
    cameras = (catalog?.cameras ?? []).filter((c) => c.status === 'online').map((c) => c.id);
    if (cameras.length < 40) await sleep(500);
  }
  cameras = cameras.slice(0, 40);
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const results = [
    await run('pre-warm', `${urls.wall}&budget=16`, cameras),
    await run('no pre-warm (budget 4)', `${urls.wall}&budget=4`, cameras),
  ];
  console.log(
    `rotation swap bench: ${swapsWanted} tile swaps per run, ${TILES} tiles, dwell ${dwellMs} ms`,
  );
  console.log(
    '| run | swaps | swapAt → first new frame, ms p50 / p99 / max | swapAt → DOM swap p50 / p99 | gap on screen, ms p50 / p99 / max | blank samples |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of results) console.log(report(r));
  for (const r of results) {
    if (r.probe.blankLog.length === 0) continue;
    console.log(`${r.label}: first blank samples (ms after the planned swap before them)`);
    const planned = r.probe.swaps.map((s) => s.plannedAt ?? 0);
    for (const b of r.probe.blankLog.slice(0, 12)) {
      const before = Math.max(0, ...planned.filter((p) => p <= b.at));
      console.log(`  tile ${b.tile} +${Math.round(b.at - before)} ms ${JSON.stringify(b)}`);
    }
  }
}

main()
  .then(() => cleanup())
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    void cleanup().finally(() => process.exit(1));
  });
