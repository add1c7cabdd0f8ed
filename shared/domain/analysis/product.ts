/**
 * The analysis products (issue #17 item 2), pure: 日研判 / 周分析 / 月调度 over an incident
 * history — totals and change by category, the hour × weekday heat table with aoristic spreading,
 * areas ranked by count and change, hot spots (KDE surface, hex grid with Getis-Ord Gi* and FDR),
 * near-repeat warnings. The core runs it in a worker (electron/station/analysis); tests and the
 * benchmark call it directly. The statistics live beside it in this folder:
 * periods.ts (spans and comparisons), aoristic.ts (heat table), areas.ts (grid and zone of an
 * incident), hex-grid.ts + gi-star.ts (hot-spot hexes, FDR), kde.ts, near-repeat.ts.
 *
 * An incident belongs to a period by its `reportedAt` (as the platform's history query selects
 * it), also when it is known only by a window: its window (which may begin before the period)
 * only spreads its weight over the heat table's hours, so the table sums to the total.
 * Hexes count the period's incidents inside the bounds; with an area filter the Gi* study area is
 * the hexes whose centre lies in the area's grids (the district's whole grid without one).
 * Near-repeats are warned for the filtered period's incidents, with earlier neighbours from all
 * areas (a burglar does not stop at a grid's edge).
 */
import type {
  AnalysisProduct,
  AreaCount,
  CategoryCount,
  HexCell,
  ProductComparison,
  ProductKind,
} from '../../contract/analysis';
import { checkTimeZone } from '../health/expected-time';
import { addAoristic, heatRows, offsetCache } from './aoristic';
import type { LatLng } from '../geo/lat-lng';
import { ringBounds } from '../geo/polygon';
import { areaIndex, type AreaIndex } from './areas';
import { benjaminiHochberg, confidenceOf, giStar, twoSidedP, type Neighbourhoods } from './gi-star';
import { hexDirections, hexGrid, hexId, type HexGrid } from './hex-grid';
import { kdeSurface } from './kde';
import { nearRepeats } from './near-repeat';
import { comparisonSpans, comparisonTotal, periodSpan } from './periods';

/** What the products need of an incident (the station's history rows). */
export interface ProductIncident {
  id: string;
  number: string;
  category: string;
  lat: number;
  lng: number;
  reportedAt: number;
  /** Known only by a window (aoristic): both or neither. */
  windowStart?: number;
  windowEnd?: number;
  gridId: string | null;
  zoneId: string | null;
}

export interface ProductArea {
  id: string;
  name: string;
  level: 'region' | 'zone' | 'grid';
  parentId: string | null;
  /** The grid's polygon ([lng, lat] ring), for hexes' grid and clipping; absent for zones. */
  ring?: [number, number][];
}

export interface ProductInput {
  kind: ProductKind;
  /** The day, the week's Monday or the month's first day (hall time), YYYY-MM-DD. */
  date: string;
  timeZone: string;
  /** Every incident the comparisons need (the period and the ones before it), any order. */
  incidents: readonly ProductIncident[];
  areas: readonly ProductArea[];
  /** The start of the history the station holds, null: none (→ noData). */
  coveredFrom: number | null;
  /** Only this zone or grid, null: the whole station. */
  areaId: string | null;
  /** The district's extent (the hex grid and the KDE surface cover it). */
  bounds: { south: number; west: number; north: number; east: number };
  generatedAt: number;
  /** Hex size (centre to centre), m; default 250. KDE cell and bandwidth, m. */
  hexSizeM?: number;
  kdeCellM?: number;
  kdeBandwidthM?: number;
  /** Categories that count as burglary-type for near-repeat (default ['盗窃', '入室盗窃']). */
  nearRepeatCategories?: readonly string[];
  /** Near-repeat: within this distance and this many days (default 200 m, 14 days). */
  nearRepeatM?: number;
  nearRepeatDays?: number;
}

/**
 * The span [from, to) of the product's period (hall time) and its label. A weekly or monthly
 * `date` may be any day of the week or month. Comparisons: periods.ts `comparisonSpans`.
 */
