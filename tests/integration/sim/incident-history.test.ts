import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IncidentHistorySchema,
  incidentHistoryMaxDays,
} from '../../../shared/contract/platform-analysis';
import { startSimulator, type Simulator } from '../../../electron/sim/index';

const dayMs = 86_400_000;
let sim: Simulator;
let startedAt: number;

beforeAll(async () => {
  startedAt = Date.now();
  sim = await startSimulator({
    cameras: 500,
    units: 40,
    alertIntervalMs: 0,
    incidentIntervalMs: 0,
    plateHitIntervalMs: 0,
    failures: false,
  });
});
afterAll(async () => {
  await sim.stop();
});

const get = (query: string) => fetch(`${sim.baseUrl}/api/v1/incidents/history${query}`);

describe('GET /api/v1/incidents/history', () => {
  it('answers a month of past incidents as the schema says, oldest first, with the live ones', async () => {
    const opened = await sim.openIncident({ kind: 'call', category: '纠纷' });
    const to = Date.now() + 1000;
    const from = to - incidentHistoryMaxDays * dayMs;
    const res = await get(`?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const h = IncidentHistorySchema.parse(await res.json());
    expect([h.from, h.to, h.coveredFrom]).toEqual([from, to, from]);
    // About 300 a day.
    expect(h.incidents.length).toBeGreaterThan(incidentHistoryMaxDays * 200);
    expect(
      h.incidents.every((i, k) => k === 0 || i.reportedAt >= h.incidents[k - 1]!.reportedAt),
    ).toBe(true);
    expect(h.incidents.every((i) => i.reportedAt >= from && i.reportedAt < to)).toBe(true);
    // The generated past ends at the start; the call opened now is history already.
    const after = h.incidents.filter((i) => i.reportedAt >= startedAt);
    expect(after.map((i) => i.number)).toContain(opened.number);
    expect(h.incidents.at(-1)!.id).toBe(opened.id);
    // Every unit named is one of the platform's units.
    const units = new Set(sim.unitPositions().map((p) => p.unitId));
    expect(h.incidents.every((i) => i.unitIds.every((u) => units.has(u)))).toBe(true);
    expect(h.incidents.some((i) => i.unitIds.length > 0)).toBe(true);
  });

  it('says from when it has records: a year before the start, null before that', async () => {
    const yearAgo = startedAt - 365 * dayMs;
    const edge = IncidentHistorySchema.parse(
      await (await get(`?from=${yearAgo - 10 * dayMs}&to=${yearAgo + 10 * dayMs}`)).json(),
    );
    expect(edge.coveredFrom).not.toBeNull();
    expect(edge.coveredFrom!).toBeGreaterThan(yearAgo - 2 * dayMs);
    expect(edge.coveredFrom!).toBeLessThanOrEqual(yearAgo);
    expect(edge.incidents[0]!.reportedAt).toBeGreaterThanOrEqual(edge.coveredFrom!);
    const before = IncidentHistorySchema.parse(
      await (await get(`?from=${yearAgo - 30 * dayMs}&to=${yearAgo - 20 * dayMs}`)).json(),
    );
    expect(before).toEqual({
      from: yearAgo - 30 * dayMs,
      to: yearAgo - 20 * dayMs,
      coveredFrom: null,
      incidents: [],
    });
  });

  it('refuses a bad query with 400 and says what is wrong', async () => {
    const now = Date.now();
    const cases: [string, RegExp][] = [
      ['', /from: required/],
      [`?from=${now - dayMs}`, /to: required/],
      [`?from=yesterday&to=${now}`, /from: "yesterday" is not a time/],
      [`?from=${now}&to=${now - dayMs}`, /to must be after from/],
      [`?from=${now - 32 * dayMs}&to=${now}`, /at most 31 days/],
    ];
    for (const [query, error] of cases) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(error);
    }
    expect(
      (await fetch(`${sim.baseUrl}/api/v1/incidents/history?from=0&to=1`, { method: 'POST' }))
        .status,
    ).toBe(405);
  });
});
