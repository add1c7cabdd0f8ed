/**
 * Weekly unit scores and the monthly patrol star (issue #17 item 5). Per unit, from its tracks
 * (read a day at a time, within its beat grid's box widened 500 m, like the daily compliance
 * review) and its work, each part a measure and 0…100 points by a rule anyone can check:
 *
 * - lines: the length-weighted share of its beat's must-patrol lines within 30 m of its fixes
 *   (sampled every 10 m), the mean over its days on duty (days with a fix); points = share × 100.
 * - points: the share of its beat's must-reach points reached (a fix within the point's radius),
 *   the mean over its days on duty; points = share × 100.
 * - warnings: visits that count ÷ warnings sent to it (window in the week); points = ratio × 100.
 * - patrolHours: hours moving inside its beat grid (a fix over 1 m/s inside it counts the time
 *   since the previous fix, at most 60 s); points =
 *   hours ÷ `analysis.score.patrolHoursTarget` × 100, at most 100.
 * - incidents: incidents it handled (dispatch orders to it, history incidents naming it);
 *   points = count ÷ the most any unit of its zone handled × 100.
 * - ackTime: the median seconds from order to acknowledgement (this station's dispatch orders; for
 *   the platform's history incidents naming the unit, from the report); 100 points at ≤ 60 s,
 *   falling linearly to 0 at 600 s.
 * - arrivalTime: the median seconds to arrival, the same way; 100 at ≤ 300 s, 0 at ≥ 1800 s.
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
import type {
  MapGeometry,
  MustPatrolLine,
  MustReachPoint,
  UnitState,
} from '../../../shared/contract/map';
import { pointInPolygon, ringBounds, widenBounds } from '../../../shared/domain/geo';
import { addDays } from '../../../shared/domain/health/expected-time';
import { addMonths, mondayOfDate } from '../../../shared/domain/analysis/periods';
import { isDate, zonedAt, zonedDate } from '../../../shared/domain/time/hall-time';
import { VigilError } from '../../../shared/result';
import type { AnalysisStore, OrderTimes } from '../cache/analysis-store';
import type { PositionStore, TrackColumns } from '../cache/position-store';
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

  /** Weeks being computed: asked twice meanwhile, computed once. */
  private readonly computing = new Map<string, Promise<WeeklyScores>>();

  /**
   * The week's scores: kept ones as kept; else computed one unit per event-loop turn (a unit's
   * days not measured yet cost ~0.1 s each) and kept once the week has ended.
   */
  async week(weekStart: string): Promise<WeeklyScores> {
    if (!isDate(weekStart)) throw new VigilError('bad-input', `not a day: ${weekStart}`);
    const monday = mondayOfDate(weekStart);
    const kept = this.o.store.scores(monday);
    if (kept) return kept;
    let p = this.computing.get(monday);
    if (!p) {
      const from = zonedAt(monday, 0, this.o.timeZone);
      const to = zonedAt(addDays(monday, 7), 0, this.o.timeZone);
      p = this.compute(monday, from, to)
        .then((scores) => {
          if (to <= this.o.now() && !scores.noData) this.o.store.putScores(scores, this.o.now());
          return scores;
        })
        .finally(() => this.computing.delete(monday));
      this.computing.set(monday, p);
    }
    return p;
  }

  async star(month: string): Promise<PatrolStar> {
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
      const w = await this.week(d);
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

  private async compute(weekStart: string, from: number, to: number): Promise<WeeklyScores> {
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
      if (!this.o.positions.hasTrack(seen.unitId, from, to - 1)) continue;
      const state = states.get(seen.unitId);
      const gridId = state?.gridId ?? seen.gridId ?? null;
      const grid = gridId === null ? undefined : grids.get(gridId);
      const m = grid ? this.measure(seen.unitId, grid, g, days) : null;
      if (grid) await new Promise((resolve) => setImmediate(resolve));
      const lines = grid ? g.mustPatrolLines.filter((l) => l.gridId === grid.id) : [];
      const points = grid ? g.mustReachPoints.filter((p) => p.gridId === grid.id) : [];
      const mine = orders.filter((o) => o.unitId === seen.unitId);
      const handled = new Set(mine.map((o) => o.incidentId));
      // Times: this station's orders (from the order); the platform's other incidents naming the
      // unit (from the report, as the history knows them).
      const acks = mine.flatMap((o) =>
        o.acknowledgedAt === null ? [] : [(o.acknowledgedAt - o.orderedAt) / 1000],
      );
      const arrivals = mine.flatMap((o) =>
        o.arrivedAt === null ? [] : [(o.arrivedAt - o.orderedAt) / 1000],
      );
      for (const i of history) {
        if (!i.unitIds.includes(seen.unitId) || handled.has(i.id)) continue;
        handled.add(i.id);
        if (i.acknowledgedAt !== null) acks.push((i.acknowledgedAt - i.reportedAt) / 1000);
        if (i.arrivedAt !== null) arrivals.push((i.arrivedAt - i.reportedAt) / 1000);
      }
      const sent = warnings.filter((w) => w.orders.some((o) => o.unitId === seen.unitId));
      const kept = sent.filter((w) =>
        w.visits.some((v) => v.unitId === seen.unitId && v.counts),
      ).length;
      const ack = median(acks);
      const arrival = median(arrivals);
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

  /**
   * Measures yesterday for every unit with a beat, one unit per turn of the event loop (each a
   * day of 1 Hz fixes, ~0.1 s), so the weekly scores find their days kept. Returns how many.
   */
  async measureDayBefore(): Promise<number> {
    const today = zonedDate(this.o.now(), this.o.timeZone);
    const day = addDays(today, -1);
    const span = {
      start: zonedAt(day, 0, this.o.timeZone),
      end: zonedAt(today, 0, this.o.timeZone),
    };
    const g = this.o.geometry();
    const grids = new Map(g.areas.filter((a) => a.level === 'grid').map((a) => [a.id, a]));
    let n = 0;
    for (const u of this.o.units()) {
      const grid = u.gridId === undefined ? undefined : grids.get(u.gridId);
      if (!grid || this.o.store.unitDay(u.unitId, span.start, grid.id)) continue;
      this.measure(u.unitId, grid, g, [span]);
      n++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return n;
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
    const bounds = ringBounds(grid.polygon);
    const box = widenBounds(bounds, marginM);
    const m: TrackMeasures = { daysOnDuty: 0, lineShareSum: 0, pointShareSum: 0, movingMs: 0 };
    const now = this.o.now();
    for (const day of days) {
      // A past day is measured once and kept; today (and later) is measured as asked.
      let d = day.end <= now ? this.o.store.unitDay(unitId, day.start, grid.id) : null;
      if (d === null) {
        d = { onDuty: false, lineShare: 0, pointShare: 0, movingMs: 0 };
        if (this.o.positions.hasTrack(unitId, day.start, day.end - 1)) {
          d.onDuty = true;
          const fixes = this.o.positions.trackColumnsInBox(unitId, day.start, day.end - 1, box);
          if (fixes.length > 0)
            d = { onDuty: true, ...measureDay(fixes, lines, points, grid.polygon, bounds) };
        }
        if (day.end <= now) this.o.store.putUnitDay(unitId, day.start, grid.id, d);
      }
      if (!d.onDuty) continue;
      m.daysOnDuty++;
      m.lineShareSum += d.lineShare;
      m.pointShareSum += d.pointShare;
      m.movingMs += d.movingMs;
    }
    return m;
  }
}

/** Line samples every this many metres; a sample is covered by a fix within lineCorridorM. */
const sampleStepM = 10;

/**
 * One day of a unit's fixes in its beat: the share of the lines' length covered (a 10 m sample
 * is covered when a fix lies within 30 m of it: at 1 Hz fixes are at most ~20 m apart at
 * 72 km/h), the share of the points reached (a fix within the point's radius), and the time
 * moving inside the grid (each fix over 1 m/s inside it counts the time since the previous fix,
 * if at most 60 s). One pass over the fixes, in a flat frame around the grid.
 */
export function measureDay(
  fixes: TrackColumns,
  lines: readonly MustPatrolLine[],
  points: readonly MustReachPoint[],
  polygon: MapGeometry['areas'][number]['polygon'],
  bounds: { south: number; west: number; north: number; east: number },
): { lineShare: number; pointShare: number; movingMs: number } {
  const lat0 = (bounds.south + bounds.north) / 2;
  const lng0 = (bounds.west + bounds.east) / 2;
  const ky = 111_195;
  const kx = ky * Math.cos((lat0 * Math.PI) / 180);
  // Line samples in a hash of corridor-sized cells.
  const sx: number[] = [];
  const sy: number[] = [];
  const sw: number[] = [];
  let totalM = 0;
  for (const l of lines) {
    for (let i = 1; i < l.path.length; i++) {
      const [alng, alat] = l.path[i - 1] as [number, number];
      const [blng, blat] = l.path[i] as [number, number];
      const ax = (alng - lng0) * kx;
      const ay = (alat - lat0) * ky;
      const bx = (blng - lng0) * kx;
      const by = (blat - lat0) * ky;
      const len = Math.hypot(bx - ax, by - ay);
      const n = Math.max(1, Math.ceil(len / sampleStepM));
      for (let k = 0; k < n; k++) {
        const t = (k + 0.5) / n;
        sx.push(ax + (bx - ax) * t);
        sy.push(ay + (by - ay) * t);
        sw.push(len / n);
      }
      totalM += len;
    }
  }
  const cellOf = (x: number, y: number): number =>
    Math.floor(x / lineCorridorM) * 1_000_003 + Math.floor(y / lineCorridorM);
  const cells = new Map<number, number[]>();
  for (let k = 0; k < sx.length; k++) {
    const key = cellOf(sx[k] as number, sy[k] as number);
    const list = cells.get(key);
    if (list) list.push(k);
    else cells.set(key, [k]);
  }
  const covered = new Uint8Array(sx.length);
  const px = points.map((p) => (p.lng - lng0) * kx);
  const py = points.map((p) => (p.lat - lat0) * ky);
  const reached = new Uint8Array(points.length);
  const c2 = lineCorridorM * lineCorridorM;
  let movingMs = 0;
  let lastX = NaN;
  let lastY = NaN;
  for (let i = 0; i < fixes.length; i++) {
    const lat = fixes.lat[i] as number;
    const lng = fixes.lng[i] as number;
    const x = (lng - lng0) * kx;
    const y = (lat - lat0) * ky;
    if (i > 0 && (fixes.speed[i] as number) > movingSpeed) {
      const dt = (fixes.at[i] as number) - (fixes.at[i - 1] as number);
      if (
        dt <= maxStepMs &&
        lat >= bounds.south &&
        lat <= bounds.north &&
        lng >= bounds.west &&
        lng <= bounds.east &&
        pointInPolygon({ lat, lng }, polygon)
      ) {
        movingMs += dt;
      }
    }
    // A parked unit's repeated fixes cover nothing new.
    if (Math.abs(x - lastX) < 1 && Math.abs(y - lastY) < 1) continue;
    lastX = x;
    lastY = y;
    for (let p = 0; p < px.length; p++) {
      const dx = x - (px[p] as number);
      const dy = y - (py[p] as number);
      if (dx * dx + dy * dy <= (points[p] as MustReachPoint).radiusM ** 2) reached[p] = 1;
    }
    if (sx.length === 0) continue;
    const cx = Math.floor(x / lineCorridorM);
    const cy = Math.floor(y / lineCorridorM);
    for (let ddx = -1; ddx <= 1; ddx++) {
      for (let ddy = -1; ddy <= 1; ddy++) {
        const list = cells.get((cx + ddx) * 1_000_003 + cy + ddy);
        if (!list) continue;
        for (const k of list) {
          if (covered[k]) continue;
          const dx = x - (sx[k] as number);
          const dy = y - (sy[k] as number);
          if (dx * dx + dy * dy <= c2) covered[k] = 1;
        }
      }
    }
  }
  let coveredM = 0;
  for (let k = 0; k < sx.length; k++) if (covered[k]) coveredM += sw[k] as number;
  return {
    lineShare: totalM > 0 ? Math.min(1, coveredM / totalM) : 0,
    pointShare: points.length > 0 ? reached.reduce((a, b) => a + b, 0) / points.length : 0,
    movingMs,
  };
}
