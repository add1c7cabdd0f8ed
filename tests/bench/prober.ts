/**
 * What the background prober costs (issue #16 item 2, "Benchmarks"): the platform's load and the
 * station's CPU and memory while it probes a county's cameras at the configured rate.
 *
 *   npx tsx tests/bench/prober.ts [--cameras 26000] [--rate 20] [--seconds 60] [--period 30]
 *                                 [--concurrency 8] [--timeout 5000]
 *
 * The simulator runs in a child process (this same file with --serve), so this process is the
 * station's side alone: its process.cpuUsage() and memory are the prober's. The child counts the
 * requests its HTTP server receives (live playlists and media, stamped as they arrive at the
 * server, not as the prober sends them), so "requests per second" is what the platform saw; it
 * also reports the most requests in any 1-second window. `--period` defaults below what 26,000
 * cameras need at 20/s, so the prober goes at its full budget (the platform's worst case); with a
 * period that fits, it spreads the round over the period and the load is lower.
 * Prints a markdown block for docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import { Server, type IncomingMessage } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CatalogSchema } from '../../shared/api';
import { createProber, type ProbeResult } from '../../electron/station/health/prober';

const { values: flags } = parseArgs({
  options: {
    serve: { type: 'boolean', default: false },
    cameras: { type: 'string', default: '26000' },
    rate: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '60' },
    period: { type: 'string', default: '30' },
    concurrency: { type: 'string', default: '8' },
    timeout: { type: 'string', default: '5000' },
  },
});
const cameras = Number(flags.cameras);
const rate = Number(flags.rate);
const seconds = Number(flags.seconds);
const periodMinutes = Number(flags.period);
const concurrency = Number(flags.concurrency);
const timeoutMs = Number(flags.timeout);

interface ServerCount {
  requests: number;
  heads: number;
  gets: number;
  firstAt: number;
  lastAt: number;
  maxInOneSecond: number;
  /** TCP connections the server accepted (the catalog's included): keep-alive reuse. */
  connections: number;
}

/** The most stamps (ms, ascending) in any half-open 1-second window. */
function mostInOneSecond(stamps: readonly number[]): number {
  let max = 0;
  for (let i = 0, j = 0; j < stamps.length; j++) {
    while ((stamps[j] as number) - (stamps[i] as number) >= 1000) i++;
    max = Math.max(max, j - i + 1);
  }
  return max;
}

/** The child: the simulator, counting what its HTTP server receives of the live HLS paths. */
async function serve(): Promise<void> {
  const stamps: number[] = [];
  let heads = 0;
  let connections = 0;
  const emit = Server.prototype.emit;
  // Patched before the simulator creates its server: every 'request' it will ever see is counted.
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'connection') connections++;
    if (event === 'request') {
      const req = args[0] as IncomingMessage;
      if (/^\/(live|media)\//.test(req.url ?? '')) {
        stamps.push(Date.now());
        if (req.method === 'HEAD') heads++;
      }
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
  const { startSimulator } = await import('../../electron/sim');
  const sim = await startSimulator({
    cameras,
    units: 0,
    alertIntervalMs: 0,
    incidentIntervalMs: 0,
    plateHitIntervalMs: 0,
    log: () => undefined,
  });
  process.stdout.write(JSON.stringify({ baseUrl: sim.baseUrl }) + '\n');
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'report') {
      const max = mostInOneSecond(stamps);
      const count: ServerCount = {
        requests: stamps.length,
        heads,
        gets: stamps.length - heads,
        firstAt: stamps[0] ?? 0,
        lastAt: stamps[stamps.length - 1] ?? 0,
        maxInOneSecond: max,
        connections,
      };
      process.stdout.write(JSON.stringify(count) + '\n');
    }
    if (line === 'quit') break;
  }
  await sim.stop();
  process.exit(0);
}

async function main(): Promise<void> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--serve', '--cameras', String(cameras)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async (): Promise<string> => {
    const { value, done } = await lines.next();
    if (done) throw new Error('prober bench: the simulator child ended');
    return value as string;
  };
  const { baseUrl } = JSON.parse(await nextLine()) as { baseUrl: string };
  const catalog = CatalogSchema.parse(await (await fetch(`${baseUrl}/api/v1/catalog`)).json());
  const targets = catalog.cameras.map((c) => ({ id: c.id, liveUrl: c.liveUrl, subUrl: c.subUrl }));

  // What the prober sends, stamped as it calls fetch (the server's stamps add arrival jitter).
  const sent: number[] = [];
  const countingFetch: typeof fetch = (input, init) => {
    sent.push(Date.now());
    return fetch(input, init);
  };
  const outcomes = new Map<string, number>();
  const logs: string[] = [];
  const prober = createProber({
    enabled: true,
    ratePerSecond: rate,
    periodMinutes,
    timeoutMs,
    concurrency,
    fetch: countingFetch,
    targets: () => targets,
    watched: () => new Set(),
    onResult: (r: ProbeResult) => {
      outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
    },
    log: (line) => logs.push(line),
  });

  global.gc?.();
  const memBefore = process.memoryUsage();
  let rssMax = memBefore.rss;
  let heapMax = memBefore.heapUsed;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  prober.start();
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    rssMax = Math.max(rssMax, m.rss);
    heapMax = Math.max(heapMax, m.heapUsed);
  }, 500);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const status = prober.status();
  await prober.stop();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);

  child.stdin.write('report\n');
  const count = JSON.parse(await nextLine()) as ServerCount;
  child.stdin.write('quit\n');

  const spanS = (count.lastAt - count.firstAt) / 1000;
  // n requests stamped over a span make n − 1 intervals.
  const perSecond = (count.requests - 1) / spanS;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const checked = [...outcomes.values()].reduce((a, b) => a + b, 0);
  const perCamera = count.requests / checked;
  const roundS = (cameras * perCamera) / perSecond;
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;

  console.log(`
| measure | value |
| ------- | ----- |
| requests the simulator received (live playlists + segments) | ${count.requests} (${count.gets} GET, ${count.heads} HEAD) in ${spanS.toFixed(1)} s, over ${count.connections} TCP connections |
| requests per second at the platform | **${perSecond.toFixed(2)}** (rate ${rate}/s) |
| most requests in any 1-second window | sent by the prober **${mostInOneSecond(sent)}**; received by the simulator ${count.maxInOneSecond} |
| cameras probed | ${checked} (${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}); ${perCamera.toFixed(2)} requests each |
| station CPU (prober, this process) | ${cpuMs.toFixed(0)} ms over ${(wallMs / 1000).toFixed(1)} s = **${((cpuMs / wallMs) * 100).toFixed(2)} %** of one core |
| station memory | RSS ${mb(memBefore.rss)} → max ${mb(rssMax)}; heap ${mb(memBefore.heapUsed)} → max ${mb(heapMax)} |
| a full round of ${cameras.toLocaleString('en')} at this rate | **${(roundS / 60).toFixed(1)} min** (so \`periodMinutes\` ≥ ${Math.ceil(roundS / 60)}) |
| prober status at the end | due ${status.due}, checked ${status.checkedThisRound}, in flight ${status.inFlight}, timeouts ${status.timeouts}, failures ${status.failures} |
`);
  for (const line of logs) console.log(`log: ${line}`);
}

if (flags.serve) void serve();
else
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