export function productPeriod(
  kind: ProductKind,
  date: string,
  timeZone: string,
): { from: number; to: number; label: string } {
  return periodSpan(kind, date, timeZone);
}

export const productDefaults = {
  hexSizeM: 250,
  kdeCellM: 100,
  kdeBandwidthM: 300,
  nearRepeatCategories: ['盗窃', '入室盗窃'] as readonly string[],
  nearRepeatM: 200,
  nearRepeatDays: 14,
};

const dayMs = 86_400_000;
const ratio = (count: number, prev: number | null): number | null =>
  prev === null || prev === 0 ? null : (count - prev) / prev;

interface Placed {
  i: ProductIncident;
  gridId: string | null;
  zoneId: string | null;
}

/** Everything of one product (computeMs left 0: the worker measures it). */
export function computeProduct(input: ProductInput): AnalysisProduct {
  checkTimeZone(input.timeZone);
  const o = { ...productDefaults, ...definedOnly(input) };
  // The settings are checked before anything (also for a period with no data).
  hexGrid(input.bounds, o.hexSizeM);
  for (const [name, v] of [
    ['kdeCellM', o.kdeCellM],
    ['kdeBandwidthM', o.kdeBandwidthM],
    ['nearRepeatM', o.nearRepeatM],
    ['nearRepeatDays', o.nearRepeatDays],
  ] as const) {
    if (!(v > 0)) throw new Error(`${name} is more than 0: ${v}`);
  }
  const period = productPeriod(input.kind, input.date, input.timeZone);
  const spans = comparisonSpans(input.kind, input.date, input.timeZone);
  const areas = areaIndex(input.areas);
  if (input.areaId !== null && !areas.byId.has(input.areaId)) {
    throw new Error(`no such area: ${input.areaId}`);
  }
  const noData = input.coveredFrom === null || input.coveredFrom >= period.to;
  const base = {
    kind: input.kind,
    label: period.label,
    from: period.from,
    to: period.to,
    generatedAt: input.generatedAt,
    areaId: input.areaId,
    hexSizeM: o.hexSizeM,
    computeMs: 0,
  };
  if (noData) {
    return {
      ...base,
      total: 0,
      comparisons: spans.map((c) => ({ key: c.key, from: c.from, to: c.to, total: null })),
      categories: [],
      heat: Array.from({ length: 7 }, () => new Array<number>(24).fill(0)),
      areas: [],
      hexes: [],
      kde: null,
      nearRepeats: [],
      noData: true,
    };
  }

  // What any part needs: the comparisons, the period, and the near-repeat look-back.
  const from = Math.min(period.from - o.nearRepeatDays * dayMs, ...spans.map((c) => c.from));
  const scope = input.areaId === null ? null : areas.subtree(input.areaId);
  const all: Placed[] = [];
  const kept: Placed[] = [];
  const first = spans[0];
  // Where an incident lies is needed for a filter, and for ranking the areas of the period and
  // its first comparison (not for the totals of the others: point in polygon is the costly part).
  const ranked = (t: number): boolean =>
    (t >= period.from && t < period.to) || (first !== undefined && t >= first.from && t < first.to);
  for (const i of input.incidents) {
    if (i.reportedAt < from || i.reportedAt >= period.to) continue;
    const locate = scope !== null || ranked(i.reportedAt);
    const gridId = i.gridId ?? (locate ? areas.gridAt(i) : null);
    const zoneId = i.zoneId ?? (gridId === null ? null : areas.zoneOf(gridId));
    const p = { i, gridId, zoneId };
    all.push(p);
    if (
      scope === null ||
      (gridId !== null && scope.has(gridId)) ||
      (gridId === null && zoneId !== null && scope.has(zoneId))
    ) {
      kept.push(p);
    }
  }
  const times = Float64Array.from(kept, (p) => p.i.reportedAt).sort();
  const comparisons: ProductComparison[] = spans.map((c) => ({
    key: c.key,
    from: c.from,
    to: c.to,
    total: comparisonTotal(c, times, input.coveredFrom),
  }));
  const inSpan = (p: Placed, a: number, b: number): boolean =>
    p.i.reportedAt >= a && p.i.reportedAt < b;
  const current = kept.filter((p) => inSpan(p, period.from, period.to));
  const prevCovered = comparisons[0]?.total !== null && first !== undefined;
  const previous = prevCovered ? kept.filter((p) => inSpan(p, first.from, first.to)) : null;

  const heat = new Float64Array(7 * 24);
  const offsetAt = offsetCache(input.timeZone);
  for (const p of current) addAoristic(heat, p.i, offsetAt);

  return {
    ...base,
    total: current.length,
    comparisons,
    categories: categoryCounts(current, previous),
    heat: heatRows(heat),
    areas: areaCounts(current, previous, input.areas, scope),
    hexes: hexCells(
      current.map((p) => p.i),
      input,
      o.hexSizeM,
      areas,
      scope,
    ),
    kde: kdeSurface(
      current.map((p) => p.i),
      input.bounds,
      o.kdeCellM,
      o.kdeBandwidthM,
    ),
    nearRepeats: nearRepeats(
      current.map((p) => p.i),
      all.map((p) => p.i),
      {
        from: period.from,
        to: period.to,
        categories: o.nearRepeatCategories,
        distanceM: o.nearRepeatM,
        days: o.nearRepeatDays,
      },
    ),
    noData: false,
  };
}

