/**
 * Video wall bench (issue #3 "Benchmarks"), in one run, side by side:
 *   npx tsx tests/bench/wall-bench.ts [--tiles 4,9,16,25,36,64] [--seconds 20] [--memory-minutes 2]
 *     [--memory-page wall|bare] [--profile] [--wall-style CSS] [--rounds 1] [--budget 36]
 *     [--wall-only] [--throughput-only]
 *     [--load-step 16 [--hog-seconds 90] [--hogs 2] [--hog-nice=-10] [--load loops|players]
 *      [--after-seconds 240]]
 *     [--memory-only [--memory-page bare --recycle-seconds 60] [--purge-minutes 10]
 *      [--reload-minutes 30]]
 * It starts its own browser host (`out/main/serve.js`, one wall, the built-in simulator) in a
 * temporary data folder and Debian Chromium (headless, software decode, 1920×1080), then measures:
 * 1. per tile count: the wall page (`?budget=36`, so the decoder budget holds no tile back) vs a
 *    bare page of plain hls.js players on the same sub-streams in the same grid: presented fps
 *    per tile, dropped frames %, and Chromium's CPU (utime+stime of all its processes, % of one
 *    core);
 * 2. time to first frame per tile, p50/p95: cold (navigation → each tile's first presented frame)
 *    and a view switch of 16 tiles (`wall.sendGroup` sent → each tile's first frame of its new
 *    camera), from requestVideoFrameCallback in the page;
 * 3. the sub/main switch gap: enlarge a tile (main stream through a pre-warmed hidden video) and
 *    back; the longest interval without a presented frame on the visible video around the swap;
 * 4. memory of the 16-tile wall (or, --memory-page bare, of the bare page on the same 16
 *    streams) over --memory-minutes (0 skips it): JS heap (CDP
 *    Performance.getMetrics JSHeapUsedSize after a forced GC) and the renderer's RSS every 30 s,
 *    growth after the first 5 minutes (after the first third for runs under 15 minutes).
 * Everything it starts (host, browser) is stopped on exit, on errors and on Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { cpus, setPriority, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import WebSocket from 'ws';
import {
  cpuPercent,
  cpuTicks,
  descendants,
  rendererPid,
  rendererRss,
  residentSplit,
} from './wall-proc';
import { chromiumArgs, chromiumPath } from '../chromium';

const { values: flags } = parseArgs({
  options: {
    tiles: { type: 'string', default: '9,16,25,36' },
    seconds: { type: 'string', default: '20' },
    'memory-minutes': { type: 'string', default: '2' },
    /** Whose memory to follow: the wall page, or the bare hls.js page on the same 16 streams. */
    'memory-page': { type: 'string', default: 'wall' },
    /** After each throughput window, 10 s of the page's main-thread CPU profile, top 25 by self time. */
    profile: { type: 'boolean', default: false },
    /** CSS added to the wall page before its throughput window: what-if runs (hide the labels…). */
    'wall-style': { type: 'string', default: '' },
    /** Measure the tile counts this many times over, wall and bare page in turn (noisy machines). */
    rounds: { type: 'string', default: '1' },
    /**
     * The wall's decoder budget (default 36: no tile held back). Under the tile count, the tiles
     * over it show key-frame previews (issue #14): their cost per tile is the CPU difference
     * between two tile counts at the same budget. `auto`: the wall's own budget, calibrated at
     * its first start and adapted at run time, as shipped (issue #14's side-by-side table: the
     * wall's full-rate tiles against a bare page playing every tile).
     */
    budget: { type: 'string', default: '36' },
    /** Only section 1, the wall only (no bare page): the preview-cost runs. */
    'wall-only': { type: 'boolean', default: false },
    /** Only section 1, wall and bare page: the side-by-side table. */
    'throughput-only': { type: 'boolean', default: false },
    /**
     * Instead of sections 1-4: the adaptive budget under a load step (issue #14). A wall of this
     * many tiles on its own budget (calibrated at its first start, adapted at run time), 60 s
     * steady, then the load (--load: busy loops or another browser's players) for
     * --hog-seconds, then --after-seconds after: the budget, the tiles at full rate and the
     * dropped share every 2 s, with the time to shed, the time to recover and the frames dropped
     * meanwhile.
     */
    'load-step': { type: 'string', default: '0' },
    'hog-seconds': { type: 'string', default: '90' },
    /**
     * How long the load step watches after the load ends (a climb back to a budget that held is
     * +1 per 6 s; past it, or from one that never held, +1 per ~20 s).
     */
    'after-seconds': { type: 'string', default: '240' },
    /**
     * How many busy loops the load step starts (default: one per core), or with --load players
     * how many streams the other browser plays. Two loops on this 2-core machine did not make a
     * 16-tile wall drop a frame (Chromium's decoder threads outnumber them): a fall needs more.
     */
    hogs: { type: 'string', default: String(cpus().length) },
    /**
     * The busy loops' nice value (default 0, the wall's own priority; below 0 needs root, and is
     * written `--hog-nice=-10`). At the same priority even 32 loops left Chromium's many threads
     * the share 16 sub-streams need; a loop above the wall's priority makes it fall behind.
     */
    'hog-nice': { type: 'string', default: '0' },
    /**
     * The load step's load: `loops` (--hogs busy loops at --hog-nice) or `players`: another
     * program playing video beside the wall, at the same priority (a second Chromium, its own
     * processes, a bare page of --hogs hls.js players on other cameras' sub-streams). The second
     * is what a watcher's machine meets (a video player, another wall window); it is what made a
     * 36-tile wall drop frames where busy loops at its priority did not.
     */
    load: { type: 'string', default: 'loops' },
    /** Only section 4 (memory): the soaks, without the throughput and first-frame sections. */
    'memory-only': { type: 'boolean', default: false },
    /**
     * The bare page's memory run with each tile's player recycled every this many seconds (0:
     * never): a fresh `<video>` and hls.js instance started behind the old one, which is
     * destroyed on the new one's first frame (issue #14 item 7: does it give memory back?).
     * Tiles are staggered evenly over the period.
     */
    'recycle-seconds': { type: 'string', default: '0' },
    /**
     * Every this many minutes of the memory run (0: never), before the sample: Chromium is told
     * memory is critically short (CDP Memory.simulatePressureNotification, as the OS would), and
     * the RSS before and 10 s after is logged: is the growth memory the renderer can give back
     * (caches, free pages it kept), or memory it holds?
     */
    'purge-minutes': { type: 'string', default: '0' },
    /**
     * Every this many minutes of the memory run (0: never), before the sample: the page reloads
     * itself the way a wall's scheduled reload does (`location.replace` with `?notice=schedule`;
     * the Electron shell's `webContents.reload()` keeps the renderer alike). Logged: the renderer's
     * process before and after (the same one, or a new one?), its RSS before, 10 s and 60 s after,
     * and how long until every tile played again (the dark time a watcher sees). Does the reload,
     * the wall's answer to its memory, give the memory back?
     */
    'reload-minutes': { type: 'string', default: '0' },
    /**
     * The load step: a screenshot of the wall with its budget corner (the I key) here, at the
     * end of the load and at the end of the run: what the watcher reads of the shed (empty: none).
     */
    'shot-dir': { type: 'string', default: '' },
  },
});
const tileCounts = flags.tiles.split(',').map(Number);
const seconds = Number(flags.seconds);
const memoryMinutes = Number(flags['memory-minutes']);
const memoryPage = flags['memory-page'];
const purgeMinutes = Number(flags['purge-minutes']);
const reloadMinutes = Number(flags['reload-minutes']);
const profiling = flags.profile;
const rounds = Number(flags.rounds);
const autoBudget = flags.budget === 'auto';
const budget = autoBudget ? 64 : Number(flags.budget);
const wallOnly = flags['wall-only'];
const loadStepTiles = Number(flags['load-step']);
const hogSeconds = Number(flags['hog-seconds']);
const afterSeconds = Number(flags['after-seconds']);
const recycleSeconds = Number(flags['recycle-seconds']);
const hogCount = Number(flags.hogs);
const hogNice = Number(flags['hog-nice']);
const loadKind = flags.load;
if (
  !(Number.isInteger(hogNice) && hogNice >= -20 && hogNice <= 19) ||
  !(Number.isInteger(hogCount) && hogCount >= 1 && hogCount <= 64) ||
  !['loops', 'players'].includes(loadKind) ||
  !(recycleSeconds >= 0) ||
  !(Number.isInteger(purgeMinutes) && purgeMinutes >= 0) ||
  !(Number.isInteger(reloadMinutes) && reloadMinutes >= 0) ||
  !['wall', 'bare'].includes(memoryPage) ||
  tileCounts.some((n) => ![4, 9, 16, 25, 36, 64].includes(n)) ||
  !(seconds > 0) ||
  !(memoryMinutes >= 0) ||
  !(Number.isInteger(rounds) && rounds >= 1) ||
  !(Number.isInteger(budget) && budget >= 1 && budget <= 64) ||
  ![0, 4, 9, 16, 25, 36].includes(loadStepTiles) ||
  !(hogSeconds > 0) ||
  !(afterSeconds > 0)
) {
  throw new Error(
    'usage: wall-bench.ts [--tiles 4,9,16,25,36,64] [--seconds 20] [--memory-minutes 2] [--memory-page wall|bare] [--profile] [--wall-style CSS] [--rounds 1] [--budget 36|auto] [--wall-only] [--load-step 16 [--hog-seconds 90] [--hogs 2] [--hog-nice=-10] [--load loops|players] [--after-seconds 240]] [--memory-only] [--recycle-seconds 0] [--purge-minutes 0] [--reload-minutes 0]',
  );
}
const viewport = { width: 1920, height: 1080 };

