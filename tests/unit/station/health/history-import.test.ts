/**
 * The platform's health history at start (issue #16): only the days not imported yet, at most
 * 62 days a request; a good answer stored once (intervals, tickets, coverage); a malformed, a
 * mismatched or an oversized one logged and counted, nothing of it stored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { missingSpans } from '../../../../electron/station/health/history-import';
import { T0, harness, type Harness } from './harness';

const DAY = 86_400_000;
let h: Harness | undefined;
afterEach(() => h?.close());

/** A platform that answers each request with what `answer` makes of its from/to. */
function platform(answer: (from: number, to: number) => Response) {
  const asked: { from: number; to: number }[] = [];
  const fetchImpl = ((input: string | URL) => {
    const url = new URL(String(input));
    expect(url.pathname).toBe('/api/v1/health/history');
    const from = Number(url.searchParams.get('from'));
    const to = Number(url.searchParams.get('to'));
    asked.push({ from, to });
    return Promise.resolve(answer(from, to));
  }) as typeof fetch;
  return { asked, fetchImpl };
}

const good = (from: number, to: number) =>
  Response.json({
    from,
    to,
    coveredFrom: from,
    intervals: [
      { cameraId: 'cam-1', kind: 'offline', start: to - 2 * 3_600_000, end: to - 3_600_000 },
      { cameraId: 'cam-2', kind: 'black', start: to - 3_600_000, end: null },
    ],
    tickets: [],
  });

describe('history import', () => {
  it('cuts what is missing into requests of at most 62 days', () => {
    expect(missingSpans(0, 100 * DAY, [])).toEqual([
      { start: 0, end: 62 * DAY },
      { start: 62 * DAY, end: 100 * DAY },
    ]);
    expect(missingSpans(0, 10 * DAY, [{ start: 2 * DAY, end: 5 * DAY }])).toEqual([
      { start: 0, end: 2 * DAY },
      { start: 5 * DAY, end: 10 * DAY },
    ]);
    expect(missingSpans(0, 10 * DAY, [{ start: 0, end: 10 * DAY }])).toEqual([]);
  });

  it('imports the history once: intervals, coverage, and only the new days the next time', async () => {
    const p = platform(good);
    h = harness({ health: { historyDays: 56 } }, { fetch: p.fetchImpl, baseUrl: 'http://p.test' });
    expect(await h.cap.importHistory()).toBe(1);
    expect(p.asked).toEqual([{ from: T0 - 56 * DAY, to: T0 }]);
    expect(h.cap.store.intervalsIn(0, T0 + 1)).toHaveLength(2);
    expect(h.cap.store.coverageIn(0, T0)).toEqual([{ start: T0 - 56 * DAY, end: T0 }]);
    // A day later: only that day is asked; the still-open interval came back the same (kept once).
    h.clock.now = T0 + DAY;
    expect(await h.cap.importHistory()).toBe(1);
    expect(p.asked[1]).toEqual({ from: T0, to: T0 + DAY });
    expect(h.cap.history).toMatchObject({ imported: 2, bad: 0 });
  });

  it('a malformed answer is logged and counted, nothing stored, asked again next time', async () => {
    const p = platform((from, to) =>
      Response.json({
        from,
        to,
        coveredFrom: from,
        intervals: [{ cameraId: 'cam-1', kind: 'melted', start: 1, end: 0 }],
        tickets: [],
      }),
    );
    h = harness({}, { fetch: p.fetchImpl, baseUrl: 'http://p.test' });
    expect(await h.cap.importHistory()).toBe(0);
    expect(h.cap.history.bad).toBe(1);
    expect(h.cap.history.lastProblem).toMatch(/kind/);
    expect(h.cap.store.intervalsIn(0, T0 + 1)).toEqual([]);
    expect(h.cap.store.imports()).toEqual([]);
    expect(await h.cap.importHistory()).toBe(0);
    expect(p.asked).toHaveLength(2);
  });

  it('not JSON, an answer for other days, an HTTP error: refused and counted', async () => {
    const answers = [
      () => new Response('<html>'),
      (from: number, to: number) => good(from - DAY, to),
      () => new Response('no', { status: 503 }),
    ];
    const p = platform((from, to) => answers.shift()!(from, to));
    h = harness({}, { fetch: p.fetchImpl, baseUrl: 'http://p.test' });
    for (let i = 0; i < 3; i++) await h.cap.importHistory();
    expect(h.cap.history.bad).toBe(3);
    expect(h.cap.store.intervalsIn(0, T0 + 1)).toEqual([]);
  });

  it('an oversized answer is refused before it is read whole', async () => {
    const p = platform(
      () =>
        new Response('[', {
          headers: { 'content-length': String(512 * 1024 * 1024) },
        }),
    );
    h = harness({}, { fetch: p.fetchImpl, baseUrl: 'http://p.test' });
    expect(await h.cap.importHistory()).toBe(0);
    expect(h.cap.history).toMatchObject({ bad: 1, lastProblem: expect.stringMatching(/over/) });
  });

  it('tickets in the history are kept, never over a newer record', async () => {
    const ticket = {
      id: 'T9',
      number: 'GD-1',
      cameraId: 'cam-1',
      fault: 'offline',
      source: 'platform',
      status: 'closed',
      openedAt: T0 - 3 * DAY,
      openedBy: 'platform',
      slaHours: 8,
      dueAt: T0 - 3 * DAY + 8 * 3_600_000,
      lastSeenAt: T0 - 3 * DAY,
      rev: 3,
    };
    const p = platform((from, to) =>
      Response.json({ from, to, coveredFrom: null, intervals: [], tickets: [ticket] }),
    );
    h = harness({}, { fetch: p.fetchImpl, baseUrl: 'http://p.test' });
    h.cap.onTicket(h.record({ id: 'T9', rev: 5, status: 'closed', openedAt: T0 - 3 * DAY }));
    await h.cap.importHistory();
    expect(h.cap.store.ticket('T9')?.message.rev).toBe(5);
    expect(h.cap.store.coverageIn(0, T0)).toEqual([]); // coveredFrom null: the platform has none
  });
});
