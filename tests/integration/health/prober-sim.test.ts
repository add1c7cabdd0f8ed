/**
 * The background prober (issue #16 item 2) against the real simulator: a healthy camera is ok, a
 * `stalled` one is stalled from its second probe on (its playlist stops moving), a
 * `camera-offline` (404) or `http-503` one is unreachable, and an H.265 camera's master playlist
 * is followed to its variant. Two rounds 3 s apart (the simulator's segments are 2 s long; the
 * stall threshold is set to one target duration so the test needs no minute of waiting). And
 * with Node's real fetch against a server that hangs (no answer; headers but a body that never
 * ends): those time out, the simulator's camera is ok meanwhile, stop() aborts and resolves.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/sim/index';
import {
  createProber,
  type Prober,
  type ProbeResult,
} from '../../../electron/station/health/prober';

let sim: Simulator;
let prober: Prober | null = null;

beforeAll(async () => {
  sim = await startSimulator({
    cameras: 12,
    units: 0,
    alertIntervalMs: 0,
    incidentIntervalMs: 0,
    plateHitIntervalMs: 0,
  });
});
afterAll(async () => {
  await prober?.stop();
  await sim.stop();
});

it('tells ok, stalled (on the second probe), unreachable and follows a master, on the simulator', async () => {
  const cameras = sim.catalog().cameras.slice(0, 6);
  const [healthy, stalled, offline, down, h265, watched] = cameras.map((c) => c.id) as string[];
  sim.setFault({ kind: 'stalled', cameraId: stalled as string });
  sim.setFault({ kind: 'camera-offline', cameraId: offline as string });
  sim.setFault({ kind: 'http-503', cameraId: down as string });
  sim.setFault({ kind: 'h265', cameraId: h265 as string });

  const results: ProbeResult[] = [];
  let wanted = 0;
  let reached: () => void = () => undefined;
  const twoRounds = new Promise<void>((resolve) => (reached = resolve));
  prober = createProber({
    enabled: true,
    ratePerSecond: 50,
    periodMinutes: 3 / 60,
    timeoutMs: 5000,
    stallTargetDurations: 1,
    targets: () => cameras,
    watched: () => new Set([watched as string]),
    onResult: (r) => {
      results.push(r);
      if (results.length === wanted) reached();
    },
  });
  wanted = 10; // five cameras, twice
  prober.start();
  await twoRounds;
  await prober.stop();

  const of = (id: string | undefined) =>
    results.filter((r) => r.cameraId === id).map((r) => `${r.outcome}: ${r.detail}`);
  expect(of(healthy)).toEqual([
    expect.stringMatching(/^ok: media sequence \d+$/),
    expect.stringMatching(/^ok: media sequence \d+$/),
  ]);
  expect(of(stalled)).toEqual([
    expect.stringMatching(/^ok: media sequence \d+$/),
    expect.stringMatching(/^stalled: media sequence \d+ for \d+ s$/),
  ]);
  expect(of(offline)).toEqual([
    'unreachable: playlist: HTTP 404',
    'unreachable: playlist: HTTP 404',
  ]);
  expect(of(down)).toEqual(['unreachable: playlist: HTTP 503', 'unreachable: playlist: HTTP 503']);
  expect(of(h265)).toEqual([
    expect.stringMatching(/^ok: media sequence \d+$/),
    expect.stringMatching(/^ok: media sequence \d+$/),
  ]);
  expect(of(watched)).toEqual([]);
  // The healthy camera's sequence moved between its probes (2 s segments, 3 s apart).
  const seqs = results.filter((r) => r.cameraId === healthy).map((r) => r.mediaSequence ?? 0);
  expect(seqs[1]).toBeGreaterThan(seqs[0] as number);
}, 20_000);

/** A server that never answers /silent and sends /dribble's headers but never ends its body. */
async function hangingServer(): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/dribble.m3u8') {
      res.writeHead(200, { 'Content-Type': 'application/vnd.apple.mpegurl' });
      res.write('#EXTM3U\n');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

it('times out a server that hangs, with real fetch, while the simulator camera is ok; stop() aborts', async () => {
  const { server, base } = await hangingServer();
  const healthy = sim.catalog().cameras[7]!;
  const targets = [
    { id: 'silent', liveUrl: `${base}/silent.m3u8` },
    { id: 'dribble', liveUrl: `${base}/dribble.m3u8` },
    healthy,
  ];
  const results: ProbeResult[] = [];
  let reached: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (reached = resolve));
  const p = createProber({
    enabled: true,
    ratePerSecond: 50,
    periodMinutes: 0.001, // over budget: no spreading, every camera at once
    timeoutMs: 500,
    targets: () => targets,
    watched: () => new Set(),
    onResult: (r) => {
      results.push(r);
      if (results.length === 3) reached();
    },
  });
  p.start();
  await done;
  await p.stop();
  expect(results.map((r) => `${r.cameraId} ${r.outcome}: ${r.detail}`).sort()).toEqual([
    expect.stringMatching(new RegExp(`^${healthy.id} ok: media sequence \\d+$`)),
    'dribble timeout: playlist: no answer in 500 ms',
    'silent timeout: playlist: no answer in 500 ms',
  ]);

  // stop() with requests in flight (a long deadline this time): aborted, and it resolves.
  const q = createProber({
    enabled: true,
    ratePerSecond: 50,
    periodMinutes: 0.001, // over budget: no spreading, every camera at once
    timeoutMs: 60_000,
    targets: () => targets.slice(0, 2),
    watched: () => new Set(),
    onResult: (r) => results.push(r),
  });
  q.start();
  while (q.status().inFlight < 2) await new Promise((r) => setTimeout(r, 20));
  await q.stop();
  expect(q.status().inFlight).toBe(0);
  expect(results).toHaveLength(3);
  await new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}, 20_000);