// ---------------------------------------------------------------------------------------------
// Processes we own, stopped whatever happens
// ---------------------------------------------------------------------------------------------

let host: ChildProcess | null = null;
let browser: Browser | null = null;
let dataDir: string | null = null;
const closers: (() => Promise<void>)[] = [];

async function cleanup(): Promise<void> {
  for (const close of closers.splice(0)) await close().catch(() => {});
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
// Bounded: the whole run, with generous room for slow starts, then give up.
const budgetMs =
  (tileCounts.length * 2 * (seconds + 75) + 240 + memoryMinutes * 60 + 300) * 1000 +
  (autoBudget ? tileCounts.length * rounds * 150_000 : 0) +
  (loadStepTiles ? (hogSeconds + afterSeconds + 240) * 1000 : 0);
const watchdog = setTimeout(() => {
  console.error(`wall-bench: still running after ${Math.round(budgetMs / 60_000)} min, stopping`);
  void cleanup().finally(() => process.exit(2));
}, budgetMs);
watchdog.unref();

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

async function startHost(cameras: number): Promise<{ desk: string; wall: string; sim: string }> {
  dataDir = mkdtempSync(join(tmpdir(), 'vigil-wall-bench-'));
  // The simulator sends an alert a minute, and an alert pulls cameras onto the linkage wall's
  // first tiles: on the measured wall that swapped tiles 0-3 mid-measurement (their new videos'
  // frame counters read as a "starved" tile). Alerts go to wall 2, which nobody opens.
  writeFileSync(join(dataDir, 'vigil.config.json'), JSON.stringify({ watch: { linkageWall: 2 } }));
  const child = spawn(
    process.execPath,
    [
      'out/main/serve.js',
      ...['--port', '0', '--data', dataDir, '--walls', '2'],
      ...['--cameras', String(cameras), '--sim-port', String(await freePort())],
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
      const desk = /^desk: (\S+)$/m.exec(stdout);
      const wall = /^wall 1: (\S+)/m.exec(stdout);
      const sim = /^simulator: (\S+)/m.exec(stdout);
      if (desk && wall && sim) {
        clearTimeout(timer);
        resolveUrls({ desk: desk[1]!, wall: wall[1]!, sim: sim[1]! });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${logs.join('')}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The desk's side of the core, over the host's WebSocket
// ---------------------------------------------------------------------------------------------

interface Desk {
  call<T>(method: string, input: unknown): Promise<T>;
}

async function connectDesk(deskUrl: string): Promise<Desk> {
  const url = new URL(deskUrl);
  const ws = new WebSocket(
    `ws://${url.host}/ws?token=${url.searchParams.get('token') ?? ''}&window=desk`,
    { origin: url.origin },
  );
  await new Promise<void>((r, reject) => {
    ws.once('open', () => r());
    ws.once('error', reject);
  });
  closers.push(async () => ws.close());
  let next = 1;
  const pending = new Map<
    number,
    (message: { ok: boolean; value?: unknown; error?: unknown }) => void
  >();
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: never };
    if (typeof message.id === 'number') pending.get(message.id)?.(message.result!);
  });
  return {
    call<T>(method: string, input: unknown): Promise<T> {
      const id = next++;
      return new Promise<T>((r, reject) => {
        pending.set(id, (result) => {
          pending.delete(id);
          if (result.ok) r(result.value as T);
          else reject(new Error(`${method}: ${JSON.stringify(result.error)}`));
        });
        ws.send(JSON.stringify({ id, method, input }));
      });
    },
  };
}

/** Every action needs someone signed in: the demo administrator, or a first one made. */
async function signIn(desk: Desk): Promise<void> {
  type Session = {
    operator?: unknown;
    accounts?: boolean;
    demo: { role: string; name: string; password: string }[];
  };
  const state = await desk.call<Session>('session.get', {});
  if (state.operator) return;
  const password = 'bench-password';
  if (!state.accounts) {
    await desk.call('session.setup', { name: '装机管理员', password });
    return;
  }
  const demo = state.demo.find((a) => a.role === 'admin');
  if (!demo) throw new Error('no one signed in and no demo administrator to sign in');
  await desk.call('session.signIn', { name: demo.name, password: demo.password });
}

interface ThroughputRow {
  n: number;
  wall: Throughput;
  bare: Throughput;
  previews: number;
  budget: number;
}

/** Section 1's table: each tile count, the wall and the bare page. */
function throughputTable(rows: ThroughputRow[]): string[] {
  const out: string[] = [];
  out.push(
    '| tiles | page | full rate | changed | fps/tile mean | fps/tile min | dropped | Chromium CPU (% of one core) |',
  );
  out.push(
    '| ----- | ---- | ------- | ------- | ------------- | ------------ | ------- | ---------------------------- |',
  );
  for (const r of rows) {
    for (const [name, t] of [
      ['wall', r.wall],
      ['bare hls.js', r.bare],
    ] as const) {
      const held = name === 'wall' ? `, budget ${r.budget}, ${r.previews} previews` : '';
      out.push(
        `| ${r.n} | ${name} | ${t.playing}/${r.n}${held} | ${t.changed} | ${fmt(t.fpsMean, 1)} | ${fmt(t.fpsMin, 1)} | ${fmt(t.droppedPct, 1)} % | ${fmt(t.cpuPct)} % |`,
      );
    }
  }
  return out;
}

/** The wall's decoder budget as it stands (the wall root's data-budget). */
async function wallBudget(page: Page): Promise<number> {
  const wall = page.locator('[data-testid^="wall-"][data-budget]').first();
  await wall.waitFor({ timeout: 60_000 });
  return Number(await wall.getAttribute('data-budget'));
}

// ---------------------------------------------------------------------------------------------
// The adaptive budget under a load step (--load-step)
// ---------------------------------------------------------------------------------------------

interface StepSample {
  at: number;
  /** Seconds since the hog started (negative: before it), filled in at the end. */
  t: number;
  budget: number;
  /** Tiles decoding at full rate / showing a key-frame preview. */
  full: number;
  previews: number;
  /** Of the full-rate tiles' frames in the last interval: presented and dropped. */
  frames: number;
  dropped: number;
  /**
   * Frames the tiles with a slot were due in the last interval (those not in preview, at the
   * simulator's 25 fps): a tile that stalls shows fewer than it is due without dropping any.
   */
  due: number;
}

/** The simulator's frame rate. */
const SIM_FPS = 25;

/** Busy loops, one per core, at the wall's priority: the machine falls behind. */
function startHog(): () => void {
  const hogs = Array.from({ length: hogCount }, () =>
    spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }),
  );
  for (const h of hogs) if (h.pid !== undefined && hogNice !== 0) setPriority(h.pid, hogNice);
  const stop = () => {
    for (const h of hogs) if (h.exitCode === null) h.kill('SIGKILL');
  };
  closers.push(async () => stop());
  return stop;
}

