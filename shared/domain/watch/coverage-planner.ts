/**
 * The coverage planner: who looks at which cameras so that every camera is seen at least once per
 * period, focus cameras more often, with the work spread evenly over the watchers on shift.
 *
 * The plan, and its guarantee:
 * 1. Cameras are ordered geographically: by zone, by grid, then in a serpentine over latitude
 *    bands inside the grid, so a tour walks a place rather than jumping across the county.
 * 2. Each camera costs `visits × stopDwellMs` (1 visit; `focusVisits` for focus cameras). The
 *    ordered list is cut into W contiguous parts at the multiples of total/W, so every part's load
 *    is within one camera's cost of the mean: max − min ≤ 2 × the largest camera cost.
 * 3. A watcher's tour is its cameras once in order, then its focus cameras again (focusVisits − 1
 *    more passes). The tour repeats; one cycle takes the part's load. When every cycle fits in the
 *    period (`feasible`), every camera is seen at least once per period and a focus camera
 *    `focusVisits` times per period.
 * O(n log n) for the sort, O(n) for the rest.
 */
import type { StopOutcome } from './tour-run';

export interface PlannerCamera {
  id: string;
  gridId: string;
  zoneId: string;
  lat: number;
  lng: number;
  /** Focus cameras (重点) are seen `focusVisits` times per period. */
  focus: boolean;
}

export interface PlannerOptions {
  periodMs: number;
  watchers: readonly string[];
  /** Time a watcher spends on one stop, ms. */
  stopDwellMs: number;
  /** Visits per period of a focus camera (≥ 1). */
  focusVisits: number;
}

export interface PlannedTour {
  watcher: string;
  /** Stops in walking order; a focus camera appears focusVisits times. */
  cameraIds: string[];
  /** Distinct cameras this watcher covers. */
  cameraCount: number;
  /** Time for one cycle of the tour, ms. */
  cycleMs: number;
  zones: string[];
}

export interface CoveragePlan {
  tours: PlannedTour[];
  /** True when every watcher's cycle fits in the period (the guarantee holds). */
  feasible: boolean;
  periodMs: number;
  maxCycleMs: number;
  minCycleMs: number;
  /** Cycle length the period allows per watcher if evenly spread: total load / watchers. */
  meanCycleMs: number;
  cameraCount: number;
  /**
   * Stops in all tours: every camera once, plus each focus camera focusVisits − 1 more times
   * (26,000 cameras with 670 checkpoints, 2 visits: 26,670 stops). The desk says so.
   */
  stopCount: number;
  /** Focus cameras (checkpoints, pinned, or as asked) and how many times each is visited. */
  focusCount: number;
  focusVisits: number;
}

export function planCoverage(
  cameras: readonly PlannerCamera[],
  options: PlannerOptions,
): CoveragePlan {
  const { watchers, stopDwellMs, periodMs } = options;
  const focusVisits = Math.max(1, Math.floor(options.focusVisits));
  const w = watchers.length;
  if (w === 0) throw new Error('coverage plan: no watchers on shift');
  const ordered = geographicOrder(cameras);
  const cost = (c: PlannerCamera): number => (c.focus ? focusVisits : 1) * stopDwellMs;
  let total = 0;
  for (const c of ordered) total += cost(c);
  const mean = total / w;

  const tours: PlannedTour[] = [];
  let i = 0;
  let cumulative = 0;
  for (let k = 0; k < w; k++) {
    const boundary = k === w - 1 ? Infinity : mean * (k + 1);
    const part: PlannerCamera[] = [];
    // Take cameras while the part's end stays nearer the boundary than stopping short would.
    while (i < ordered.length) {
      const c = ordered[i] as PlannerCamera;
      const after = cumulative + cost(c);
      if (after > boundary && after - boundary > boundary - cumulative) break;
      part.push(c);
      cumulative = after;
      i++;
    }
    tours.push(tourOf(watchers[k] as string, part, focusVisits, stopDwellMs));
  }
  let maxCycleMs = 0;
  let minCycleMs = Infinity;
  for (const t of tours) {
    maxCycleMs = Math.max(maxCycleMs, t.cycleMs);
    minCycleMs = Math.min(minCycleMs, t.cycleMs);
  }
  return {
    tours,
    feasible: maxCycleMs <= periodMs,
    periodMs,
    maxCycleMs,
    minCycleMs,
    meanCycleMs: mean,
    cameraCount: cameras.length,
    stopCount: tours.reduce((n, t) => n + t.cameraIds.length, 0),
    focusCount: cameras.reduce((n, c) => n + (c.focus ? 1 : 0), 0),
    focusVisits,
  };
}

