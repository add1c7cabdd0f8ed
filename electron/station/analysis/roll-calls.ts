/**
 * Roll calls (点名, issue #17 item 4): at each configured time (hall time, `analysis.rollCalls`)
 * every unit on duty — seen (a fix) in the last `shiftHours` — with its status, the age of its
 * last fix, whether that fix lies in its beat grid, the distance it covered and the must-reach
 * points (fixed, and warned in that span) it reached since the previous roll call, and how long
 * it has been parked. Anomalies: no-fix (last fix older than noFixMinutes), stale-fix (older than
 * staleFixMinutes), outside-grid, parked (within parkedRadiusM for parkedMinutes or more).
 * Kept; announced as 'analysis.rollCall'. A time missed while the station was down is made late
 * only within the hour after it.
 */
import type {
  RollCall,
  RollCallAnomaly,
  RollCallUnit,
  Warning,
} from '../../../shared/contract/analysis';
import type { MapGeometry, TrackPoint, UnitState } from '../../../shared/contract/map';
import { firstReach, haversineM, pointInPolygon } from '../../../shared/domain/geo';
import { formatHhMm, parseHhMm, zonedAt, zonedDate } from '../../../shared/domain/time/hall-time';
import type { AnalysisStore } from '../cache/analysis-store';
import type { PositionStore } from '../cache/position-store';
import type { VigilConfig } from '../config';

/** A configured roll call is still made this long after its time (the station was down). */
export const lateRollCallMs = 3_600_000;
/** Parked for less than this is "moving" (parkedMinutes null). */
const parkedShownMs = 5 * 60_000;

export interface RollCallOptions {
  store: AnalysisStore;
  config: Pick<
    VigilConfig['analysis'],
    | 'rollCalls'
    | 'shiftHours'
    | 'staleFixMinutes'
    | 'noFixMinutes'
    | 'parkedMinutes'
    | 'parkedRadiusM'
  >;
  timeZone: string;
  geometry: () => MapGeometry;
  units: () => UnitState[];
  positions: PositionStore;
  flushPositions?: () => void;
  warnings: (from: number, to: number) => Warning[];
  emit: (rollCall: RollCall) => void;
  now: () => number;
}

/** Minutes the track ends parked: back from its last fix while within radiusM of it. */
export function parkedMs(fixes: readonly TrackPoint[], radiusM: number): number {
  const last = fixes[fixes.length - 1];
  if (!last) return 0;
  let since = last.at;
  for (let i = fixes.length - 2; i >= 0; i--) {
    const f = fixes[i] as TrackPoint;
    if (haversineM(f, last) > radiusM) break;
    since = f.at;
  }
  return last.at - since;
}

export function pathLengthM(fixes: readonly TrackPoint[]): number {
  let d = 0;
  for (let i = 1; i < fixes.length; i++)
    d += haversineM(fixes[i - 1] as TrackPoint, fixes[i] as TrackPoint);
  return d;
}

export class RollCallService {
  constructor(private readonly o: RollCallOptions) {}

  ofDay(day: string): RollCall[] {
    return this.o.store.rollCalls(day);
  }

  /** Configured roll calls being made (day + slot): a slow one is not started twice. */
  private readonly making = new Set<string>();

  /** Makes the configured roll calls that are due and not made yet; returns them. */
  async due(): Promise<RollCall[]> {
    const now = this.o.now();
    const day = zonedDate(now, this.o.timeZone);
    const made: RollCall[] = [];
    for (const slot of this.o.config.rollCalls) {
      const at = zonedAt(day, parseHhMm(slot), this.o.timeZone);
      const key = `${day} ${slot}`;
      if (at > now || now - at > lateRollCallMs || this.making.has(key)) continue;
      if (this.o.store.hasRollCall(day, slot)) continue;
      this.making.add(key);
      try {
        made.push(await this.make(slot, at));
      } finally {
        this.making.delete(key);
      }
    }
    return made;
  }

  /**
   * One roll call at `at` (default now) for `slot` (null: made on demand, its slot the time). A
   * unit's track since the previous roll call is read per unit, one unit per event-loop turn (400
   * units × 6 h at 1 Hz is millions of fixes: nothing else waits on all of them).
   */
  async make(slot: string | null, at = this.o.now()): Promise<RollCall> {
    const c = this.o.config;
    this.o.flushPositions?.();
    const shiftFrom = at - c.shiftHours * 3_600_000;
    const since = Math.max(this.o.store.lastRollCallBefore(at) ?? shiftFrom, shiftFrom);
    const g = this.o.geometry();
    const grids = new Map(g.areas.filter((a) => a.level === 'grid').map((a) => [a.id, a]));
    const states = new Map(this.o.units().map((u) => [u.unitId, u]));
    const warned = this.o.warnings(since, at).filter((w) => w.status !== 'cancelled');
    const units: RollCallUnit[] = [];
    for (const seen of this.o.positions.units()) {
      if (seen.at < shiftFrom) continue; // not on duty
      const state = states.get(seen.unitId);
      const gridId = state?.gridId ?? seen.gridId ?? null;
      const fixes = this.o.positions.track(seen.unitId, since, at);
      const last = fixes[fixes.length - 1] ?? (seen.at <= at ? seen : null);
      const fixAgeS = last === null ? null : Math.max(0, Math.round((at - last.at) / 1000));
      const grid = gridId === null ? undefined : grids.get(gridId);
      const insideGrid = grid && last ? pointInPolygon(last, grid.polygon) : null;
      const points = [
        ...g.mustReachPoints.filter((p) => p.gridId === gridId),
        ...warned.filter(
          (w) => w.gridId === gridId || w.orders.some((o) => o.unitId === seen.unitId),
        ),
      ];
      const pointsReached = points.filter((p) => firstReach(fixes, p, p.radiusM) !== null).length;
      const parked = parkedMs(fixes, c.parkedRadiusM);
      const anomalies: RollCallAnomaly[] = [];
      if (fixAgeS === null || fixAgeS > c.noFixMinutes * 60) anomalies.push('no-fix');
      else if (fixAgeS > c.staleFixMinutes * 60) anomalies.push('stale-fix');
      if (insideGrid === false) anomalies.push('outside-grid');
      if (parked >= c.parkedMinutes * 60_000) anomalies.push('parked');
      units.push({
        unitId: seen.unitId,
        callSign: state?.callSign ?? seen.callSign,
        kind: state?.kind ?? seen.kind ?? null,
        gridId,
        status: state?.status ?? (fixAgeS !== null && fixAgeS <= 600 ? 'available' : 'offline'),
        fixAgeS,
        insideGrid,
        coveredM: Math.round(pathLengthM(fixes)),
        pointsReached,
        parkedMinutes: parked >= parkedShownMs ? Math.round(parked / 60_000) : null,
        anomalies,
      });
      await new Promise((resolve) => setImmediate(resolve));
    }
    units.sort(
      (a, b) =>
        b.anomalies.length - a.anomalies.length || a.callSign.localeCompare(b.callSign, 'zh-CN'),
    );
    const day = zonedDate(at, this.o.timeZone);
    const hhmm = formatHhMm(at, this.o.timeZone);
    const rollCall: RollCall = {
      id: `RC-${day}-${slot ?? hhmm}-${at}`,
      day,
      slot: slot ?? hhmm,
      at,
      sinceMs: since,
      units,
      onDuty: units.length,
      withAnomalies: units.filter((u) => u.anomalies.length > 0).length,
    };
    this.o.store.putRollCall(rollCall);
    this.o.emit(rollCall);
    return rollCall;
  }
}
