import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HealthHistorySchema,
  healthHistoryMaxDays,
  type HealthHistory,
} from '../../../shared/contract/platform-health';
import { startSimulator, type Simulator } from '../../../electron/sim/index';

const dayMs = 86_400_000;
let sim: Simulator;
let live: Simulator;
let startedAt: number;

const quiet = { units: 0, alertIntervalMs: 0, incidentIntervalMs: 0, plateHitIntervalMs: 0 };

beforeAll(async () => {
  startedAt = Date.now();
  sim = await startSimulator({ ...quiet, cameras: 2000, failures: false });
  live = await startSimulator({ ...quiet, cameras: 2000, failures: true, seed: 5 });
});
afterAll(async () => {
  await sim.stop();
  await live.stop();
});

async function history(s: Simulator, from: number, to: number): Promise<HealthHistory> {
  const res = await fetch(`${s.baseUrl}/api/v1/health/history?from=${from}&to=${to}`);
  expect(res.status).toBe(200);
  return HealthHistorySchema.parse(await res.json());
}

describe('GET /api/v1/health/history', () => {
  it('tells the last 56 days as the schema says, and nothing past the start with failures off', async () => {
    const now = Date.now();
    const h = await history(sim, now - 60 * dayMs, now);
    expect(h.coveredFrom).not.toBeNull();
    // The history starts 56 days before the simulator did.
    expect(h.coveredFrom!).toBeGreaterThanOrEqual(startedAt - 56 * dayMs);
    expect(h.coveredFrom!).toBeLessThanOrEqual(now - 56 * dayMs);
    expect(h.intervals.length).toBeGreaterThan(1000);
    for (const i of h.intervals) {
      expect(i.start).toBeGreaterThanOrEqual(h.coveredFrom!);
      expect(i.end).not.toBeNull();
      expect(i.end!).toBeLessThanOrEqual(now);
    }
    // Every camera on the platform, and all four kinds.
    const ids = new Set(sim.catalog().cameras.map((c) => c.id));
    expect(h.intervals.every((i) => ids.has(i.cameraId))).toBe(true);
    expect(new Set(h.intervals.map((i) => i.kind)).size).toBe(4);
    // Each ticket: opened a little after its failure started, dispatched to the camera's
    // maintainer, repaired at its end and closed after; numbered per hall day.
    expect(h.tickets.length).toBeGreaterThan(500);
    const maintainers = new Map(sim.catalog().cameras.map((c) => [c.id, c.maintainer]));
    for (const t of h.tickets.slice(0, 200)) {
      expect(t.status).toBe('closed');
      expect(['prober', 'platform']).toContain(t.source);
      expect(t.number).toMatch(/^GD-\d{8}-\d{4}$/);
      expect(t.contractor).toBe(maintainers.get(t.cameraId));
      expect(t.repairedAt!).toBeGreaterThan(t.openedAt);
      expect(t.closedAt!).toBeGreaterThanOrEqual(t.repairedAt!);
      const failure = h.intervals.find((i) => i.cameraId === t.cameraId && i.end === t.repairedAt);
      expect(failure, t.id).toBeDefined();
      // At least the half hour a ticket waits for; a failure already going on when the history
      // starts is cut there (its interval shorter than the failure: seen on 2026-12-03).
      if (failure!.start > h.coveredFrom!) {
        expect(failure!.end! - failure!.start).toBeGreaterThanOrEqual(30 * 60_000);
      }
    }
    expect(new Set(h.tickets.map((t) => t.number)).size).toBe(h.tickets.length);
  });

  it('answers a part of it the same as the whole, numbers included', async () => {
    const now = Date.now();
    const whole = await history(sim, now - 60 * dayMs, now);
    const from = now - 30 * dayMs;
    const to = now - 23 * dayMs;
    const week = await history(sim, from, to);
    expect(week.coveredFrom).toBe(from);
    expect(week.intervals).toEqual(
      whole.intervals.filter((i) => i.start < to && (i.end === null || i.end > from)),
    );
    expect(week.tickets).toEqual(
      whole.tickets.filter((t) => t.openedAt >= from && t.openedAt < to),
    );
    // Before the history there is nothing: coveredFrom null.
    const before = await history(sim, now - 62 * dayMs, now - 58 * dayMs);
    expect(before).toMatchObject({ coveredFrom: null, intervals: [], tickets: [] });
  });

  it('answers bad queries 400 with what is wrong', async () => {
    const now = Date.now();
    const cases: [string, RegExp][] = [
      ['', /from: required/],
      [`from=${now}`, /to: required/],
      [`from=yesterday&to=${now}`, /from: "yesterday" is not a time/],
      [`from=${now}&to=1.5e12`, /to: "1.5e12" is not a time/],
      [`from=${now}&to=${now}`, /to must be after from/],
      [`from=${now}&to=${now - 1000}`, /to must be after from/],
      [`from=${now - (healthHistoryMaxDays + 1) * dayMs}&to=${now}`, /at most 62 days/],
    ];
    for (const [query, message] of cases) {
      const res = await fetch(`${sim.baseUrl}/api/v1/health/history?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: string }).error, query).toMatch(message);
    }
  });
});

describe('live failures', () => {
  it('start with the cameras that are down then down: offline in the catalog, faults, open tickets', async () => {
    const down = live.ongoingFailures();
    expect(down.length).toBeGreaterThan(5);
    expect(down.length).toBeLessThan(2000 * 0.05);
    const catalog = new Map(live.catalog().cameras.map((c) => [c.id, c]));
    const faults = live.faults();
    for (const f of down) {
      if (f.kind === 'offline') {
        expect(catalog.get(f.cameraId)?.status).toBe('offline');
        expect(faults).toContainEqual({ kind: 'camera-offline', cameraId: f.cameraId });
      } else if (f.kind !== 'obstructed') {
        expect(faults).toContainEqual({ kind: f.kind, cameraId: f.cameraId });
      }
    }
    // A failure that has lasted over half an hour has its ticket open on the platform (the
    // first tick opens them, a moment after the start).
    const due = down.filter((f) => f.ticket && f.ticket.openedAt < Date.now());
    expect(due.length).toBeGreaterThan(0);
    const tickets = await (async () => {
      for (let i = 0; i < 100; i++) {
        if (live.tickets().length >= due.length) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      return live.tickets();
    })();
    for (const f of due) {
      const t = tickets.find((x) => x.cameraId === f.cameraId && x.fault === f.kind);
      expect(t, f.cameraId).toBeDefined();
      expect(t!.openedAt).toBe(f.ticket!.openedAt);
      expect(['new', 'dispatched']).toContain(t!.status);
    }
    // The history shows them still down (end null) and says so up to now.
    const now = Date.now();
    const h = await history(live, now - 7 * dayMs, now);
    const open = h.intervals.filter((i) => i.end === null).map((i) => i.cameraId);
    expect(open.sort()).toEqual(down.map((f) => f.cameraId).sort());
  });
});
