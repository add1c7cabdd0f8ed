/**
 * The incident history (issue #17 item 1): a platform export as CSV imported whole or refused
 * whole (line and column named, nothing stored, the import audited); the platform's history
 * imported at most 31 days a request, a malformed or oversized answer refused with nothing
 * stored; live incidents kept in the history.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { VigilError } from '../../../../shared/result';
import type { IncidentMessage } from '../../../../shared/contract/platform';
import { chief, DAY, harness, T0, type Harness } from './harness';

let h: Harness | undefined;
afterEach(() => h?.close());

const header = 'number,category,level,reported_at,window_start,window_end,lat,lng,address';
const good = [
  header,
  'J001,盗窃,2,2026-11-30 08:10,2026-11-29 22:00,2026-11-30 07:00,35.405,116.975,东关路1号',
  'J002,纠纷,3,2026-11-30 19:45,,,35.406,116.985,"东关路2号, 菜市场"',
].join('\r\n');

function refusal(fn: () => unknown): VigilError {
  try {
    fn();
  } catch (error) {
    if (error instanceof VigilError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('CSV import', () => {
  it('imports a good file: times read in hall time, the window kept, audited, announced', () => {
    h = harness();
    const r = h.cap.handlers['analysis.importCsv'](
      { name: 'export.csv', csv: `\uFEFF${good}` },
      chief,
    );
    expect(r).toEqual({ imported: 2, replaced: 0 });
    const rows = h.cap.store.incidentsIn(0, T0 + DAY);
    expect(rows.map((i) => i.number)).toEqual(['J001', 'J002']);
    // 2026-11-30 08:10 in Asia/Shanghai is 00:10 UTC.
    expect(rows[0]).toMatchObject({
      reportedAt: Date.UTC(2026, 10, 30, 0, 10),
      windowStart: Date.UTC(2026, 10, 29, 14, 0),
      windowEnd: Date.UTC(2026, 10, 29, 23, 0),
      category: '盗窃',
    });
    expect(rows[1]?.windowStart).toBeUndefined();
    expect(h.cap.handlers['analysis.history']({}, chief)).toMatchObject({
      incidents: 2,
      coveredFrom: Date.UTC(2026, 10, 30, 0, 10),
    });
    const audit = h.db
      .prepare("SELECT action FROM audit WHERE action = 'analysis.importCsv'")
      .all();
    expect(audit).toHaveLength(1);
    expect(h.emitted.map((e) => e.stream)).toEqual(['analysis.history']);
    // The same file again replaces, never doubles.
    expect(h.cap.handlers['analysis.importCsv']({ name: '', csv: good }, chief)).toEqual({
      imported: 2,
      replaced: 2,
    });
    expect(h.cap.store.counts().incidents).toBe(2);
  });

  it.each([
    ['J003,盗窃,2,2026-11-30 25:00,,,35.4,116.97,x', 'line 4, reported_at'],
    ['J003,盗窃,2,2026-11-30 08:00,,,35,4,116.97,x', 'line 4, column 10: 10 cells'],
    ['J003,盗窃,2,2026-11-30 08:00,,,abc,116.97,x', 'line 4, lat: "abc" is not a number'],
    ['J003,盗窃,9,2026-11-30 08:00,,,35.4,116.97,x', 'line 4, level'],
    ['J003,,2,2026-11-30 08:00,,,35.4,116.97,x', 'line 4, category: is empty'],
    ['J003,盗窃,2,2026-11-30 08:00,2026-11-30 07:00,,35.4,116.97,x', 'line 4, window_start'],
    ['J001,盗窃,2,2026-11-30 08:00,,,35.4,116.97,x', 'line 4, number: "J001" is also on line 2'],
  ])('refuses a file with a bad row whole, nothing stored: %s', (row, message) => {
    h = harness();
    const e = refusal(() =>
      h!.cap.handlers['analysis.importCsv']({ name: 'bad.csv', csv: `${good}\r\n${row}` }, chief),
    );
    expect(e.code).toBe('bad-input');
    expect(e.message).toContain(message);
    expect(h.cap.store.counts().incidents).toBe(0);
    expect(h.cap.store.coveredFrom()).toBeNull();
  });

  it('refuses a file without a needed column, naming it', () => {
    h = harness();
    const e = refusal(() =>
      h!.cap.handlers['analysis.importCsv']({ name: '', csv: 'number,category\r\nJ1,盗窃' }, chief),
    );
    expect(e.message).toContain('line 1: missing column "level"');
  });
});

/** A platform that answers each history request with what `answer` makes of its from/to. */
function platform(answer: (from: number, to: number) => Response) {
  const asked: { from: number; to: number }[] = [];
  const fetchImpl = ((input: string | URL) => {
    const url = new URL(String(input));
    expect(url.pathname).toBe('/api/v1/incidents/history');
    const from = Number(url.searchParams.get('from'));
    const to = Number(url.searchParams.get('to'));
    asked.push({ from, to });
    return Promise.resolve(answer(from, to));
  }) as typeof fetch;
  return { asked, fetchImpl };
}

