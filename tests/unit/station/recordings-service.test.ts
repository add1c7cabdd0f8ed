/**
 * The playback timeline's recorded ranges as the station reads them from the platform
 * (electron/station/wall/recordings-service.ts): what the platform answers is validated whole,
 * sorted, merged and clipped; whenever it does not say (a file platform, 404, no answer, an answer
 * not understood) the timeline gets `known: false` with a reason, never an error; a timeline redrawn
 * does not ask again within a minute; an exported clip is an audit row.
 */
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../shared/api';
import { VigilError } from '../../../shared/result';
import {
  maxRecordingsAnswerBytes,
  maxRecordingsRanges,
  normalizeRanges,
  parseRecordingsAnswer,
  recordingsReasons,
  RecordingsService,
  type RecordingsServiceOptions,
} from '../../../electron/station/wall/recordings-service';

const t0 = Date.parse('2026-12-03T00:00:00Z');
const min = 60_000;
const hour = 60 * min;
const iso = (ms: number): string => new Date(ms).toISOString();
const answer = (ranges: [number, number][]): string =>
  JSON.stringify({ ranges: ranges.map(([s, e]) => ({ start: iso(s), end: iso(e) })) });

describe('parseRecordingsAnswer', () => {
  it('reads ranges with Z or an offset, in any order, ignoring unknown fields', () => {
    const parsed = parseRecordingsAnswer(
      JSON.stringify({
        nvr: 'NVR-3',
        ranges: [
          { start: '2026-12-03T10:00:00+08:00', end: '2026-12-03T03:00:00Z', channel: 1 },
          { start: '2026-12-02T20:00:00.500Z', end: '2026-12-02T21:00:00Z' },
        ],
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      ranges: [
        { startMs: t0 + 2 * hour, endMs: t0 + 3 * hour },
        { startMs: t0 - 4 * hour + 500, endMs: t0 - 3 * hour },
      ],
    });
  });

  it('refuses what is not JSON', () => {
    expect(parseRecordingsAnswer('<html>502 Bad Gateway</html>')).toEqual({
      ok: false,
      why: 'not JSON',
    });
  });

  it('refuses the wrong shape, naming the field', () => {
    const why = (body: unknown): string => {
      const r = parseRecordingsAnswer(JSON.stringify(body));
      if (r.ok) throw new Error('accepted');
      return r.why;
    };
    expect(why([])).toMatch(/expected object/);
    expect(why({})).toMatch(/^ranges: /);
    expect(why({ ranges: 'all day' })).toMatch(/^ranges: /);
    expect(why({ ranges: [{ start: iso(t0) }] })).toMatch(/^ranges\[0\]\.end: /);
    expect(why({ ranges: [{ start: t0, end: t0 + hour }] })).toMatch(/^ranges\[0\]\.start: /);
    // A local time without a zone would be read in whoever's zone: refused.
    expect(why({ ranges: [{ start: '2026-12-03T08:00:00', end: iso(t0 + hour) }] })).toMatch(
      /^ranges\[0\]\.start: must be an ISO 8601 instant with a zone/,
    );
  });

  it('refuses a range that ends before it starts, whole', () => {
    const r = parseRecordingsAnswer(
      answer([
        [t0, t0 + hour],
        [t0 + 3 * hour, t0 + 2 * hour],
      ]),
    );
    expect(r).toEqual({ ok: false, why: 'ranges[1].end: before its start' });
  });

  it('refuses more ranges than an answer may hold', () => {
    const many = Array.from(
      { length: maxRecordingsRanges + 1 },
      (_, i) => [t0 + i * 2000, t0 + i * 2000 + 1000] as [number, number],
    );
    const r = parseRecordingsAnswer(answer(many));
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.why).toMatch(`more than ${maxRecordingsRanges} ranges`);
  });
});

describe('normalizeRanges', () => {
  it('sorts, merges overlapping and touching ranges, clips to the span, drops empty ones', () => {
    expect(
      normalizeRanges(
        [
          { startMs: 50, endMs: 60 },
          { startMs: 0, endMs: 20 }, // starts before the span
          { startMs: 10, endMs: 30 }, // overlaps
          { startMs: 30, endMs: 40 }, // touches
          { startMs: 70, endMs: 70 }, // empty
          { startMs: 90, endMs: 200 }, // runs past the span
          { startMs: 55, endMs: 58 }, // inside another
          { startMs: 300, endMs: 400 }, // outside
        ],
        5,
        100,
      ),
    ).toEqual([
      { startMs: 5, endMs: 40 },
      { startMs: 50, endMs: 60 },
      { startMs: 90, endMs: 100 },
    ]);
    expect(normalizeRanges([], 0, 100)).toEqual([]);
  });
});

/** A platform answering what `reply` says, counting what it was asked. */
function platform(reply: (url: URL) => Response | Promise<Response>) {
  const asked: URL[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = new URL(String(input));
    asked.push(url);
    return reply(url);
  }) as typeof globalThis.fetch;
  return { fetch, asked };
}