/** The optional settings of the input that are set (so undefined does not hide a default). */
function definedOnly(input: ProductInput): Partial<typeof productDefaults> {
  const out: Partial<typeof productDefaults> = {};
  if (input.hexSizeM !== undefined) out.hexSizeM = input.hexSizeM;
  if (input.kdeCellM !== undefined) out.kdeCellM = input.kdeCellM;
  if (input.kdeBandwidthM !== undefined) out.kdeBandwidthM = input.kdeBandwidthM;
  if (input.nearRepeatCategories !== undefined) {
    out.nearRepeatCategories = input.nearRepeatCategories;
  }
  if (input.nearRepeatM !== undefined) out.nearRepeatM = input.nearRepeatM;
  if (input.nearRepeatDays !== undefined) out.nearRepeatDays = input.nearRepeatDays;
  return out;
}

function tally(list: readonly Placed[], key: (p: Placed) => string | null): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of list) {
    const k = key(p);
    if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/** Per category: count, the first comparison's count, change; most incidents first. */
function categoryCounts(
  current: readonly Placed[],
  previous: readonly Placed[] | null,
): CategoryCount[] {
  const now = tally(current, (p) => p.i.category);
  const before = previous === null ? null : tally(previous, (p) => p.i.category);
  const keys = new Set([...now.keys(), ...(before?.keys() ?? [])]);
  return [...keys]
    .map((category) => {
      const count = now.get(category) ?? 0;
      const prev = before === null ? null : (before.get(category) ?? 0);
      return { category, count, prev, change: ratio(count, prev) };
    })
    .sort(
      (a, b) => b.count - a.count || (b.prev ?? 0) - (a.prev ?? 0) || cmp(a.category, b.category),
    );
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Zones then grids (within the filter), each by count descending, then by change (rising first):
 * every one with an incident in the period or the first comparison.
 */
function areaCounts(
  current: readonly Placed[],
  previous: readonly Placed[] | null,
  areas: readonly ProductArea[],
  scope: Set<string> | null,
): AreaCount[] {
  const names = new Map(areas.map((a) => [a.id, a.name]));
  const rank = (level: 'zone' | 'grid'): AreaCount[] => {
    const key = (p: Placed): string | null => (level === 'zone' ? p.zoneId : p.gridId);
    const now = tally(current, key);
    const before = previous === null ? null : tally(previous, key);
    const ids = new Set([...now.keys(), ...(before?.keys() ?? [])]);
    return [...ids]
      .filter((id) => scope === null || scope.has(id))
      .map((areaId) => {
        const count = now.get(areaId) ?? 0;
        const prev = before === null ? null : (before.get(areaId) ?? 0);
        return {
          areaId,
          name: names.get(areaId) ?? areaId,
          level,
          count,
          prev,
          change: ratio(count, prev),
        };
      })
      .sort(
        (a, b) =>
          b.count - a.count ||
          (b.change ?? -Infinity) - (a.change ?? -Infinity) ||
          cmp(a.areaId, b.areaId),
      );
  };
  return [...rank('zone'), ...rank('grid')];
}

/**
 * The hex cells of the product: counts in the grid over the bounds, Gi* over the study cells (all
 * of the grid, or those centred in the filter's grids) with the cell and its 6 neighbours as the
 * binary weights, Benjamini–Hochberg over the study cells; the cells with incidents or a
 * significant statistic.
 */
export function hexCells(
  points: readonly LatLng[],
  input: Pick<ProductInput, 'bounds' | 'areas'>,
  sizeM: number,
  areas: AreaIndex,
  scope: Set<string> | null,
): HexCell[] {
  const grid = hexGrid(input.bounds, sizeM);
  // Study cells: dense grid index → study index (−1: not studied).
  const study = new Int32Array(grid.count);
  const gridOfCell = new Map<number, string | null>();
  const gridOf = (k: number): string | null => {
    let g = gridOfCell.get(k);
    if (g === undefined) {
      const { q, r } = grid.cell(k);
      g = areas.gridAt(grid.centre(q, r));
      gridOfCell.set(k, g);
    }
    return g;
  };
  // With a filter, only the cells centred in its grids are studied (tested by point in polygon
  // within the grids' bounding box).
  const scopedRings =
    scope === null
      ? []
      : input.areas.flatMap((a) =>
          a.level === 'grid' && scope.has(a.id) && a.ring && a.ring.length >= 3 ? [a.ring] : [],
        );
  const box = scopedRings.length > 0 ? ringBounds(scopedRings) : null;
  let n = 0;
  for (let k = 0; k < grid.count; k++) {
    if (box !== null && scope !== null) {
      const { q, r } = grid.cell(k);
      const c = grid.centre(q, r);
      const inBox =
        c.lat >= box.south && c.lat <= box.north && c.lng >= box.west && c.lng <= box.east;
      const g = inBox ? gridOf(k) : null;
      study[k] = g !== null && scope.has(g) ? n++ : -1;
    } else {
      study[k] = n++;
    }
  }
  const counts = new Float64Array(n);
  for (const p of points) {
    const { q, r } = grid.cellAt(p);
    const k = grid.index(q, r);
    if (k < 0) continue;
    const s = study[k] as number;
    if (s >= 0) counts[s] = (counts[s] as number) + 1;
  }
  const nb = neighbourhoods(grid, study, n);
  const z = giStar(counts, nb);
  const p = new Float64Array(n);
  for (let s = 0; s < n; s++) p[s] = twoSidedP(z[s] as number);
  const q = benjaminiHochberg(p);
  const out: HexCell[] = [];
  for (let k = 0; k < grid.count; k++) {
    const s = study[k] as number;
    if (s < 0) continue;
    const count = counts[s] as number;
    const confidence = confidenceOf(q[s] as number);
    if (count === 0 && confidence === null) continue;
    const cell = grid.cell(k);
    const centre = grid.centre(cell.q, cell.r);
    out.push({
      id: hexId(cell.q, cell.r),
      lat: Math.round(centre.lat * 1e6) / 1e6,
      lng: Math.round(centre.lng * 1e6) / 1e6,
      count,
      z: Math.round((z[s] as number) * 1000) / 1000,
      confidence,
      gridId: gridOf(k),
    });
  }
  return out;
}

/** The cell itself and its neighbours among the study cells, in the CSR layout of gi-star.ts. */
export function neighbourhoods(grid: HexGrid, study: Int32Array, n: number): Neighbourhoods {
  const start = new Int32Array(n + 1);
  const list = new Int32Array(n * 7);
  let m = 0;
  for (let k = 0; k < grid.count; k++) {
    const s = study[k] as number;
    if (s < 0) continue;
    start[s] = m;
    list[m++] = s;
    const { q, r } = grid.cell(k);
    for (const [dq, dr] of hexDirections) {
      const j = grid.index(q + (dq as number), r + (dr as number));
      const t = j < 0 ? -1 : (study[j] as number);
      if (t >= 0) list[m++] = t;
    }
  }
  start[n] = m;
  return { start, list: list.subarray(0, m) };
}
