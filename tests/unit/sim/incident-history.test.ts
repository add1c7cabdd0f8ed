import { describe, expect, it } from 'vitest';
import { HistoricIncidentSchema } from '../../../shared/contract/platform-analysis';
import { buildDistrictGeometry } from '../../../electron/sim/district-geometry';
import { fromLatLng, distance } from '../../../electron/sim/geo-frame';
import {
  createIncidentHistory,
  historyCategories as cat,
  nearRepeatMaxDays,
  nearRepeatMaxM,
  type HistoryUnit,
} from '../../../electron/sim/incident-history';
import { createUnitFleet } from '../../../electron/sim/unit-fleet';
import { buildWorld } from '../../../electron/sim/world';

const world = buildWorld(1);
const { geometry } = buildDistrictGeometry(world, 1);
const until = Date.UTC(2026, 11, 3, 2); // 10:00 in the hall
const dayMs = 86_400_000;
const units: HistoryUnit[] = createUnitFleet(world, 400, 1).beats();
const make = (seed = 1) => createIncidentHistory({ seed, world, geometry, until, units });
// Asia/Shanghai keeps UTC+8 all year: hours and months without Intl (the year is 110,000 rows).
const hallMs = 8 * 3_600_000;
const hourOf = (t: number) => Math.floor(((t + hallMs) % dayMs) / 3_600_000);
const monthOf = (t: number) => new Date(t + hallMs).getUTCMonth() + 1;
const rural = (gridId: string | undefined) => !gridId?.startsWith('R1-');

// The whole year once (31 days a request, as the endpoint serves it).
const history = make();
const year = (() => {
  const all = [];
  for (let from = history.coveredFrom; from < until; from += 31 * dayMs) {
    all.push(...history.history(from, Math.min(until, from + 31 * dayMs)).incidents);
  }
  return all;
})();
const of = (...categories: string[]) => year.filter((i) => categories.includes(i.category));