const incident = (id: string, at: number) => ({
  id,
  number: `N-${id}`,
  category: '盗窃',
  level: 2,
  lat: 35.405,
  lng: 116.975,
  reportedAt: at,
});

describe('platform history', () => {
  it('asks at most 31 days a request, one after another, and only what is missing next time', async () => {
    const p = platform((from, to) =>
      Response.json({ from, to, coveredFrom: from, incidents: [incident(`i${from}`, from + 1)] }),
    );
    h = harness(
      { analysis: { historyDays: 40 } },
      { fetch: p.fetchImpl, baseUrl: 'http://p.test' },
    );
    expect(await h.cap.importHistory()).toBe(2);
    expect(p.asked).toEqual([
      { from: T0 - 40 * DAY, to: T0 - 9 * DAY },
      { from: T0 - 9 * DAY, to: T0 },
    ]);
    expect(h.cap.store.counts().incidents).toBe(2);
    const status = h.cap.handlers['analysis.history']({}, chief);
    expect(status).toMatchObject({ coveredFrom: T0 - 40 * DAY, lastImportAt: T0 });
    expect(h.emitted.at(-1)?.stream).toBe('analysis.history');
    h.clock.now = T0 + DAY;
    await h.cap.importHistory();
    expect(p.asked.at(-1)).toEqual({ from: T0, to: T0 + DAY });
  });

  it.each([
    [
      'malformed',
      () => Response.json({ from: 0, to: 1, coveredFrom: null, incidents: [{ id: 'x' }] }),
    ],
    ['not JSON', () => new Response('<html>')],
    ['oversized', () => new Response('x', { headers: { 'content-length': String(1e9) } })],
    ['an HTTP error', () => new Response('no', { status: 500 })],
  ])('refuses a %s answer: logged, counted, nothing stored', async (_what, answer) => {
    const p = platform(answer);
    h = harness(
      { analysis: { historyDays: 40 } },
      { fetch: p.fetchImpl, baseUrl: 'http://p.test' },
    );
    expect(await h.cap.importHistory()).toBe(0);
    expect(p.asked).toHaveLength(1); // the rest waits for the next import
    expect(h.cap.history.bad).toBe(1);
    expect(h.cap.store.counts().incidents).toBe(0);
    expect(h.cap.store.imports()).toEqual([]);
    expect(h.cap.store.meta('lastImport')).toMatch(/^refused: /);
  });
});

describe('live incidents', () => {
  it('are kept in the history as they arrive and change', () => {
    h = harness();
    const m = {
      id: 'inc-1',
      number: 'J2026120100001',
      rev: 1,
      category: '纠纷',
      level: 3,
      lat: 35.405,
      lng: 116.975,
      address: '东关路',
      source: 'call',
      status: 'new',
      reportedAt: T0,
      updatedAt: T0,
      summary: '',
      units: [],
      pictures: [],
      timeline: [],
    } as unknown as IncidentMessage;
    h.cap.onIncident(m);
    h.cap.onIncident({
      ...m,
      rev: 2,
      units: [
        {
          unitId: 'u1',
          callSign: '巡1',
          orderId: 'o1',
          orderedAt: T0 + 60_000,
          orderedBy: '甲',
          acknowledgedAt: T0 + 120_000,
          arrivedAt: null,
          clearedAt: null,
        },
      ],
    });
    const rows = h.cap.store.incidentsIn(T0, T0 + 1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ unitIds: ['u1'], acknowledgedAt: T0 + 120_000 });
    // Merged into another: no longer an incident of the history.
    h.cap.onIncident({ ...m, rev: 3, status: 'merged', mergedInto: 'inc-0' });
    expect(h.cap.store.incidentsIn(T0, T0 + 1)).toEqual([]);
  });
});
