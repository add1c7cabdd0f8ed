/**
 * Weekly unit scores and the monthly patrol star (issue #17 item 5). Per unit, from its tracks
 * (read a day at a time, within its beat grid's box widened 500 m, like the daily compliance
 * review) and its work, each part a measure and 0…100 points by a rule anyone can check:
 *
 * - lines: the length-weighted share of its beat's must-patrol lines within 30 m of its track,
 *   the mean over its days on duty (days with a fix); points = share × 100.
 * - points: the share of its beat's must-reach points reached, the mean over its days on duty;
 *   points = share × 100.
 * - warnings: visits that count ÷ warnings sent to it (window in the week); points = ratio × 100.
 * - patrolHours: hours moving (over 1 m/s, fixes ≤ 60 s apart) inside its beat grid; points =
 *   hours ÷ `analysis.score.patrolHoursTarget` × 100, at most 100.
 * - incidents: incidents it handled (dispatch orders to it, history incidents naming it);
 *   points = count ÷ the most any unit of its zone handled × 100.
 * - ackTime: the median seconds from order to acknowledgement; 100 points at ≤ 60 s, falling
 *   linearly to 0 at 600 s.
 * - arrivalTime: the median seconds from order to arrival; 100 at ≤ 300 s, 0 at ≥ 1800 s.
 *
 * A part with nothing to measure (no beat, no lines, no warnings, no orders) has value null and
 * 0 points, and its weight is left out: total = Σ weight × points ÷ Σ weight of measured parts.
 * Ranked by total within the zone of its beat. A past week's scores are kept once computed.
 */
import type {
  PatrolStar,
  ScorePart,
  UnitScore,
  Warning,
  WeeklyScores,
} from '../../../shared/contract/analysis';
import type { MapGeometry, TrackPoint, UnitState } from '../../../shared/contract/map';
import {
  firstReach,
  lineCoverage,
  pointInPolygon,
  ringBounds,
  widenBounds,
} from '../../../shared/domain/geo';
import { addDays } from '../../../shared/domain/health/expected-time';
import { addMonths, mondayOfDate } from '../../../shared/domain/analysis/periods';
import { isDate, zonedAt } from '../../../shared/domain/time/hall-time';
import { VigilError } from '../../../shared/result';
import type { AnalysisStore, OrderTimes } from '../cache/analysis-store';
import type { PositionStore } from '../cache/position-store';
import type { VigilConfig } from '../config';
import { scoreParts, type ScorePartKey } from './score-parts';

const marginM = 500;
export const lineCorridorM = 30;
export const movingSpeed = 1;
export const maxStepMs = 60_000;

export interface ScoreOptions {
  store: AnalysisStore;
  score: VigilConfig['analysis']['score'];
  timeZone: string;
  geometry: () => MapGeometry;
  units: () => UnitState[];
  positions: PositionStore;
  flushPositions?: () => void;
  orderTimes: (from: number, to: number) => OrderTimes[];
  warnings: (from: number, to: number) => Warning[];
  now: () => number;
}

