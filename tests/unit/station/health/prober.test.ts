/**
 * The background prober (issue #16 item 2) against a fake platform: which requests it makes
 * (never more than the rate in any second, watched cameras left alone, the sub stream first, a
 * master's variant followed), what it concludes (ok, stalled only from the second probe on,
 * unreachable with a detail saying why, timeout) and that a hanging request or stop() never holds
 * anything else. Fake timers throughout: no real waiting.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createProber,
  type Prober,
  type ProberOptions,
  type ProbeResult,
  type ProbeTarget,
} from '../../../../electron/station/health/prober';
import { readLivePlaylist } from '../../../../electron/station/health/live-playlist';
import { createTokenBucket } from '../../../../electron/station/health/token-bucket';

const T0 = Date.UTC(2026, 11, 3, 2, 0, 0);
const base = 'http://platform.test';

interface Call {
  at: number;
  url: string;
  method: string;
  range: string | null;
  signal: AbortSignal;
}
type Route = (call: Call) => Response | 'hang';

/** A fake platform: routes by URL, every call recorded with the (fake) time it was made. */
function platform(routes: Record<string, Route>) {
  const calls: Call[] = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const call: Call = {
      at: Date.now(),
      url: String(input),
      method: init?.method ?? 'GET',
      range: headers.get('range'),
      signal: init?.signal as AbortSignal,
    };
    calls.push(call);
    const route = routes[call.url] ?? (() => new Response('not found', { status: 404 }));
    const answer = route(call);
    if (answer !== 'hang') return answer;
    return new Promise<Response>((_, reject) => {
      call.signal.addEventListener('abort', () =>
        reject(new DOMException('This operation was aborted', 'AbortError')),
      );
    });
  }) as typeof fetch;
  return { calls, fetchFn };
}

const media = (seq: number, segment = `seg-${seq + 4}.ts`, target = 2) =>
  [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${target}`,
    `#EXT-X-MEDIA-SEQUENCE:${seq}`,
    ...[0, 1, 2, 3].flatMap((i) => ['#EXTINF:2.000,', `seg-${seq + i}.ts`]),
    '#EXTINF:2.000,',
    segment,
    '',
  ].join('\n');
const playlist = (text: string) => () =>
  new Response(text, { headers: { 'Content-Type': 'application/vnd.apple.mpegurl' } });
const segmentOk = () => new Response(null, { status: 200 });
/** A camera whose playlist advances by one segment per request, its segments all served. */
function liveCamera(id: string, routes: Record<string, Route>, stream = 'main'): ProbeTarget {
  let seq = 100;
  routes[`${base}/live/${id}/${stream}.m3u8`] = () => playlist(media(seq++))();
  for (let n = 100; n < 400; n++) routes[`${base}/live/${id}/seg-${n}.ts`] = segmentOk;
  return { id, liveUrl: `${base}/live/${id}/main.m3u8` };
}

let prober: Prober | null = null;
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(async () => {
  await prober?.stop();
  prober = null;
  vi.useRealTimers();
});

function start(overrides: Partial<ProberOptions> & Pick<ProberOptions, 'targets' | 'fetch'>) {
  const results: ProbeResult[] = [];
  const logs: string[] = [];
  prober = createProber({
    enabled: true,
    ratePerSecond: 20,
    periodMinutes: 1,
    timeoutMs: 5000,
    watched: () => new Set(),
    onResult: (r) => results.push(r),
    log: (line) => logs.push(line),
    ...overrides,
  });
  prober.start();
  return { results, logs, prober };
}