describe('incident history', () => {
  it('tells the same past for the same seed, another for another seed', () => {
    const from = until - 7 * dayMs;
    const a = make().history(from, until);
    const b = make().history(from, until);
    expect(b).toEqual(a);
    expect(make(2).history(from, until).incidents).not.toEqual(a.incidents);
    // A day asked alone is the same as within a longer span.
    const day = history.history(until - 3 * dayMs, until - 2 * dayMs).incidents;
    expect(
      a.incidents.filter(
        (i) => i.reportedAt >= until - 3 * dayMs && i.reportedAt < until - 2 * dayMs,
      ),
    ).toEqual(day);
  });

  it('holds at least 100,000 incidents a year, valid, oldest first, in the year', () => {
    expect(year.length).toBeGreaterThanOrEqual(100_000);
    expect(history.coveredFrom).toBe(Date.UTC(2025, 11, 2, 16)); // 2025-12-03 00:00 in the hall
    expect(year.every((i, k) => k === 0 || i.reportedAt >= year[k - 1]!.reportedAt)).toBe(true);
    expect(year[0]!.reportedAt).toBeGreaterThanOrEqual(history.coveredFrom);
    expect(year.at(-1)!.reportedAt).toBeLessThan(until);
    expect(new Set(year.map((i) => i.id)).size).toBe(year.length);
    for (let k = 0; k < year.length; k += 97) HistoricIncidentSchema.parse(year[k]);
  });

  it('has more thefts at night in the rural grids than by day', () => {
    const thefts = of(cat.theft, cat.burglary).filter((i) => i.windowStart === undefined);
    const night = thefts.filter((i) => hourOf(i.reportedAt) >= 22 || hourOf(i.reportedAt) < 5);
    expect(night.length / thefts.length).toBeGreaterThan(0.8);
    expect(of(cat.theft, cat.burglary).filter((i) => rural(i.gridId)).length).toBeGreaterThan(
      0.95 * of(cat.theft, cat.burglary).length,
    );
  });

  it('puts traffic accidents on the national roads at the rush hours', () => {
    const traffic = of(cat.traffic);
    const rush = traffic.filter((i) => [7, 8, 17, 18].includes(hourOf(i.reportedAt)));
    // Four hours of 24 hold more than half of them.
    expect(rush.length / traffic.length).toBeGreaterThan(0.5);
    expect(traffic.every((i) => /国道K\d+\+\d{3}处$/.test(i.address))).toBe(true);
  });

  it('has pickpocketing by day at the markets and disputes in the evening', () => {
    const pick = of(cat.pickpocket);
    expect(
      pick.filter((i) => hourOf(i.reportedAt) >= 7 && hourOf(i.reportedAt) < 20).length /
        pick.length,
    ).toBeGreaterThan(0.9);
    expect(pick.every((i) => /农贸市场|商业街|汽车站|夜市/.test(i.address))).toBe(true);
    const disputes = of(cat.dispute);
    expect(
      disputes.filter((i) => hourOf(i.reportedAt) >= 18).length / disputes.length,
    ).toBeGreaterThan(0.7);
  });

  it('has crop theft at harvest: June and September–October', () => {
    const byMonth = new Map<number, number>();
    for (const i of of(cat.crop)) {
      const m = monthOf(i.reportedAt);
      byMonth.set(m, (byMonth.get(m) ?? 0) + 1);
    }
    const harvest = (byMonth.get(6) ?? 0) + (byMonth.get(9) ?? 0) + (byMonth.get(10) ?? 0);
    expect(harvest / of(cat.crop).length).toBeGreaterThan(0.9);
    expect(byMonth.get(6) ?? 0).toBeGreaterThan(20 * (byMonth.get(3) ?? 0));
  });

  it('knows some only by a window: the evening before to the morning, reported after', () => {
    const windowed = year.filter((i) => i.windowStart !== undefined);
    expect(windowed.length).toBeGreaterThan(20_000);
    const insane = windowed.filter(
      (i) =>
        hourOf(i.windowStart!) < 19 ||
        hourOf(i.windowEnd!) < 6 ||
        hourOf(i.windowEnd!) >= 9 ||
        i.windowEnd! - i.windowStart! < 8 * 3_600_000 ||
        i.windowEnd! - i.windowStart! > 14 * 3_600_000 ||
        i.reportedAt < i.windowEnd! ||
        i.reportedAt - i.windowEnd! > 3_600_000,
    );
    expect(insane).toEqual([]);
    // Thefts and crops: not the day's traffic or disputes.
    expect(new Set(windowed.map((i) => i.category))).toEqual(
      new Set([cat.theft, cat.burglary, cat.crop]),
    );
  });

  it('has near-repeat burglaries: another within 180 m in the next days', () => {
    const burglaries = of(cat.theft, cat.burglary).map((i) => ({
      t: i.reportedAt,
      p: fromLatLng(i),
    }));
    let repeats = 0;
    // Sorted by time: look ahead up to ten days for a neighbour.
    for (let a = 0; a < burglaries.length && repeats < 200; a++) {
      const first = burglaries[a]!;
      for (let b = a + 1; b < burglaries.length; b++) {
        const next = burglaries[b]!;
        if (next.t - first.t > (nearRepeatMaxDays + 1) * dayMs) break;
        if (next.t - first.t > 12 * 3_600_000 && distance(first.p, next.p) <= nearRepeatMaxM) {
          repeats++;
          break;
        }
      }
    }
    expect(repeats).toBeGreaterThanOrEqual(200);
  });

  it('says who handled most incidents, with times in order, from the grid’s units', () => {
    const beat = new Map(units.map((u) => [u.id, u.gridId]));
    const handled = year.filter((i) => i.unitIds.length > 0);
    expect(handled.length / year.length).toBeGreaterThan(0.7);
    const wrong = handled.filter(
      (i) =>
        !(i.acknowledgedAt! > i.reportedAt) ||
        !(i.arrivedAt! > i.acknowledgedAt!) ||
        !(i.closedAt! > i.arrivedAt!) ||
        !i.unitIds.every((u) => beat.get(u)!.startsWith(i.gridId!.replace(/-G\d+$/, ''))),
    );
    expect(wrong).toEqual([]);
  });

  it('counts the live incidents as history once opened; coveredFrom is clipped to the range', () => {
    const live = createIncidentHistory({
      seed: 1,
      world,
      geometry,
      until,
      live: () => [
        {
          id: 'I-live-1',
          number: 'J20261203000001',
          rev: 3,
          category: '纠纷',
          level: 1,
          lat: 35.4,
          lng: 116.97,
          address: '邹城市太平路1号',
          source: 'call',
          status: 'closed',
          reportedAt: until + 60_000,
          updatedAt: until + 600_000,
          summary: '',
          units: [
            {
              unitId: 'U-C001',
              callSign: '巡001',
              orderId: 'O1',
              orderedAt: until + 70_000,
              orderedBy: '张三',
              acknowledgedAt: until + 80_000,
              arrivedAt: until + 300_000,
              clearedAt: until + 500_000,
            },
          ],
          pictures: [],
          timeline: [],
          closedAt: until + 600_000,
        },
      ],
    });
    const after = live.history(until, until + dayMs);
    expect(
      after.incidents.map((i) => [i.id, i.unitIds, i.acknowledgedAt, i.arrivedAt, i.closedAt]),
    ).toEqual([['I-live-1', ['U-C001'], until + 80_000, until + 300_000, until + 600_000]]);
    expect(after.coveredFrom).toBe(until);
    expect(live.history(0, 1000).coveredFrom).toBeNull();
    expect(live.history(0, history.coveredFrom + 1000).coveredFrom).toBe(history.coveredFrom);
  });
});