const json = (body: string, status = 200): Response =>
  new Response(body, { status, headers: { 'Content-Type': 'application/json' } });

function service(overrides: Partial<RecordingsServiceOptions> = {}) {
  const logs: string[] = [];
  const rows: { action: string; subject: string | null; detail: unknown }[] = [];
  let now = t0 + 12 * hour;
  const s = new RecordingsService({
    baseUrl: 'http://platform.test:8080',
    timeoutMs: 2000,
    cameraExists: (id) => id.startsWith('cam'),
    cameraName: (id) => (id === 'cam-1' ? '钢山街与唐王山路口东' : undefined),
    audit: { record: (_caller, action, subject, detail) => rows.push({ action, subject, detail }) },
    timeZone: 'Asia/Shanghai',
    now: () => now,
    log: (line) => logs.push(line),
    ...overrides,
  });
  return { s, logs, rows, advance: (ms: number) => (now += ms), now: () => now };
}

describe('RecordingsService', () => {
  const span = { cameraId: 'cam-1', startMs: t0, endMs: t0 + 6 * hour };

  it('asks the platform and answers the ranges merged and clipped, with the gap', async () => {
    const p = platform(() =>
      json(
        answer([
          [t0 + 4 * hour, t0 + 8 * hour],
          [t0 - hour, t0 + 2 * hour],
          [t0 + hour, t0 + 2 * hour + 10 * min],
        ]),
      ),
    );
    const { s } = service({ fetch: p.fetch });
    expect(await s.ranges(span)).toEqual({
      ...span,
      known: true,
      ranges: [
        { startMs: t0, endMs: t0 + 2 * hour + 10 * min },
        { startMs: t0 + 4 * hour, endMs: t0 + 6 * hour },
      ],
    });
    expect(p.asked).toHaveLength(1);
    const url = p.asked[0]!;
    expect(url.pathname).toBe('/api/v1/cameras/cam-1/recordings');
    expect(url.searchParams.get('start')).toBe('2026-12-03T00:00:00.000Z');
    expect(url.searchParams.get('end')).toBe('2026-12-03T06:00:00.000Z');
  });

  it('never shows the future as recorded', async () => {
    const p = platform(() => json(answer([[t0, t0 + 48 * hour]])));
    const { s, now } = service({ fetch: p.fetch });
    const r = await s.ranges({ cameraId: 'cam-1', startMs: t0, endMs: t0 + 24 * hour });
    expect(r.ranges).toEqual([{ startMs: t0, endMs: now() }]);
  });

  it('a file platform does not say: known false, the platform never asked', async () => {
    const p = platform(() => json(answer([])));
    const { s } = service({ baseUrl: null, fetch: p.fetch });
    expect(await s.ranges(span)).toEqual({
      ...span,
      known: false,
      ranges: [],
      reason: recordingsReasons.file,
    });
    expect(p.asked).toHaveLength(0);
  });

  it('a camera the catalog does not hold is not-found', async () => {
    const { s } = service({ fetch: platform(() => json(answer([]))).fetch });
    const error = await s.ranges({ ...span, cameraId: 'nobody' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VigilError);
    expect((error as VigilError).code).toBe('not-found');
  });

  it('404: the platform keeps no index, known false', async () => {
    const { s, logs } = service({
      fetch: platform(() => json('{"error":"not found"}', 404)).fetch,
    });
    const r = await s.ranges(span);
    expect(r).toMatchObject({ known: false, ranges: [], reason: recordingsReasons.notKept });
    expect(logs).toEqual([]);
  });

  it('an answer not understood: known false with why, logged once for all cameras', async () => {
    const p = platform(() => json('{"ranges":[{"start":"yesterday","end":"today"}]}'));
    const { s, logs } = service({ fetch: p.fetch });
    const a = await s.ranges(span);
    const b = await s.ranges({ ...span, cameraId: 'cam-2' });
    expect(a.known).toBe(false);
    expect(a.ranges).toEqual([]);
    expect(a.reason).toMatch(
      `${recordingsReasons.notUnderstood} (ranges[0].start: must be an ISO 8601 instant with a zone`,
    );
    expect(b.reason).toBe(a.reason);
    expect(p.asked).toHaveLength(2);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(
      `recordings: ${recordingsReasons.notUnderstood}: ranges[0].start: must be an ISO 8601`,
    );
  });

  it('an answer larger than allowed is refused without being read whole', async () => {
    const declared = platform(
      () =>
        new Response('{"ranges":[]}', {
          headers: { 'Content-Length': String(maxRecordingsAnswerBytes + 1) },
        }),
    );
    const r1 = await service({ fetch: declared.fetch }).s.ranges(span);
    expect(r1.known).toBe(false);
    expect(r1.reason).toMatch(/^the platform's answer was not understood \(the answer is declared/);

    // No length said: counted as it streams.
    let sent = 0;
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    const streamed = platform(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            pull(controller) {
              sent += chunk.length;
              if (sent > 4 * maxRecordingsAnswerBytes) controller.close();
              else controller.enqueue(chunk);
            },
          }),
        ),
    );
    const r2 = await service({ fetch: streamed.fetch }).s.ranges(span);
    expect(r2.known).toBe(false);
    expect(r2.reason).toMatch(/the answer is over 2 MB/);
    expect(sent).toBeLessThan(2 * maxRecordingsAnswerBytes);
  });

  it('no answer in time, or the platform refusing: known false, the platform could not be reached', async () => {
    // Never answers; only the station's timeout ends it.
    const fetch = ((_input: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        const signal = init?.signal;
        signal?.addEventListener('abort', () => reject(signal.reason as Error));
      })) as typeof globalThis.fetch;
    const r = await service({ fetch, timeoutMs: 50 }).s.ranges(span);
    expect(r).toMatchObject({ known: false, ranges: [] });
    expect(r.reason).toBe(`${recordingsReasons.unreachable} (no answer within 50 ms)`);

    const refusing = platform(() => json('{"error":"platform down"}', 503));
    const r2 = await service({ fetch: refusing.fetch }).s.ranges(span);
    expect(r2.reason).toBe(`${recordingsReasons.unreachable} (HTTP 503)`);

    const gone = platform(() => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    });
    const r3 = await service({ fetch: gone.fetch }).s.ranges(span);
    expect(r3.reason).toBe(`${recordingsReasons.unreachable} (ECONNREFUSED)`);
  });

  it('a timeline redrawn asks the platform once a minute, whatever its second', async () => {
    // Recording since yesterday, up to when it is asked.
    let clock = (): number => 0;
    const p = platform(() => json(answer([[t0 - 24 * hour, clock()]])));
    const { s, advance, now } = service({ fetch: p.fetch });
    clock = now;
    // This morning's hour, redrawn every second for 59 s; two tiles at once.
    const morning = () => ({
      cameraId: 'cam-1',
      startMs: t0 + 2 * hour + 10_000,
      endMs: t0 + 3 * hour,
    });
    await Promise.all([s.ranges(morning()), s.ranges(morning())]);
    for (let i = 0; i < 59; i++) {
      advance(1000);
      expect((await s.ranges(morning())).ranges).toEqual([
        { startMs: t0 + 2 * hour + 10_000, endMs: t0 + 3 * hour },
      ]);
    }
    expect(p.asked).toHaveLength(1);
    advance(2000);
    await s.ranges(morning());
    expect(p.asked).toHaveLength(2);
    // Another camera is its own question.
    await s.ranges({ ...morning(), cameraId: 'cam-2' });
    expect(p.asked).toHaveLength(3);
  });

  it('a timeline ending now is asked again every 15 s: its live end lags no more', async () => {
    let clock = (): number => 0;
    const p = platform(() => json(answer([[t0 - 24 * hour, clock()]])));
    const { s, advance, now } = service({ fetch: p.fetch });
    clock = now;
    const lastHour = () => ({ cameraId: 'cam-1', startMs: now() - hour, endMs: now() });
    for (let i = 0; i < 60; i++) {
      const r = await s.ranges(lastHour());
      expect(r.ranges).toHaveLength(1);
      expect(r.ranges[0]!.startMs).toBe(now() - hour);
      expect(r.ranges[0]!.endMs).toBeGreaterThan(now() - 15_000);
      advance(1000);
    }
    // Every 15 s, and when the span rounded to whole minutes moves on: a few a minute.
    expect(p.asked.length).toBeGreaterThanOrEqual(4);
    expect(p.asked.length).toBeLessThanOrEqual(6);
  });

  it('a platform not reached is asked again sooner than an answer is', async () => {
    let down = true;
    const p = platform(() => (down ? json('{}', 503) : json(answer([[t0, t0 + 6 * hour]]))));
    const { s, advance } = service({ fetch: p.fetch });
    expect((await s.ranges(span)).known).toBe(false);
    down = false;
    advance(5000);
    expect((await s.ranges(span)).known).toBe(false); // still the kept failure
    advance(15_000);
    expect((await s.ranges(span)).known).toBe(true);
    expect(p.asked).toHaveLength(2);
  });

  it('an exported clip is an audit row: camera, range, file, size', () => {
    const { s, rows } = service();
    const caller: Caller = {
      window: 'wall',
      wallId: 2,
      operator: '李四',
      role: 'watcher',
      signedIn: true,
    };
    expect(
      s.clipExported(
        {
          cameraId: 'cam-1',
          startMs: t0 + 2 * hour,
          endMs: t0 + 2 * hour + 5 * min,
          fileName: 'cam-1-20261203-1000.ts',
          bytes: 12_345_678,
        },
        caller,
      ),
    ).toEqual({ recorded: true });
    expect(rows).toEqual([
      {
        action: 'playback.clipExported',
        subject: 'cam-1',
        detail: {
          camera: '钢山街与唐王山路口东',
          startMs: t0 + 2 * hour,
          endMs: t0 + 2 * hour + 5 * min,
          from: '2026-12-03 10:00:00',
          to: '2026-12-03 10:05:00',
          fileName: 'cam-1-20261203-1000.ts',
          bytes: 12_345_678,
        },
      },
    ]);
  });
});