describe('the rate budget', () => {
  it('never makes more requests in any one second than the rate, from the first burst on', async () => {
    const routes: Record<string, Route> = {};
    const targets = Array.from({ length: 60 }, (_, i) => liveCamera(`c${i}`, routes));
    const { calls, fetchFn } = platform(routes);
    const { results, logs } = start({
      targets: () => targets,
      fetch: fetchFn,
      ratePerSecond: 5,
      periodMinutes: 0.1, // 60 cameras × 2 requests at 5/s need 24 s: over the 6 s period
      concurrency: 8,
    });
    await vi.advanceTimersByTimeAsync(30_000);

    const times = calls.map((c) => c.at).sort((a, b) => a - b);
    // Any six requests span at least a second: no 1-second window holds more than five.
    for (let i = 0; i + 5 < times.length; i++) {
      expect(times[i + 5]! - times[i]!).toBeGreaterThanOrEqual(1000);
    }
    expect(times.filter((t) => t < T0 + 1000)).toHaveLength(5);
    // …and it does go at the budget: 30 s at 5/s.
    expect(calls.length).toBeGreaterThanOrEqual(145);
    expect(calls.length).toBeLessThanOrEqual(151);
    expect(new Set(results.map((r) => r.cameraId)).size).toBe(60);
    // Said once, with the numbers.
    expect(logs.filter((l) => l.includes('over the 0.1 min period'))).toEqual([
      'prober: 60 cameras × 2.0 requests at 5/s take 0.4 min, over the 0.1 min period: ' +
        'going at the budget (a period of 1 min or a higher rate would fit)',
    ]);
    expect(prober?.status()).toMatchObject({ ratePerSecond: 5, periodMinutes: 0.1 });
    expect(prober?.status().lastRoundMs).toBeGreaterThanOrEqual(23_000);
  });

  it('spreads a round that fits over the period rather than hurrying it', async () => {
    const routes: Record<string, Route> = {};
    const targets = Array.from({ length: 10 }, (_, i) => liveCamera(`c${i}`, routes));
    const { calls, fetchFn } = platform(routes);
    const { logs } = start({ targets: () => targets, fetch: fetchFn, periodMinutes: 1 });
    await vi.advanceTimersByTimeAsync(59_000);
    // Ten cameras over 90 % of a minute: one every 5.4 s, two requests each (the last camera's
    // segment waits 51 ms for its token, 1/20 s + 1 % after its playlist).
    expect(calls).toHaveLength(20);
    expect(calls.filter((c) => c.at < T0 + 5000)).toHaveLength(2);
    expect(logs).toEqual([]);
    expect(prober?.status()).toMatchObject({ due: 10, checkedThisRound: 10, lastRoundMs: 48_651 });
  });
});

describe('the token bucket', () => {
  it('keeps to the rate when its timers fire late, never exceeding it in any second', async () => {
    // A busy machine: the clock reads 0-19 ms past when each timer was due.
    const late = (t: number) => ((t * 2654435761) >>> 0) % 20;
    const clock = () => Date.now() + late(Date.now());
    const granted: number[] = [];
    const bucket = createTokenBucket(20, clock);
    for (let i = 0; i < 400; i++) void bucket.take().then(() => granted.push(clock()));
    await vi.advanceTimersByTimeAsync(20_250);
    // 400 tokens at 20/s (less 1 %): the last one ~20.2 s on, not 10-20 % later for the late
    // timers…
    expect(granted).toHaveLength(400);
    expect(granted[399]! - T0).toBeLessThan(20_250);
    // …and still never 21 in any second.
    for (let i = 0; i + 20 < granted.length; i++) {
      expect(granted[i + 20]! - granted[i]!).toBeGreaterThanOrEqual(1000);
    }
    bucket.close();
    expect(await bucket.take()).toBe(false);
  });

  it('spaces tokens evenly rather than handing out a second of them at once', async () => {
    const granted: number[] = [];
    const bucket = createTokenBucket(4, Date.now);
    for (let i = 0; i < 8; i++) void bucket.take().then(() => granted.push(Date.now() - T0));
    await vi.advanceTimersByTimeAsync(2000);
    // One every 1/4 s, 1 % under the rate (room for a request that leaves a ms late).
    expect(granted).toEqual([0, 253, 505, 758, 1010, 1263, 1515, 1768]);
    bucket.close();
  });
});