/** With --shot-dir: the page with its budget corner shown, as DIR/NAME.png. */
async function shoot(page: Page, name: string): Promise<void> {
  if (!flags['shot-dir']) return;
  await page.keyboard.press('i');
  await page.getByTestId('wall-budget').waitFor({ timeout: 10_000 });
  const path = join(resolve(flags['shot-dir']), `${name}.png`);
  await page.screenshot({ path, timeout: 60_000 });
  await page.keyboard.press('i');
  console.log(`screenshot: ${path}`);
}

/** What the load step starts: it resolves to the function that ends it. */
type StartLoad = () => Promise<() => Promise<void>>;

async function measureLoadStep(page: Page, n: number, startLoad: StartLoad): Promise<void> {
  // The wall calibrates at its first start: wait until it plays what its budget allows.
  await waitPlaying(page, 1);
  await page.waitForTimeout(20_000);
  const samples: StepSample[] = [];
  let last = new Map<string, TileFrames>();
  let lastAt = 0;
  const sample = async (): Promise<void> => {
    const now = Date.now();
    const frames = await tileFrames(page);
    let presented = 0;
    let dropped = 0;
    // Full rate: tiles whose front video took frames since the last sample (a held-back tile
    // keeps an idle <video>).
    let full = 0;
    for (const f of frames) {
      const before = last.get(f.tile);
      if (before && before.url === f.url && f.total > before.total) {
        full++;
        presented += f.total - before.total;
        dropped += f.dropped - before.dropped;
      }
    }
    last = new Map(frames.map((f) => [f.tile, f]));
    const previews = await page.locator('[data-preview="showing"]').count();
    samples.push({
      at: now,
      t: 0,
      budget: await wallBudget(page),
      full,
      previews,
      frames: presented,
      dropped,
      due: lastAt ? (((n - previews) * SIM_FPS * (now - lastAt)) / 1000) | 0 : 0,
    });
    lastAt = now;
  };
  const run = async (ms: number) => {
    for (const until = Date.now() + ms; Date.now() < until;) {
      await sample();
      await page.waitForTimeout(2000);
    }
  };
  await run(60_000);
  const hogAt = Date.now();
  const stopLoad = await startLoad();
  await run(hogSeconds * 1000);
  await shoot(page, 'load-step-end-of-load');
  await stopLoad();
  const endAt = Date.now();
  await run(afterSeconds * 1000);
  await shoot(page, 'load-step-after');
  for (const s of samples) s.t = Math.round((s.at - hogAt) / 1000);

  const hogT = 0;
  const endT = Math.round((endAt - hogAt) / 1000);
  const before = samples.filter((s) => s.t < hogT);
  const during = samples.filter((s) => s.t >= hogT && s.t < endT);
  const after = samples.filter((s) => s.t >= endT);
  const steady = before.at(-1)?.budget ?? Number.NaN;
  const shed = during.find((s) => s.budget < steady);
  const low = Math.min(...during.map((s) => s.budget));
  const back = after.find((s) => s.budget >= steady);
  const share = (xs: StepSample[]) => {
    const f = xs.reduce((a, s) => a + s.frames, 0);
    const d = xs.reduce((a, s) => a + s.dropped, 0);
    return f > 0 ? `${fmt((100 * d) / f, 1)} % of ${f}` : 'n/a';
  };
  // Frames shown (presented, not dropped) of those due: what a watcher sees of the full-rate tiles.
  const shown = (xs: StepSample[]) => {
    const due = xs.reduce((a, s) => a + s.due, 0);
    const seen = xs.reduce((a, s) => a + s.frames - s.dropped, 0);
    return due > 0 ? `${fmt(Math.min(100, (100 * seen) / due), 0)} %` : 'n/a';
  };
  const out: string[] = [];
  out.push(
    `| t (s, hog at 0, ends at ${endT}) | budget | full rate | previews | dropped | shown of due |`,
  );
  out.push('| --- | --- | --- | --- | --- | --- |');
  for (const s of samples)
    out.push(
      `| ${s.t} | ${s.budget} | ${s.full} | ${s.previews} | ${s.frames ? fmt((100 * s.dropped) / s.frames, 1) + ' %' : '-'} | ${shown([s])} |`,
    );
  out.push('');
  out.push(
    `${n} tiles, ${loadKind === 'players' ? `another browser playing ${hogCount} streams` : `${hogCount} busy loops (nice ${hogNice})`} for ${hogSeconds} s: budget ${steady} before; ` +
      `shed ${shed ? `to ${shed.budget} after ${shed.t} s` : 'never'} (lowest ${low}); ` +
      `back to ${steady} ${back ? `${back.t - endT} s after the load ended` : `not within ${afterSeconds} s`}. ` +
      `Dropped: before ${share(before)}, during ${share(during)}, after ${share(after)} frames. ` +
      `Shown of due (full-rate tiles): before ${shown(before)}, during ${shown(during)}, after ${shown(after)}.`,
  );
  console.log(`\n${out.join('\n')}`);
}