/** Linear from 100 at `best` to 0 at `worst` (seconds). */
export function timePoints(seconds: number, best: number, worst: number): number {
  if (seconds <= best) return 100;
  if (seconds >= worst) return 0;
  return (100 * (worst - seconds)) / (worst - best);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Σ weight × points over the measured parts ÷ their weights (0 when nothing is measured). */
export function totalOf(parts: readonly ScorePart[]): number {
  let w = 0;
  let sum = 0;
  for (const p of parts) {
    if (p.value === null) continue;
    w += p.weight;
    sum += p.weight * p.points;
  }
  return w > 0 ? Math.round((sum / w) * 10) / 10 : 0;
}

/** Ranks within each zone by total (1 = best; ties share a rank). */
export function rankWithinZones(units: UnitScore[]): void {
  const byZone = new Map<string, UnitScore[]>();
  for (const u of units) {
    const k = u.zoneId ?? '';
    byZone.set(k, [...(byZone.get(k) ?? []), u]);
  }
  for (const list of byZone.values()) {
    list.sort((a, b) => b.total - a.total || a.callSign.localeCompare(b.callSign, 'zh-CN'));
    list.forEach((u, i) => {
      const prev = list[i - 1];
      u.rank = prev && prev.total === u.total ? prev.rank : i + 1;
    });
  }
}

interface TrackMeasures {
  daysOnDuty: number;
  lineShareSum: number;
  pointShareSum: number;
  movingMs: number;
}

export class ScoreService {
  constructor(private readonly o: ScoreOptions) {}

  week(weekStart: string): WeeklyScores {
    if (!isDate(weekStart)) throw new VigilError('bad-input', `not a day: ${weekStart}`);
    const monday = mondayOfDate(weekStart);
    const from = zonedAt(monday, 0, this.o.timeZone);
    const to = zonedAt(addDays(monday, 7), 0, this.o.timeZone);
    const kept = this.o.store.scores(monday);
    if (kept) return kept;
    const scores = this.compute(monday, from, to);
    if (to <= this.o.now() && !scores.noData) this.o.store.putScores(scores, this.o.now());
    return scores;
  }

  star(month: string): PatrolStar {
    if (!/^\d{4}-\d{2}$/.test(month)) throw new VigilError('bad-input', `not a month: ${month}`);
    const first = `${month}-01`;
    const end = zonedAt(addMonths(first, 1), 0, this.o.timeZone);
    const now = this.o.now();
    const sums = new Map<
      string,
      { sum: number; weeks: number; callSign: string; zoneId: string }
    >();
    // The weeks whose Monday lies in the month and which have ended.
    for (let d = mondayOfDate(first); zonedAt(d, 0, this.o.timeZone) < end; d = addDays(d, 7)) {
      if (d.slice(0, 7) !== month) continue;
      if (zonedAt(addDays(d, 7), 0, this.o.timeZone) > now) continue;
      const w = this.week(d);
      for (const u of w.units) {
        if (u.zoneId === null) continue;
        const s = sums.get(u.unitId) ?? {
          sum: 0,
          weeks: 0,
          callSign: u.callSign,
          zoneId: u.zoneId,
        };
        s.sum += u.total;
        s.weeks++;
        sums.set(u.unitId, s);
      }
    }
    const zones = this.o
      .geometry()
      .areas.filter((a) => a.level === 'zone')
      .map((z) => {
        let best: { unitId: string; callSign: string; score: number; weeks: number } | null = null;
        for (const [unitId, s] of sums) {
          if (s.zoneId !== z.id) continue;
          const score = Math.round((s.sum / s.weeks) * 10) / 10;
          if (!best || score > best.score)
            best = { unitId, callSign: s.callSign, score, weeks: s.weeks };
        }
        return {
          zoneId: z.id,
          name: z.name,
          unitId: best?.unitId ?? null,
          callSign: best?.callSign ?? null,
          score: best?.score ?? null,
          weeks: best?.weeks ?? 0,
        };
      });
    return { month, zones };
  }

  private compute(weekStart: string, from: number, to: number): WeeklyScores {
    const weights = this.o.score.weights as Partial<Record<ScorePartKey, number>>;
    const formula = scoreParts.map((key) => ({ key, weight: weights[key] ?? 0 }));
    this.o.flushPositions?.();
    const g = this.o.geometry();
    const grids = new Map(g.areas.filter((a) => a.level === 'grid').map((a) => [a.id, a]));
    const states = new Map(this.o.units().map((u) => [u.unitId, u]));
    const orders = this.o.orderTimes(from, to);
    const history = this.o.store.incidentsIn(from, to);
    const warnings = this.o.warnings(from, to).filter((w) => w.status !== 'cancelled');
    const days = Array.from({ length: 7 }, (_, i) => {
      const d = addDays(weekStart, i);
      return {
        start: zonedAt(d, 0, this.o.timeZone),
        end: zonedAt(addDays(d, 1), 0, this.o.timeZone),
      };
    });

    const rows: { unit: UnitScore; incidents: number }[] = [];
    for (const seen of this.o.positions.units()) {
      if (this.o.positions.countTrack(seen.unitId, from, to - 1) === 0) continue;
      const state = states.get(seen.unitId);
      const gridId = state?.gridId ?? seen.gridId ?? null;
      const grid = gridId === null ? undefined : grids.get(gridId);
      const m = grid ? this.measure(seen.unitId, grid, g, days) : null;
      const lines = grid ? g.mustPatrolLines.filter((l) => l.gridId === grid.id) : [];
      const points = grid ? g.mustReachPoints.filter((p) => p.gridId === grid.id) : [];
      const mine = orders.filter((o) => o.unitId === seen.unitId);
      const handled = new Set(mine.map((o) => o.incidentId));
      for (const i of history) if (i.unitIds.includes(seen.unitId)) handled.add(i.id);
      const sent = warnings.filter((w) => w.orders.some((o) => o.unitId === seen.unitId));
      const kept = sent.filter((w) =>
        w.visits.some((v) => v.unitId === seen.unitId && v.counts),
      ).length;
      const ack = median(
        mine.flatMap((o) =>
          o.acknowledgedAt === null ? [] : [(o.acknowledgedAt - o.orderedAt) / 1000],
        ),
      );
      const arrival = median(
        mine.flatMap((o) => (o.arrivedAt === null ? [] : [(o.arrivedAt - o.orderedAt) / 1000])),
      );
      const share = (sum: number): number | null =>
        m && m.daysOnDuty > 0 ? Math.round((sum / m.daysOnDuty) * 1000) / 1000 : null;
      const lineShare = lines.length > 0 && m ? share(m.lineShareSum) : null;
      const pointShare = points.length > 0 && m ? share(m.pointShareSum) : null;
      const hours = m ? Math.round((m.movingMs / 3_600_000) * 10) / 10 : null;
      const value: Record<ScorePartKey, number | null> = {
        lines: lineShare,
        points: pointShare,
        warnings: sent.length > 0 ? Math.round((kept / sent.length) * 1000) / 1000 : null,
        patrolHours: hours,
        incidents: handled.size,
        ackTime: ack,
        arrivalTime: arrival,
      };
      const pts: Record<ScorePartKey, number> = {
        lines: (lineShare ?? 0) * 100,
        points: (pointShare ?? 0) * 100,
        warnings: (value.warnings ?? 0) * 100,
        patrolHours: Math.min(100, ((hours ?? 0) / this.o.score.patrolHoursTarget) * 100),
        incidents: 0, // relative to the zone, below
        ackTime: ack === null ? 0 : timePoints(ack, 60, 600),
        arrivalTime: arrival === null ? 0 : timePoints(arrival, 300, 1800),
      };
      rows.push({
        incidents: handled.size,
        unit: {
          unitId: seen.unitId,
          callSign: state?.callSign ?? seen.callSign,
          kind: state?.kind ?? seen.kind ?? null,
          gridId,
          zoneId: grid?.parentId ?? null,
          total: 0,
          parts: formula.map(({ key, weight }) => ({
            key,
            value: value[key as ScorePartKey],
            points: Math.round(pts[key as ScorePartKey] * 10) / 10,
            weight,
          })),
          rank: 0,
        },
      });
    }
    // incidents: relative to the busiest unit of the zone (null when the zone handled none).
    const most = new Map<string, number>();
    for (const r of rows) {
      const k = r.unit.zoneId ?? '';
      most.set(k, Math.max(most.get(k) ?? 0, r.incidents));
    }
    const units = rows.map(({ unit, incidents }) => {
      const top = most.get(unit.zoneId ?? '') ?? 0;
      const parts = unit.parts.map((p) =>
        p.key !== 'incidents'
          ? p
          : top === 0
            ? { ...p, value: null, points: 0 }
            : { ...p, points: Math.round((incidents / top) * 1000) / 10 },
      );
      return { ...unit, parts, total: totalOf(parts) };
    });
    rankWithinZones(units);
    units.sort((a, b) => (a.zoneId ?? '').localeCompare(b.zoneId ?? '') || a.rank - b.rank);
    return { weekStart, from, to, formula, units, noData: units.length === 0 };
  }

  /** Lines, points and moving time in the beat, a day at a time. */
  private measure(
    unitId: string,
    grid: MapGeometry['areas'][number],
    g: MapGeometry,
    days: { start: number; end: number }[],
  ): TrackMeasures {
    const lines = g.mustPatrolLines.filter((l) => l.gridId === grid.id);
    const points = g.mustReachPoints.filter((p) => p.gridId === grid.id);
    const totalLength = lines.reduce((a, l) => a + l.lengthM, 0);
    const box = widenBounds(ringBounds(grid.polygon), marginM);
    const m: TrackMeasures = { daysOnDuty: 0, lineShareSum: 0, pointShareSum: 0, movingMs: 0 };
    for (const day of days) {
      if (this.o.positions.countTrack(unitId, day.start, day.end - 1) === 0) continue;
      m.daysOnDuty++;
      const fixes = this.o.positions.trackInBox(unitId, day.start, day.end - 1, box);
      if (fixes.length === 0) continue;
      if (totalLength > 0) {
        let covered = 0;
        for (const l of lines) covered += lineCoverage(fixes, l.path, lineCorridorM).coveredM;
        m.lineShareSum += Math.min(1, covered / totalLength);
      }
      if (points.length > 0) {
        const reached = points.filter((p) => firstReach(fixes, p, p.radiusM) !== null).length;
        m.pointShareSum += reached / points.length;
      }
      m.movingMs += movingInside(fixes, grid.polygon);
    }
    return m;
  }
}

/** Time moving (over 1 m/s) between consecutive fixes ≤ 60 s apart, both inside the polygon. */
export function movingInside(
  fixes: readonly TrackPoint[],
  polygon: MapGeometry['areas'][number]['polygon'],
): number {
  let ms = 0;
  let prevInside = false;
  for (let i = 0; i < fixes.length; i++) {
    const f = fixes[i] as TrackPoint;
    const inside = pointInPolygon(f, polygon);
    if (i > 0 && inside && prevInside) {
      const prev = fixes[i - 1] as TrackPoint;
      const dt = f.at - prev.at;
      if (dt <= maxStepMs && f.speed > movingSpeed) ms += dt;
    }
    prevInside = inside;
  }
  return ms;
}