describe('which cameras, which playlist', () => {
  it('skips cameras on a wall tile, and one put on a tile during the round', async () => {
    const routes: Record<string, Route> = {};
    const targets = ['a', 'b', 'c', 'd'].map((id) => liveCamera(id, routes));
    const { calls, fetchFn } = platform(routes);
    const watched = new Set(['b']);
    const { results } = start({
      targets: () => targets,
      fetch: fetchFn,
      watched: () => watched,
      periodMinutes: 1,
    });
    expect(prober?.status().due).toBe(3);
    await vi.advanceTimersByTimeAsync(1000);
    watched.add('d'); // before its turn (cameras are spread 18 s apart)
    await vi.advanceTimersByTimeAsync(55_000);
    expect(results.map((r) => r.cameraId)).toEqual(['a', 'c']);
    expect(calls.some((c) => c.url.includes('/b/') || c.url.includes('/d/'))).toBe(false);
    expect(prober?.status()).toMatchObject({ due: 2, checkedThisRound: 2 });
  });

  it('asks for the sub stream when the camera has one', async () => {
    const routes: Record<string, Route> = {};
    const target = { ...liveCamera('a', routes, 'sub'), subUrl: `${base}/live/a/sub.m3u8` };
    const { calls, fetchFn } = platform(routes);
    const { results } = start({ targets: () => [target], fetch: fetchFn });
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      `GET ${base}/live/a/sub.m3u8`,
      `HEAD ${base}/live/a/seg-104.ts`,
    ]);
    expect(results).toEqual([
      {
        cameraId: 'a',
        at: expect.any(Number),
        outcome: 'ok',
        mediaSequence: 100,
        detail: 'media sequence 100',
      },
    ]);
  });

  it("follows a master playlist's first variant (one more request)", async () => {
    const master = [
      '#EXTM3U',
      '#EXT-X-STREAM-INF:BANDWIDTH=400000,CODECS="avc1.4d401e"',
      'low/index.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=2000000',
      'high/index.m3u8',
      '',
    ].join('\n');
    const routes: Record<string, Route> = {
      [`${base}/live/a/main.m3u8`]: playlist(master),
      [`${base}/live/a/low/index.m3u8`]: playlist(media(7)),
      [`${base}/live/a/low/seg-11.ts`]: segmentOk,
    };
    const { calls, fetchFn } = platform(routes);
    const { results } = start({
      targets: () => [{ id: 'a', liveUrl: `${base}/live/a/main.m3u8` }],
      fetch: fetchFn,
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.map((c) => c.url)).toEqual([
      `${base}/live/a/main.m3u8`,
      `${base}/live/a/low/index.m3u8`,
      `${base}/live/a/low/seg-11.ts`,
    ]);
    expect(results[0]).toMatchObject({ outcome: 'ok', mediaSequence: 7 });
  });
});

