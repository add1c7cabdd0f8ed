/**
 * Analysis at the desk (issue #17): the "three highs" products (日研判 / 周分析 / 月调度) from the
 * incident history, warnings to units (预警指令) with their visits measured from the tracks, the
 * three daily roll calls (点名), weekly unit scores with their parts shown, and the monthly patrol
 * star (巡防之星). Methods are spread into `methods` in shared/api.ts; payloads in
 * AnalysisEventPayloads become streams. Roles: contract/access.ts.
 *
 * Days, weeks (Monday first) and months are the hall's (station.timeZone). A period with no
 * history covered says so (`noData`), never "0 incidents".
 */
import { z } from 'zod';
import { both, deskOnly, method, wallIdSchema } from './method';
import type { UnitKind } from './platform';

export const productKinds = ['daily', 'weekly', 'monthly'] as const;
export type ProductKind = (typeof productKinds)[number];

export interface CategoryCount {
  category: string;
  count: number;
  /** The comparison period's count (the first comparison), null: no data there. */
  prev: number | null;
  /** (count − prev) ÷ prev; null when prev is null or 0. */
  change: number | null;
}

export interface AreaCount {
  areaId: string;
  name: string;
  level: 'zone' | 'grid';
  count: number;
  prev: number | null;
  change: number | null;
}

/** A hex of the hot-spot grid with its Getis-Ord Gi* statistic. */
export interface HexCell {
  /** Stable id of the cell in the district's hex grid ("q,r"). */
  id: string;
  /** Its centre. */
  lat: number;
  lng: number;
  count: number;
  /** Gi* z-score. */
  z: number;
  /** Confidence it is a hot (z > 0) or cold (z < 0) spot after FDR correction, null: none. */
  confidence: 90 | 95 | 99 | null;
  /** The grid it lies in (for warnings), null outside every grid. */
  gridId: string | null;
}

/** A kernel density surface, row-major from the north-west corner, incidents per km². */
export interface KdeSurface {
  south: number;
  west: number;
  north: number;
  east: number;
  rows: number;
  cols: number;
  cellM: number;
  bandwidthM: number;
  values: number[];
  max: number;
}

/** A burglary-type incident with others near it in space and time (near-repeat warning). */
export interface NearRepeat {
  incidentId: string;
  number: string;
  category: string;
  lat: number;
  lng: number;
  at: number;
  near: { incidentId: string; number: string; distanceM: number; days: number }[];
}

export interface ProductComparison {
  /** What it is: 'prev' (the day / week / month before; for daily, the same day last week),
   * 'mean28' (daily: the mean of the last 28 days), 'mean4' (weekly: of the last 4 weeks),
   * 'lastYear' (monthly: the same month a year before). The desk words it. */
  key: 'prev' | 'mean28' | 'mean4' | 'lastYear';
  from: number;
  to: number;
  /** Incidents (a mean for mean28 / mean4), null: no data. */
  total: number | null;
}

export interface AnalysisProduct {
  kind: ProductKind;
  /** '2026-12-02' (daily), '2026-11-30' (weekly: its Monday), '2026-11' (monthly). */
  label: string;
  from: number;
  to: number;
  generatedAt: number;
  /** Filtered to an area (zone or grid), null: the whole station. */
  areaId: string | null;
  total: number;
  comparisons: ProductComparison[];
  categories: CategoryCount[];
  /** Hour × weekday (7 rows Monday first, 24 columns, hall time), aoristic weights summing to total. */
  heat: number[][];
  /** Zones then grids, by count descending. */
  areas: AreaCount[];
  hexSizeM: number;
  /** Only cells with incidents or a significant statistic. */
  hexes: HexCell[];
  kde: KdeSurface | null;
  nearRepeats: NearRepeat[];
  /** Nothing of the period is covered by the history: the product says so. */
  noData: boolean;
  /** How long the computation took in the worker, ms. */
  computeMs: number;
}

export interface HistoryStatus {
  incidents: number;
  /** The oldest and newest incident kept, null: none. */
  from: number | null;
  to: number | null;
  /** The platform's history (import) reached back to here, null: never imported. */
  coveredFrom: number | null;
  lastImportAt: number | null;
  /** What the last import did or why it failed. */
  lastImport: string | null;
}

