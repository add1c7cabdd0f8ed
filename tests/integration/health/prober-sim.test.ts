/**
 * The background prober (issue #16 item 2) against the real simulator: a healthy camera is ok, a
 * `stalled` one is stalled from its second probe on (its playlist stops moving), a
 * `camera-offline` (404) or `http-503` one is unreachable, and an H.265 camera's master playlist
 * is followed to its variant. Two rounds 3 s apart (the simulator's segments are 2 s long; the
 * stall threshold is set to one target duration so the test needs no minute of waiting).
 */
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