// ---------------------------------------------------------------------------------------------
// In the page: every presented frame of every tile video, by requestVideoFrameCallback
// ---------------------------------------------------------------------------------------------

interface FrameLog {
  /** `${tile}|${url}` → epoch ms of that video's first presented frame. */
  first: Record<string, number>;
  /** The tile whose on-screen frames are kept in `times` (null: none). */
  track: string | null;
  times: number[];
}

/**
 * Installed before any page script (addInitScript), so no first frame is missed: every <video>
 * the page adds gets a requestVideoFrameCallback loop (frame times are the callbacks' `now`).
 * A string, not a function: tsx's esbuild wraps named inner functions in a `__name` helper the
 * page does not have.
 */
const installFrameLog = `(() => {
  const log = { first: {}, track: null, times: [] };
  window.__frames = log;
  const hooked = new WeakSet();
  const hook = (video) => {
    if (hooked.has(video)) return;
    hooked.add(video);
    const onFrame = (now) => {
      const tile = video.closest('[data-testid*="-tile-"]')?.getAttribute('data-testid') ?? '?';
      const t = performance.timeOrigin + now;
      const key = tile + '|' + (video.dataset.url ?? video.currentSrc);
      if (!(key in log.first)) log.first[key] = t;
      if (log.track === tile && video.dataset.front === 'true') log.times.push(t);
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };
  new MutationObserver(() => document.querySelectorAll('video').forEach(hook)).observe(document, {
    childList: true,
    subtree: true,
  });
})();`;

interface TileFrames {
  tile: string;
  total: number;
  dropped: number;
  /** The front video's stream: a tile whose front changed is not measured (counters restart). */
  url: string;
}

const tileFrames = (page: Page): Promise<TileFrames[]> =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLVideoElement>('video[data-front="true"]')].map((v) => {
      const q = v.getVideoPlaybackQuality();
      return {
        tile: v.closest('[data-testid*="-tile-"]')?.getAttribute('data-testid') ?? '?',
        total: q.totalVideoFrames,
        dropped: q.droppedVideoFrames,
        url: v.dataset.url ?? v.currentSrc,
      };
    }),
  );

/** Until `n` tiles show frames (or 60 s): how many do. */
async function waitPlaying(page: Page, n: number): Promise<number> {
  const until = Date.now() + 60_000;
  let playing = 0;
  while (Date.now() < until) {
    playing = (await tileFrames(page)).filter((f) => f.total > 0).length;
    if (playing >= n) break;
    await page.waitForTimeout(250);
  }
  return playing;
}

// ---------------------------------------------------------------------------------------------
// The bare page: one plain hls.js player per tile, same streams, same grid
// ---------------------------------------------------------------------------------------------

/**
 * The wall's own hls.js settings (renderer/wall/hls-config.ts, copied: the bench compares the
 * wall's code around the player, not two player configurations).
 */
const bareHlsConfig = {
  enableWorker: true,
  lowLatencyMode: false,
  backBufferLength: 10,
  maxBufferLength: 10,
  maxMaxBufferLength: 20,
  maxBufferSize: 16 * 1000 * 1000,
  liveSyncDurationCount: 3,
  capLevelToPlayerSize: true,
};