export const warningStatuses = ['scheduled', 'open', 'done', 'missed', 'cancelled'] as const;
export type WarningStatus = (typeof warningStatuses)[number];

/** A unit's visit to a warning's place (from its track). */
export interface WarningVisit {
  unitId: string;
  callSign: string;
  arrivedAt: number;
  leftAt: number;
  minutes: number;
  /** Within the window, and stayed at least the minimum. */
  counts: boolean;
}

/** 预警指令: a place and a time window the units of a grid must visit, and who did. */
export interface Warning {
  id: string;
  name: string;
  lat: number;
  lng: number;
  radiusM: number;
  gridId: string;
  zoneId: string | null;
  windowStart: number;
  windowEnd: number;
  stopMinMinutes: number;
  stopMaxMinutes: number;
  note: string;
  /** The product and cell it came from, when it did. */
  source: { productLabel: string; hexId: string } | null;
  by: string;
  at: number;
  /** The units it was sent to and where each order stands. */
  orders: { unitId: string; callSign: string; state: 'queued' | 'sent' | 'refused' }[];
  visits: WarningVisit[];
  status: WarningStatus;
}

export const rollCallAnomalies = ['no-fix', 'stale-fix', 'outside-grid', 'parked'] as const;
export type RollCallAnomaly = (typeof rollCallAnomalies)[number];

export interface RollCallUnit {
  unitId: string;
  callSign: string;
  kind: UnitKind | null;
  /** The grid it patrols (its beat), null: not known. */
  gridId: string | null;
  status: 'available' | 'busy' | 'offline';
  /** Age of its last fix at the roll call, s; null: never seen. */
  fixAgeS: number | null;
  insideGrid: boolean | null;
  /** Distance travelled since the previous roll call, m. */
  coveredM: number;
  /** Must-reach points (fixed and warned) reached since the previous roll call. */
  pointsReached: number;
  /** Parked (not moved beyond 50 m) for this long at the roll call, minutes; null: moving. */
  parkedMinutes: number | null;
  anomalies: RollCallAnomaly[];
}

/** 点名: one of the day's three roll calls. */
export interface RollCall {
  id: string;
  /** The configured time it was for (hall time, HH:mm) and the day. */
  day: string;
  slot: string;
  at: number;
  /** Since when `coveredM` and `pointsReached` count (the previous roll call). */
  sinceMs: number;
  units: RollCallUnit[];
  onDuty: number;
  withAnomalies: number;
}

/** One part of a unit's score: the measure, the points it earned, and the weight it has. */
export interface ScorePart {
  /** 'lines' | 'points' | 'warnings' | 'patrolHours' | 'incidents' | 'ackTime' | 'arrivalTime'. */
  key: string;
  /** The raw measure (fraction covered, hours, count, median seconds; null: nothing to measure). */
  value: number | null;
  /** 0…100 for this part. */
  points: number;
  /** From the config's formula (weights sum to 1). */
  weight: number;
}

export interface UnitScore {
  unitId: string;
  callSign: string;
  kind: UnitKind | null;
  gridId: string | null;
  zoneId: string | null;
  /** 0…100 = Σ weight × points. */
  total: number;
  parts: ScorePart[];
  /** Rank within its zone, 1 = best. */
  rank: number;
}

export interface WeeklyScores {
  weekStart: string;
  from: number;
  to: number;
  /** The formula's parts and weights as configured (`analysis.score`), for the desk to explain. */
  formula: { key: string; weight: number }[];
  units: UnitScore[];
  noData: boolean;
}