function tourOf(
  watcher: string,
  part: readonly PlannerCamera[],
  focusVisits: number,
  stopDwellMs: number,
): PlannedTour {
  const cameraIds = part.map((c) => c.id);
  const focus = part.filter((c) => c.focus).map((c) => c.id);
  for (let v = 1; v < focusVisits; v++) cameraIds.push(...focus);
  const zones = [...new Set(part.map((c) => c.zoneId))];
  return {
    watcher,
    cameraIds,
    cameraCount: part.length,
    cycleMs: cameraIds.length * stopDwellMs,
    zones,
  };
}

/** Zone, grid, then a serpentine over ~100 m latitude bands (west→east, east→west …). */
export function geographicOrder(cameras: readonly PlannerCamera[]): PlannerCamera[] {
  const band = (c: PlannerCamera): number => Math.floor(c.lat * 1000);
  return [...cameras].sort((a, b) => {
    if (a.zoneId !== b.zoneId) return a.zoneId < b.zoneId ? -1 : 1;
    if (a.gridId !== b.gridId) return a.gridId < b.gridId ? -1 : 1;
    const ba = band(a);
    const bb = band(b);
    if (ba !== bb) return ba - bb;
    return ba % 2 === 0 ? a.lng - b.lng : b.lng - a.lng;
  });
}

// ---------------------------------------------------------------------------------------------
// The coverage report: which cameras were not seen within the period
// ---------------------------------------------------------------------------------------------

export interface SeenRecord {
  cameraId: string;
  outcome: StopOutcome;
  at: number;
}

export interface AreaCoverage {
  id: string;
  total: number;
  seen: number;
  unseen: number;
}

export interface CoverageReport {
  /** The period looked back on: [from, to). */
  from: number;
  to: number;
  cameraCount: number;
  seenCount: number;
  /** Cameras with no normal/abnormal/faulty mark in the period (a missed stop is not seen). */
  unseen: string[];
  grids: AreaCoverage[];
  zones: AreaCoverage[];
}

export function coverageReport(
  cameras: readonly Pick<PlannerCamera, 'id' | 'gridId' | 'zoneId'>[],
  records: Iterable<SeenRecord>,
  now: number,
  periodMs: number,
): CoverageReport {
  const from = now - periodMs;
  const seen = new Set<string>();
  for (const r of records) {
    if (r.outcome !== 'missed' && r.at >= from && r.at <= now) seen.add(r.cameraId);
  }
  const grids = new Map<string, AreaCoverage>();
  const zones = new Map<string, AreaCoverage>();
  const unseen: string[] = [];
  const bump = (map: Map<string, AreaCoverage>, id: string, isSeen: boolean): void => {
    let a = map.get(id);
    if (!a) map.set(id, (a = { id, total: 0, seen: 0, unseen: 0 }));
    a.total++;
    if (isSeen) a.seen++;
    else a.unseen++;
  };
  let seenCount = 0;
  for (const c of cameras) {
    const isSeen = seen.has(c.id);
    if (isSeen) seenCount++;
    else unseen.push(c.id);
    bump(grids, c.gridId, isSeen);
    bump(zones, c.zoneId, isSeen);
  }
  const byId = (a: AreaCoverage, b: AreaCoverage): number =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return {
    from,
    to: now,
    cameraCount: cameras.length,
    seenCount,
    unseen,
    grids: [...grids.values()].sort(byId),
    zones: [...zones.values()].sort(byId),
  };
}