async function serveBarePage(): Promise<string> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>bare</title><style>
html,body{margin:0;width:100%;height:100%;background:#000;overflow:hidden}
#grid{display:grid;width:100vw;height:100vh;gap:2px}
#grid div{position:relative;min-width:0;min-height:0}
video{width:100%;height:100%;object-fit:contain;display:block}
</style></head><body><div id="grid"></div></body></html>`;
  const server = createHttpServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
}

async function openBare(page: Page, url: string, streams: string[], recycleMs = 0): Promise<void> {
  await page.goto(url);
  await page.addScriptTag({ path: resolve('node_modules/hls.js/dist/hls.min.js') });
  // tsx keeps function names with an `__name` helper the page does not have.
  await page.evaluate('window.__name = (f) => f');
  await page.evaluate(
    ({ streams, config, recycleMs }) => {
      // hls.js's UMD build sets a global; its type is not in the page's lib.
      const Hls = (
        window as unknown as {
          Hls: new (c: object) => {
            loadSource(u: string): void;
            attachMedia(v: HTMLVideoElement): void;
            destroy(): void;
          };
        }
      ).Hls;
      type Player = { video: HTMLVideoElement; hls: InstanceType<typeof Hls> };
      const start = (cell: HTMLElement, src: string, front: boolean): Player => {
        const video = document.createElement('video');
        video.muted = true;
        video.autoplay = true;
        video.playsInline = true;
        video.dataset.front = String(front);
        video.dataset.url = src;
        if (!front) video.style.cssText = 'position:absolute;inset:0;opacity:0';
        cell.append(video);
        const hls = new Hls(config);
        hls.loadSource(src);
        hls.attachMedia(video);
        void video.play().catch(() => {});
        return { video, hls };
      };
      // The wall's seamless swap, in small: the fresh player warms behind, takes the front on its
      // first frame, and the old one is torn down (hls.js destroyed, the element emptied).
      const recycle = (cell: HTMLElement, src: string, old: Player): Promise<Player> =>
        new Promise((done) => {
          const next = start(cell, src, false);
          next.video.requestVideoFrameCallback(() => {
            next.video.style.cssText = '';
            next.video.dataset.front = 'true';
            old.hls.destroy();
            old.video.removeAttribute('src');
            old.video.load();
            old.video.remove();
            done(next);
          });
        });
      const side = Math.ceil(Math.sqrt(streams.length));
      const grid = document.getElementById('grid')!;
      grid.style.gridTemplateColumns = `repeat(${side}, 1fr)`;
      grid.style.gridTemplateRows = `repeat(${side}, 1fr)`;
      streams.forEach((src, i) => {
        const cell = document.createElement('div');
        cell.dataset.testid = `bare-tile-${i}`;
        grid.append(cell);
        let player = start(cell, src, true);
        if (recycleMs > 0) {
          const again = (): void => {
            void recycle(cell, src, player).then((next) => {
              player = next;
              setTimeout(again, recycleMs);
            });
          };
          setTimeout(again, (recycleMs * (i + 1)) / streams.length);
        }
      });
    },
    { streams, config: bareHlsConfig, recycleMs },
  );
}

// ---------------------------------------------------------------------------------------------
// Measures
// ---------------------------------------------------------------------------------------------

interface Throughput {
  playing: number;
  /** Tiles whose front video changed during the window (not measured; should be 0). */
  changed: number;
  fpsMean: number;
  fpsMin: number;
  droppedPct: number;
  cpuPct: number;
}

/**
 * Until every wall tile's front video plays the stream the tile chose (issue #14 item 5: a large
 * tile starts on its sub-stream, learns its size, then swaps to its main stream) and none warms
 * another behind it, or 30 s: a swap inside the window would leave that tile unmeasured.
 */
async function settleStreams(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid^="wall-tile-"][data-stream]')].every((t) => {
          const stream = t.getAttribute('data-stream');
          if (!stream) return true;
          const videos = t.querySelectorAll('video');
          const front = t.querySelector<HTMLVideoElement>('video[data-front="true"]');
          return videos.length === 1 && Boolean(front?.dataset.url?.includes(`${stream}.m3u8`));
        }),
      undefined,
      { timeout: 30_000, polling: 250 },
    )
    .catch(() => console.log('streams still changing after 30 s'));
}

/**
 * The wall on its own budget (--budget auto) keeps moving for a while after it starts: the budget
 * climbs while its windows are good, and each step gives a previewing tile a player. Until the
 * budget, which tiles have a player and on which stream have not changed for 20 s (or 120 s):
 * a window taken earlier measures tiles mid-change (issue #14 item 6's first 36/64 rows).
 */
async function settleWall(page: Page): Promise<void> {
  const look = async () =>
    JSON.stringify([
      await wallBudget(page),
      (await tileFrames(page)).map((f) => `${f.tile}=${f.url}`).sort(),
    ]);
  const start = Date.now();
  let last = await look();
  let since = Date.now();
  while (Date.now() - since < 20_000) {
    if (Date.now() - start > 120_000) {
      console.log('wall still changing after 120 s: measured as it is');
      return;
    }
    await page.waitForTimeout(2_000);
    const now = await look();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
  console.log(`wall settled after ${((Date.now() - start) / 1000).toFixed(0)} s`);
}

async function measureThroughput(page: Page, n: number, wall = false): Promise<Throughput> {
  const playing = await waitPlaying(page, n);
  if (wall) await settleStreams(page);
  if (wall && autoBudget) await settleWall(page);
  await page.waitForTimeout(3_000); // past the start-up burst
  const exclude = host?.pid ? [host.pid] : [];
  const f0 = await tileFrames(page);
  const c0 = cpuTicks(descendants(process.pid, exclude));
  const t0 = performance.now();
  await page.waitForTimeout(seconds * 1000);
  const c1 = cpuTicks(descendants(process.pid, exclude));
  const f1 = await tileFrames(page);
  const elapsed = (performance.now() - t0) / 1000;
  const before = new Map(f0.map((f) => [f.tile, f]));
  let total = 0;
  let dropped = 0;
  let changed = 0;
  const fps: number[] = [];
  let decoding = 0;
  for (const f of f1) {
    const b = before.get(f.tile) ?? { total: 0, dropped: 0, url: f.url };
    if (b.url !== f.url) {
      // Not the same video at both ends (something put another camera on the tile): its
      // counters started again, so the difference means nothing. Said, not counted.
      changed++;
      continue;
    }
    const dt = f.total - b.total;
    const dd = f.dropped - b.dropped;
    if (dt > 0) decoding++;
    total += dt;
    dropped += dd;
    fps.push((dt - dd) / elapsed);
  }
  while (fps.length < n - changed) fps.push(0);
  // Counted from frames: a tile plays at full rate if its front video presented frames in the
  // window (the wait above stops at the budget it read first, which an auto wall then raises).
  if (playing < decoding)
    console.log(`${decoding} tiles decoded in the window (${playing} at start)`);
  return {
    playing: decoding,
    changed,
    fpsMean: fps.reduce((a, b) => a + b, 0) / fps.length,
    fpsMin: Math.min(...fps),
    droppedPct: total > 0 ? (dropped / total) * 100 : 0,
    cpuPct: cpuPercent(c0, c1, elapsed),
  };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
}

/**
 * 10 s of the page's main thread (CDP Profiler, 0.5 ms sampling): the 25 functions with the most
 * self time, as a share of the samples ("(program)" is the browser's own work, "(idle)" idle).
 */
async function profileMainThread(page: Page, label: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  await page.waitForTimeout(10_000);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await cdp.detach();
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  for (const id of profile.samples) {
    const f = frames.get(id)!;
    const where = `${f.url.split('/').at(-1) ?? ''}:${f.lineNumber}`;
    const key = `${f.functionName || '(anonymous)'} ${where}`;
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  console.log(`profile of the ${label}: ${profile.samples.length} samples`);
  for (const [key, count] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`  ${((count / profile.samples.length) * 100).toFixed(1).padStart(5)} %  ${key}`);
  }
}

const frameLog = (page: Page): Promise<FrameLog> =>
  page.evaluate(() => (window as unknown as { __frames: FrameLog }).__frames);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Per wall tile 0..n-1: ms from t0 to its first frame of a video not in `old` (tile|url keys). */
function firstFrames(log: FrameLog, n: number, t0: number, old: Set<string>): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const times = Object.entries(log.first)
      .filter(([key, t]) => key.startsWith(`wall-tile-${i}|`) && !old.has(key) && t >= t0)
      .map(([, t]) => t - t0);
    out.push(times.length ? Math.min(...times) : NaN);
  }
  return out;
}

/** Longest interval between consecutive on-screen frames in [from, to] (epoch ms). */
function longestGap(times: number[], from: number, to: number): number {
  const inside = times.filter((t) => t >= from && t <= to);
  let gap = 0;
  for (let i = 1; i < inside.length; i++) gap = Math.max(gap, inside[i]! - inside[i - 1]!);
  return gap;
}

async function measureSwap(page: Page, tileIndex: number, toStream: 'main' | 'sub') {
  const tileId = `wall-tile-${tileIndex}`;
  const tile = page.getByTestId(tileId);
  await page.evaluate((id) => {
    const log = (window as unknown as { __frames: FrameLog }).__frames;
    log.track = id;
    log.times = [];
  }, tileId);
  await page.waitForTimeout(2_000);
  const clicked = Date.now();
  await tile.dblclick();
  await tile.locator(`video[data-front="true"][data-url*="${toStream}.m3u8"]`).waitFor({
    timeout: 30_000,
  });
  await page.waitForFunction(
    (id) => document.querySelectorAll(`[data-testid="${id}"] video`).length === 1,
    tileId,
    { timeout: 30_000 },
  );
  const swapped = Date.now();
  await page.waitForTimeout(2_000);
  const { times } = await frameLog(page);
  // Stop keeping frame times: the memory run that follows must not measure this list growing.
  await page.evaluate(() => {
    (window as unknown as { __frames: FrameLog }).__frames.track = null;
  });
  return {
    label: '',
    baselineGapMs: longestGap(times, clicked - 2_000, clicked),
    swapGapMs: longestGap(times, clicked, Date.now()),
    clickToSingleVideoMs: swapped - clicked,
    frames: times.length,
  };
}

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

// ---------------------------------------------------------------------------------------------
// Memory over a watch
// ---------------------------------------------------------------------------------------------

interface BenchCamera {
  id: string;
  subUrl?: string;
  status: string;
}

interface MemorySample {
  minute: number;
  heap: number;
  rss: number;
  frames: number;
}

/** JS heap after a forced GC and the renderer's RSS every 30 s for --memory-minutes. */
async function followMemory(page: Page): Promise<MemorySample[]> {
  const samples: MemorySample[] = [];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.enable');
  const start = Date.now();
  const shown = async (): Promise<number> =>
    (await tileFrames(page)).reduce((a, f) => a + f.total - f.dropped, 0);
  /** Frames shown by the pages before the last reload (a reload starts the tiles' counts again). */
  let shownBefore = 0;
  for (let k = 0; ; k++) {
    const due = start + k * 30_000;
    if (due > start + memoryMinutes * 60_000) break;
    // Samples a reload's minute of watching went past are not taken late, all at once.
    if (due < Date.now() - 15_000) continue;
    await page.waitForTimeout(Math.max(0, due - Date.now()));
    const chromiumProcesses = () => descendants(process.pid, host?.pid ? [host.pid] : []);
    if (purgeMinutes > 0 && k > 0 && (k * 30) % (purgeMinutes * 60) === 0) {
      const before = rendererRss(chromiumProcesses());
      await cdp.send('Memory.simulatePressureNotification', { level: 'critical' });
      await page.waitForTimeout(10_000);
      console.log(
        `purge at ${fmt((Date.now() - start) / 60_000, 1)} min: renderer RSS ${mb(before)} → ${mb(rendererRss(chromiumProcesses()))} MB 10 s after`,
      );
    }
    if (reloadMinutes > 0 && k > 0 && (k * 30) % (reloadMinutes * 60) === 0) {
      const before = chromiumProcesses();
      const pidBefore = rendererPid(before);
      const rssBefore = rendererRss(before);
      shownBefore += await shown();
      const reloadedAt = Date.now();
      // As renderer/wall/scheduled-reload.ts does it (the tiles' counters start again after it).
      await Promise.all([
        page.waitForURL((u) => u.searchParams.get('notice') === 'schedule', { waitUntil: 'load' }),
        page.evaluate(() => {
          const url = new URL(location.href);
          url.searchParams.set('notice', 'schedule');
          location.replace(url.href);
        }),
      ]);
      const playing = await waitPlaying(page, 16);
      const darkMs = Date.now() - reloadedAt;
      await page.waitForTimeout(Math.max(0, reloadedAt + 10_000 - Date.now()));
      const after10 = rendererRss(chromiumProcesses());
      await page.waitForTimeout(Math.max(0, reloadedAt + 60_000 - Date.now()));
      const after = chromiumProcesses();
      const pidAfter = rendererPid(after);
      console.log(
        `reload at ${fmt((reloadedAt - start) / 60_000, 1)} min: ${playing} of 16 tiles playing again ` +
          `${fmt(darkMs)} ms after; renderer ${pidBefore} → ${pidAfter}` +
          `${pidBefore === pidAfter ? ' (the same process)' : ' (a new process)'}; RSS ${mb(rssBefore)} MB → ` +
          `${mb(after10)} MB 10 s after → ${mb(rendererRss(after))} MB 60 s after`,
      );
    }
    await cdp.send('HeapProfiler.collectGarbage');
    const metrics = (await cdp.send('Performance.getMetrics')).metrics;
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    const processes = chromiumProcesses();
    const rss = rendererRss(processes);
    const pid = rendererPid(processes);
    const split = pid === null ? null : residentSplit(pid);
    const frames = shownBefore + (await shown());
    samples.push({ minute: (Date.now() - start) / 60_000, heap, rss, frames });
    console.log(
      `memory ${fmt(samples.at(-1)!.minute, 1)} min: heap ${mb(heap)} MB, renderer RSS ${mb(rss)} MB` +
        (split ? ` (anonymous ${mb(split.anon)}, shared ${mb(split.shmem)})` : '') +
        `, frames ${frames}`,
    );
  }
  return samples;
}

/** The memory table and the growth after the first 5 minutes (the first third if shorter). */
function memoryLines(samples: readonly MemorySample[]): string[] {
  if (samples.length < 2) return [];
  const out: string[] = [];
  const baseMinute = memoryMinutes >= 15 ? 5 : memoryMinutes / 3;
  const base = samples.find((s) => s.minute >= baseMinute - 0.05) ?? samples[0]!;
  const last = samples.at(-1)!;
  const hours = (last.minute - base.minute) / 60;
  out.push('');
  out.push('| minute | JS heap (after GC) | renderer RSS |');
  out.push('| ------ | ------------------ | ------------ |');
  for (const s of samples) out.push(`| ${fmt(s.minute, 1)} | ${mb(s.heap)} MB | ${mb(s.rss)} MB |`);
  out.push('');
  out.push(
    `growth from minute ${fmt(base.minute, 1)} to ${fmt(last.minute, 1)}: JS heap ${mb(last.heap - base.heap)} MB ` +
      `(${hours > 0 ? mb((last.heap - base.heap) / hours) : 'n/a'} MB/h), renderer RSS ${mb(last.rss - base.rss)} MB ` +
      `(${hours > 0 ? mb((last.rss - base.rss) / hours) : 'n/a'} MB/h); frames presented meanwhile ${last.frames - base.frames}`,
  );
  return out;
}

/**
 * --memory-only: the soak alone, on 16 live tiles of the wall (its own budget) or of the bare
 * page (--memory-page bare, players recycled every --recycle-seconds).
 */
async function memoryRun(
  freshPage: () => Promise<Page>,
  showOnWall: (n: number, cameras: BenchCamera[]) => Promise<void>,
  online: BenchCamera[],
  wallUrl: string,
  bareUrl: string,
): Promise<void> {
  const cameras = online.slice(36, 52);
  const page = await freshPage();
  if (memoryPage === 'bare') {
    await openBare(
      page,
      bareUrl,
      cameras.map((c) => c.subUrl!),
      recycleSeconds * 1000,
    );
  } else {
    await showOnWall(16, cameras);
    await page.goto(wallUrl);
  }
  console.log(`memory-only: ${await waitPlaying(page, 16)} of 16 ${memoryPage} tiles playing`);
  const samples = await followMemory(page);
  await page.context().close();
  console.log(`\n${memoryLines(samples).join('\n')}`);
}

async function main(): Promise<void> {
  console.log(
    `wall-bench ${new Date().toISOString()}: tiles ${tileCounts.join(',')}, ${seconds} s each, memory ${memoryMinutes} min of the ${memoryPage} page`,
  );
  const urls = await startHost(2000);
  const desk = await connectDesk(urls.desk);
  await signIn(desk);
  type Cam = BenchCamera;
  // The station fetches the catalog and the statuses after it starts: wait for them.
  let online: Cam[] = [];
  for (const until = Date.now() + 60_000; Date.now() < until;) {
    const catalog = await desk.call<{ cameras: Cam[] }>('catalog.get', {});
    online = catalog.cameras.filter((c) => c.status === 'online' && c.subUrl);
    if (online.length >= 64 + 32) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (online.length < 64 + 32) throw new Error(`only ${online.length} online cameras`);
  const wallUrl = new URL(urls.wall);
  if (!autoBudget) wallUrl.searchParams.set('budget', String(budget));
  const bareUrl = await serveBarePage();
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const b = browser;

  const showOnWall = async (n: number, cameras: typeof online): Promise<void> => {
    await desk.call('wall.setLayout', { wallId: 1, layout: { kind: 'preset', id: String(n) } });
    await desk.call('wall.sendGroup', {
      wallId: 1,
      cameraIds: cameras.slice(0, n).map((c) => c.id),
    });
  };
  const freshPage = async (withLog = false): Promise<Page> => {
    const context = await b.newContext({ viewport });
    // Only where times are measured: the throughput pages run nothing but what they measure.
    if (withLog) await context.addInitScript({ content: installFrameLog });
    return context.newPage();
  };

  if (loadStepTiles) {
    await showOnWall(loadStepTiles, online);
    const url = new URL(urls.wall); // no ?budget: the wall's own, calibrated and adapted
    url.searchParams.set('budgetLog', ''); // every window the controller judged, to the log
    const page = await freshPage();
    // The wall's own account of its budget (at start, calibrated, each change and why).
    const t0 = Date.now();
    page.on('console', (m) => {
      if (m.text().startsWith('vigil: decoder'))
        console.log(`${((Date.now() - t0) / 1000).toFixed(0)} s ${m.text()}`);
    });
    await page.goto(url.href);
    const startLoad: StartLoad =
      loadKind === 'loops'
        ? async () => {
            const stop = startHog();
            return async () => stop();
          }
        : async () => {
            // Its own Chromium (own processes, as another program's), on cameras the wall
            // does not show.
            const other = await chromium.launch({
              executablePath: chromiumPath,
              args: chromiumArgs,
            });
            closers.push(() => other.close());
            const p = await (await other.newContext({ viewport })).newPage();
            const streams = online
              .slice(loadStepTiles, loadStepTiles + hogCount)
              .map((c) => c.subUrl!);
            await openBare(p, bareUrl, streams);
            const playing = await waitPlaying(p, streams.length);
            console.log(`load: ${playing} of ${streams.length} players playing`);
            return () => other.close();
          };
    await measureLoadStep(page, loadStepTiles, startLoad);
    return;
  }

  if (flags['memory-only']) {
    await memoryRun(freshPage, showOnWall, online, wallUrl.href, bareUrl);
    return;
  }

  // 1. Wall vs bare page.
  const rows: ThroughputRow[] = [];
  for (const n of Array.from({ length: rounds }, () => tileCounts).flat()) {
    const cams = online.slice(0, n);
    await showOnWall(n, cams);
    let page = await freshPage();
    await page.goto(wallUrl.href);
    if (flags['wall-style']) await page.addStyleTag({ content: flags['wall-style'] });
    // Its own budget: calibrated at the wall's first start, then learnt; read once it plays.
    if (autoBudget) await waitPlaying(page, 1);
    const shown = autoBudget ? await wallBudget(page) : budget;
    const wall = await measureThroughput(page, Math.min(n, shown), true);
    const previews = await page.locator('[data-preview="showing"]').count();
    const budgetThen = await wallBudget(page);
    // Which stream the wall's tiles play (issue #14 item 5: main in large tiles); the bare page
    // plays sub-streams.
    const mains = await page.locator('[data-stream="main"]').count();
    const subs = await page.locator('[data-stream="sub"]').count();
    console.log(`${n} tiles: the wall plays ${mains} main and ${subs} sub-streams`);
    if (wallOnly) {
      console.log(`${n} tiles, budget ${budget}: wall ${JSON.stringify({ ...wall, previews })}`);
      await page.context().close();
      continue;
    }
    if (profiling) await profileMainThread(page, `wall, ${n} tiles`);
    await page.context().close();
    page = await freshPage();
    await openBare(
      page,
      bareUrl,
      cams.map((c) => c.subUrl!),
    );
    const bare = await measureThroughput(page, n);
    if (profiling) await profileMainThread(page, `bare page, ${n} tiles`);
    await page.context().close();
    rows.push({ n, wall, bare, previews, budget: budgetThen });
    console.log(
      `${n} tiles: wall ${JSON.stringify({ ...wall, previews, budget: budgetThen })}; bare ${JSON.stringify(bare)}`,
    );
  }

  if (wallOnly) return;
  if (flags['throughput-only']) {
    console.log(`\n${throughputTable(rows).join('\n')}`);
    return;
  }

  // 2. Time to first frame: cold, then a view switch of 16 tiles.
  const groupA = online.slice(0, 16);
  const groupB = online.slice(36, 52);
  await showOnWall(16, groupA);
  const page = await freshPage(true);
  const navigated = Date.now();
  await page.goto(wallUrl.href);
  await waitPlaying(page, 16);
  // A video can count a decoded frame before its first requestVideoFrameCallback runs: wait for
  // every tile's (or 10 s) rather than read some as missing.
  let log = await frameLog(page);
  let cold = firstFrames(log, 16, navigated, new Set());
  for (const until = Date.now() + 10_000; !cold.every(Number.isFinite) && Date.now() < until;) {
    await page.waitForTimeout(250);
    log = await frameLog(page);
    cold = firstFrames(log, 16, navigated, new Set());
  }
  await page.waitForTimeout(5_000);
  log = await frameLog(page);
  const old = new Set(Object.keys(log.first));
  const sent = Date.now();
  await desk.call('wall.sendGroup', { wallId: 1, cameraIds: groupB.map((c) => c.id) });
  const until = Date.now() + 60_000;
  let switched: number[] = [];
  while (Date.now() < until) {
    switched = firstFrames(await frameLog(page), 16, sent, old);
    if (switched.every(Number.isFinite)) break;
    await page.waitForTimeout(250);
  }
  console.log(`cold ms: ${cold.map((t) => fmt(t)).join(' ')}`);
  console.log(`switch ms: ${switched.map((t) => fmt(t)).join(' ')}`);

  // 3. Sub/main swap gap on tile 5 of the 16.
  await page.waitForTimeout(3_000);
  const toMain = await measureSwap(page, 5, 'main');
  const toSub = await measureSwap(page, 5, 'sub');
  toMain.label = 'sub → main';
  toSub.label = 'main → sub';
  console.log(`swap: ${JSON.stringify(toMain)} ${JSON.stringify(toSub)}`);

  // 4. Memory of the 16 live tiles.
  const samples: MemorySample[] = [];
  let memPage = page;
  if (memoryMinutes > 0 && memoryPage === 'bare') {
    await page.context().close();
    memPage = await freshPage();
    await openBare(
      memPage,
      bareUrl,
      groupB.map((c) => c.subUrl!),
    );
    await waitPlaying(memPage, 16);
  }
  if (memoryMinutes > 0) samples.push(...(await followMemory(memPage)));
  await memPage.context().close();

  // Report.
  const out = throughputTable(rows);
  out.push('');
  out.push('| time to first frame, 16 tiles | p50 | p95 | last tile |');
  out.push('| ----------------------------- | --- | --- | --------- |');
  for (const [name, v] of [
    ['cold (navigation → frame)', cold],
    ['view switch (sendGroup → new frame)', switched],
  ] as const) {
    out.push(
      `| ${name} | ${fmt(percentile(v, 50))} ms | ${fmt(percentile(v, 95))} ms | ${fmt(Math.max(...v))} ms |`,
    );
  }
  out.push('');
  out.push(
    '| swap (tile 6 of 16) | longest gap around the swap | longest gap in the 2 s before | dblclick → one video left |',
  );
  out.push(
    '| ------------------- | --------------------------- | ----------------------------- | ------------------------- |',
  );
  for (const s of [toMain, toSub]) {
    out.push(
      `| ${s.label} | ${fmt(s.swapGapMs)} ms | ${fmt(s.baselineGapMs)} ms | ${fmt(s.clickToSingleVideoMs)} ms |`,
    );
  }
  out.push(...memoryLines(samples));
  console.log(`\n${out.join('\n')}`);
}

try {
  await main();
} finally {
  await cleanup();
  clearTimeout(watchdog);
}