/** 巡防之星: the best unit of each zone for a month (the mean of its weekly scores). */
export interface PatrolStar {
  month: string;
  zones: {
    zoneId: string;
    name: string;
    unitId: string | null;
    callSign: string | null;
    score: number | null;
    weeks: number;
  }[];
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD');
const month = z.string().regex(/^\d{4}-\d{2}$/, 'a month is YYYY-MM');
const ms = z.number().int().min(0);

export const WarnInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    radiusM: z.number().min(10).max(2000).default(150),
    gridId: z.string().min(1).max(64),
    windowStart: ms,
    windowEnd: ms,
    stopMinMinutes: z.number().int().min(1).max(240).default(10),
    stopMaxMinutes: z.number().int().min(1).max(240).default(15),
    note: z.string().trim().max(2000).default(''),
    source: z
      .strictObject({ productLabel: z.string().max(50), hexId: z.string().max(50) })
      .optional(),
  })
  .refine((w) => w.windowEnd > w.windowStart, {
    message: 'the window ends after it starts',
    path: ['windowEnd'],
  })
  .refine((w) => w.stopMaxMinutes >= w.stopMinMinutes, {
    message: 'the longest stop is not shorter than the shortest',
    path: ['stopMaxMinutes'],
  });

/**
 * A product pinned to a wall as a full-screen dashboard (issue #17 item 6): its kind, its day
 * (absent: the latest full period, rolling to the next when it ends) and its area (absent: the
 * whole station). Set by the desk with `wall.setLayout` `{ kind: 'product', product }`.
 */
export const ProductPinSchema = z.strictObject({
  kind: z.enum(productKinds),
  date: day.optional(),
  areaId: z.string().min(1).max(64).optional(),
});
export type ProductPin = z.infer<typeof ProductPinSchema>;

export const analysisMethods = {
  /** A product over the day / week (its Monday) / month (YYYY-MM-01) `date`; default: the last full one. */
  'analysis.product': method<AnalysisProduct>()(
    z.strictObject({
      kind: z.enum(productKinds),
      date: day.optional(),
      areaId: z.string().min(1).max(64).optional(),
    }),
    deskOnly,
  ),
  'analysis.history': method<HistoryStatus>()(z.strictObject({}), deskOnly),
  /**
   * The product a wall shows (its layout's pin), for that wall's window: only what the dashboard
   * draws (no density surface, no near-repeat incidents). A wall showing no product: not-found.
   */
  'analysis.wallProduct': method<AnalysisProduct>()(z.strictObject({ wallId: wallIdSchema }), both),
  /**
   * Imports a platform's export (CSV, UTF-8, header row; columns in docs/protocol.md §10). A file
   * with a bad row is refused whole, naming the line and column; the history is left untouched.
   */
  'analysis.importCsv': method<{ imported: number; replaced: number }>()(
    z.strictObject({
      name: z.string().max(300).default(''),
      csv: z.string().min(1).max(64_000_000),
    }),
    deskOnly,
  ),
  /** Sends a warning to the units of its grid (through the outbox, as orders). */
  'analysis.warn': method<Warning>()(WarnInputSchema, deskOnly),
  'analysis.cancelWarning': method<Warning>()(
    z.strictObject({ id: z.string().min(1).max(100) }),
    deskOnly,
  ),
  /** Warnings whose window touches the hall day `date` (default: today), with their visits. */
  'analysis.warnings': method<Warning[]>()(z.strictObject({ date: day.optional() }), deskOnly),
  /** The roll calls of the hall day `date` (default today), oldest first. */
  'analysis.rollCalls': method<RollCall[]>()(z.strictObject({ date: day.optional() }), deskOnly),
  /** A roll call made now, besides the configured three (kept, announced like them). */
  'analysis.rollCallNow': method<RollCall>()(z.strictObject({}), deskOnly),
  /** The week's scores (its Monday; default: the last full week). */
  'analysis.scores': method<WeeklyScores>()(
    z.strictObject({ weekStart: day.optional() }),
    deskOnly,
  ),
  /** The month's patrol star per zone (default: the last full month). */
  'analysis.star': method<PatrolStar>()(z.strictObject({ month: month.optional() }), deskOnly),
} as const;

export interface AnalysisEventPayloads {
  'analysis.warning': Warning;
  'analysis.rollCall': RollCall;
  'analysis.history': HistoryStatus;
}
export const analysisStreams = [
  'analysis.warning',
  'analysis.rollCall',
  'analysis.history',
] as const;