describe('what a probe concludes', () => {
  it('calls a camera stalled when its sequence has not moved for 3 target durations, never on the first probe', async () => {
    const routes: Record<string, Route> = {
      [`${base}/live/still/main.m3u8`]: playlist(media(500)),
      [`${base}/live/still/seg-504.ts`]: segmentOk,
    };
    const moving = liveCamera('moving', routes);
    const { fetchFn } = platform(routes);
    const still = { id: 'still', liveUrl: `${base}/live/still/main.m3u8` };
    const { results } = start({
      targets: () => [still, moving],
      fetch: fetchFn,
      periodMinutes: 0.2, // a round every 12 s: more than 3 × 2 s
    });
    await vi.advanceTimersByTimeAsync(11_000);
    expect(results.map((r) => `${r.cameraId} ${r.outcome}`)).toEqual(['still ok', 'moving ok']);
    await vi.advanceTimersByTimeAsync(12_000);
    expect(results.slice(2).map((r) => `${r.cameraId} ${r.outcome} ${r.detail}`)).toEqual([
      'still stalled media sequence 500 for 12 s',
      'moving ok media sequence 101',
    ]);
  });

  it('does not call a stall between two probes closer than 3 target durations', async () => {
    const routes: Record<string, Route> = {
      [`${base}/live/a/main.m3u8`]: playlist(media(500, 'seg-504.ts', 10)),
      [`${base}/live/a/seg-504.ts`]: segmentOk,
    };
    const { fetchFn } = platform(routes);
    const { results } = start({
      targets: () => [{ id: 'a', liveUrl: `${base}/live/a/main.m3u8` }],
      fetch: fetchFn,
      periodMinutes: 0.25, // 15 s apart, target duration 10 s: stalled only after 30 s
    });
    await vi.advanceTimersByTimeAsync(31_000);
    expect(results.map((r) => r.outcome)).toEqual(['ok', 'ok', 'stalled']);
    expect(results[2]?.detail).toBe('media sequence 500 for 30 s');
  });

  it('calls a 503 unreachable, saying so', async () => {
    const { fetchFn } = platform({
      [`${base}/live/a/main.m3u8`]: () => new Response('{"error":"down"}', { status: 503 }),
    });
    const { results } = start({
      targets: () => [{ id: 'a', liveUrl: `${base}/live/a/main.m3u8` }],
      fetch: fetchFn,
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(results).toMatchObject([
      { cameraId: 'a', outcome: 'unreachable', mediaSequence: null, detail: 'playlist: HTTP 503' },
    ]);
    expect(prober?.status().failures).toBe(1);
  });

  it('calls a body that is not a playlist unreachable, quoting how it begins', async () => {
    const { fetchFn } = platform({
      [`${base}/live/a/main.m3u8`]: () =>
        new Response('<html><body>Login required</body></html>', { status: 200 }),
    });
    const { results } = start({
      targets: () => [{ id: 'a', liveUrl: `${base}/live/a/main.m3u8` }],
      fetch: fetchFn,
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(results[0]).toMatchObject({
      outcome: 'unreachable',
      detail: 'playlist: not a playlist: begins "<html><body>Login required</body></html>"',
    });
  });

  it('calls a missing newest segment unreachable, and checks it by a ranged GET where HEAD is refused', async () => {
    const routes: Record<string, Route> = {
      [`${base}/live/gone/main.m3u8`]: playlist(media(1)),
      [`${base}/live/nohead/main.m3u8`]: playlist(media(1)),
      [`${base}/live/nohead/seg-5.ts`]: (call) =>
        call.method === 'HEAD'
          ? new Response(null, { status: 405 })
          : new Response(new Uint8Array(188), { status: 206 }),
    };
    const { calls, fetchFn } = platform(routes);
    const { results } = start({
      targets: () => [
        { id: 'gone', liveUrl: `${base}/live/gone/main.m3u8` },
        { id: 'nohead', liveUrl: `${base}/live/nohead/main.m3u8` },
      ],
      fetch: fetchFn,
    });
    await vi.advanceTimersByTimeAsync(29_000);
    expect(results.map((r) => `${r.cameraId} ${r.outcome} ${r.detail}`)).toEqual([
      'gone unreachable segment: HTTP 404',
      'nohead ok media sequence 1',
    ]);
    const ranged = calls.filter((c) => c.url.endsWith('/nohead/seg-5.ts'));
    expect(ranged.map((c) => `${c.method} ${c.range}`)).toEqual(['HEAD null', 'GET bytes=0-187']);
  });

  it('refuses a playlist over the size cap', async () => {
    const { fetchFn } = platform({
      [`${base}/live/a/main.m3u8`]: () => new Response('#EXTM3U\n' + '#'.repeat(3 * 1024 * 1024)),
    });
    const { results } = start({
      targets: () => [{ id: 'a', liveUrl: `${base}/live/a/main.m3u8` }],
      fetch: fetchFn,
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(results[0]).toMatchObject({ outcome: 'unreachable', detail: 'playlist: over 1 MB' });
  });
});

describe('hanging requests and stop()', () => {
  it('times a hanging request out while the other cameras go on', async () => {
    const routes: Record<string, Route> = { [`${base}/live/hang/main.m3u8`]: () => 'hang' };
    const others = ['b', 'c', 'd'].map((id) => liveCamera(id, routes));
    const { calls, fetchFn } = platform(routes);
    const { results } = start({
      targets: () => [{ id: 'hang', liveUrl: `${base}/live/hang/main.m3u8` }, ...others],
      fetch: fetchFn,
      periodMinutes: 0.01, // go at the budget
      timeoutMs: 4000,
      concurrency: 2,
    });
    await vi.advanceTimersByTimeAsync(3000);
    expect(results.map((r) => `${r.cameraId} ${r.outcome}`)).toEqual(['b ok', 'c ok', 'd ok']);
    expect(prober?.status().inFlight).toBe(1);
    await vi.advanceTimersByTimeAsync(1100);
    expect(results[3]).toMatchObject({
      cameraId: 'hang',
      outcome: 'timeout',
      detail: 'playlist: no answer in 4000 ms',
    });
    expect(calls[0]?.signal.aborted).toBe(true);
    // The round is over (the next one is asking the hanging camera again).
    expect(prober?.status()).toMatchObject({ timeouts: 1, failures: 0, lastRoundMs: 4000 });
  });

  it('stop() aborts what is in flight, reports nothing more and resolves', async () => {
    const routes: Record<string, Route> = { [`${base}/live/hang/main.m3u8`]: () => 'hang' };
    const { calls, fetchFn } = platform(routes);
    const { results } = start({
      targets: () => [{ id: 'hang', liveUrl: `${base}/live/hang/main.m3u8` }],
      fetch: fetchFn,
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(prober?.status().inFlight).toBe(1);
    await prober?.stop();
    expect(calls[0]?.signal.aborted).toBe(true);
    expect(prober?.status().inFlight).toBe(0);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(results).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('goes on when the camera list cannot be read for a while, saying so', async () => {
    const routes: Record<string, Route> = {};
    const camera = liveCamera('a', routes);
    const { fetchFn } = platform(routes);
    let broken = true;
    const { results, logs } = start({
      targets: () => {
        if (broken) throw new Error('catalog not loaded');
        return [camera];
      },
      fetch: fetchFn,
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(logs).toEqual(['prober: cannot list the cameras to probe: catalog not loaded']);
    broken = false;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(results.map((r) => r.outcome)).toEqual(['ok']);
  });

  it('does nothing when disabled', async () => {
    const { calls, fetchFn } = platform({});
    start({
      targets: () => [{ id: 'a', liveUrl: `${base}/a.m3u8` }],
      fetch: fetchFn,
      enabled: false,
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual([]);
    expect(prober?.status().enabled).toBe(false);
  });

  it('refuses a rate that is not a positive number', () => {
    expect(() =>
      createProber({
        enabled: true,
        ratePerSecond: 0,
        periodMinutes: 60,
        timeoutMs: 5000,
        targets: () => [],
        watched: () => new Set(),
        onResult: () => undefined,
      }),
    ).toThrow('prober: ratePerSecond must be a positive number, got 0');
  });
});

describe('readLivePlaylist', () => {
  it('reads the sequence, target duration and newest segment; a master; and says what is wrong', () => {
    expect(readLivePlaylist(media(42))).toEqual({
      kind: 'media',
      mediaSequence: 42,
      targetDurationSeconds: 2,
      newestUri: 'seg-46.ts',
      ended: false,
    });
    expect(readLivePlaylist('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n')).toEqual({
      kind: 'master',
      variantUri: 'v.m3u8',
    });
    expect(readLivePlaylist('')).toEqual({ kind: 'invalid', why: 'not a playlist: empty answer' });
    expect(readLivePlaylist('#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:-3\n')).toMatchObject({
      kind: 'invalid',
      why: 'bad EXT-X-MEDIA-SEQUENCE: #EXT-X-MEDIA-SEQUENCE:-3',
    });
  });
});
