/**
 * The Analysis tab's and the product page's pure view logic (issue #17): the default date of each
 * product (yesterday, last week's Monday, last month), the product asked for in the address, how
 * each comparison is worded, a change as the hall reads it, hex colours by Gi* confidence, the KDE
 * surface as pixels, the warning's default window (tonight 20:00-22:00 hall time), the place name
 * a warning takes from the nearest must-reach point, warnings kept by id, scores by zone, and the
 * product as CSV lines.
 */
import {
  productKinds,
  type AnalysisProduct,
  type HexCell,
  type KdeSurface,
  type ProductComparison,
  type ProductKind,
  type UnitScore,
  type Warning,
  type WarningVisit,
} from '../../../shared/contract/analysis';
import type { MustReachPoint } from '../../../shared/contract/map';
import { addMonths } from '../../../shared/domain/analysis/periods';
import { haversineM } from '../../../shared/domain/geo/distance';
import { formatDateTime, zonedAt, zonedDate } from '../../../shared/domain/time/hall-time';
import { addDays, mondayOfDate } from '../health/health-model';

/** The product's date as the method takes it: the day, the week's Monday, the month's 1st. */
export function defaultProductDate(kind: ProductKind, today: string): string {
  if (kind === 'daily') return addDays(today, -1);
  if (kind === 'weekly') return mondayOfDate(addDays(today, -7)) ?? addDays(today, -7);
  return addMonths(today, -1);
}

/** Any day snapped to the first day of its product's period (week: Monday; month: the 1st). */
export function snapProductDate(kind: ProductKind, date: string): string | null {
  const monday = mondayOfDate(date);
  if (!monday) return null;
  if (kind === 'weekly') return monday;
  if (kind === 'monthly') return `${date.slice(0, 7)}-01`;
  return date;
}

/** The period a product covers, in words' numbers: '2026-12-02', '2026-11-23 ~ 2026-11-29', '2026-11'. */
export function periodText(kind: ProductKind, date: string): string {
  if (kind === 'weekly') return `${date} ~ ${addDays(date, 6)}`;
  if (kind === 'monthly') return date.slice(0, 7);
  return date;
}

export interface ProductQuery {
  kind: ProductKind;
  date: string | null;
  areaId: string | null;
}

/** `?kind=weekly&date=2026-11-23&area=…` of the product page (a bad kind is daily, a bad date none). */
export function productFromQuery(search: string): ProductQuery {
  const query = new URLSearchParams(search);
  const kind = productKinds.find((k) => k === query.get('kind')) ?? 'daily';
  const raw = query.get('date') ?? '';
  const date = /^\d{4}-\d{2}(-\d{2})?$/.test(raw)
    ? snapProductDate(kind, raw.length === 7 ? `${raw}-01` : raw)
    : null;
  const area = query.get('area');
  return { kind, date, areaId: area && area.length <= 64 ? area : null };
}

/** The address of the printable product page, from the desk's address (keeps its token). */
export function productHref(
  location: { pathname: string; search: string },
  q: { kind: ProductKind; date: string | null; areaId: string | null },
): string {
  const query = new URLSearchParams(location.search);
  query.delete('tab');
  query.delete('week');
  query.set('view', 'product');
  query.set('kind', q.kind);
  if (q.date) query.set('date', q.date);
  else query.delete('date');
  if (q.areaId) query.set('area', q.areaId);
  else query.delete('area');
  return `${location.pathname}?${query.toString()}`;
}

/** The desk's address from the product page's (back to the Analysis tab). */
export function analysisDeskHref(location: { pathname: string; search: string }): string {
  const query = new URLSearchParams(location.search);
  for (const key of ['view', 'kind', 'date', 'area']) query.delete(key);
  query.set('tab', 'analysis');
  return `${location.pathname}?${query.toString()}`;
}

/** The i18n key of a comparison's name: 上周同日, 近28天日均, 上周, 近4周周均, 上月, 去年同月. */
export type ComparisonWord =
  'sameDayLastWeek' | 'mean28' | 'lastWeek' | 'mean4' | 'lastMonth' | 'lastYear';
export function comparisonWord(kind: ProductKind, key: ProductComparison['key']): ComparisonWord {
  if (key === 'mean28') return 'mean28';
  if (key === 'mean4') return 'mean4';
  if (key === 'lastYear') return 'lastYear';
  return kind === 'daily' ? 'sameDayLastWeek' : kind === 'weekly' ? 'lastWeek' : 'lastMonth';
}

/** The i18n keys of the weekdays, Monday first (analysis.weekdays.d0 … d6). */
export const weekdayKeys = ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6'] as const;

/** A change in percent ("+12 %", "−40 %", "±0 %"), null: nothing to compare with. */
export function formatPercentChange(count: number, prev: number | null): string | null {
  if (prev === null || prev === 0) return null;
  const pct = Math.round(((count - prev) / prev) * 100);
  if (pct === 0) return '±0 %';
  return pct > 0 ? `+${pct} %` : `−${Math.abs(pct)} %`;
}

/** A count as shown: whole numbers plain, a mean or an aoristic share with one decimal. */
export function formatCount(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** Hot spots red, cold spots blue, darker with confidence; null: not significant. */
export function hexColour(cell: Pick<HexCell, 'z' | 'confidence'>): string | null {
  if (cell.confidence === null) return null;
  const hot = { 99: '#b2182b', 95: '#e34a33', 90: '#fc8d59' } as const;
  const cold = { 99: '#2166ac', 95: '#4393c3', 90: '#92c5de' } as const;
  return (cell.z > 0 ? hot : cold)[cell.confidence];
}

/**
 * The significant hot spots listed (beside the map, the product page, a wall): the most certain
 * first, then those with the most incidents in the hex itself, then by z. A hex hot from its
 * neighbours alone (none of its own) stays on the map but is not listed: a place to send a unit
 * is where the incidents were (on a sparse county Gi* marks many such hexes).
 */
export function hotSpots(hexes: readonly HexCell[]): HexCell[] {
  return hexes
    .filter((h) => h.confidence !== null && h.z > 0 && h.count > 0)
    .sort(
      (a, b) =>
        (b.confidence ?? 0) - (a.confidence ?? 0) ||
        b.count - a.count ||
        b.z - a.z ||
        (a.id < b.id ? -1 : 1),
    );
}

/**
 * The KDE surface as RGBA pixels (one per cell, row-major from the north-west), transparent where
 * there is (almost) nothing, yellow to red with density (on a square-root scale) — drawn on a canvas as an image overlay.
 */
export function kdePixels(kde: KdeSurface): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(new ArrayBuffer(kde.rows * kde.cols * 4));
  if (kde.max <= 0) return out;
  for (let i = 0; i < kde.rows * kde.cols; i++) {
    // The square root: a county's density spans orders of magnitude (a market against a field),
    // and a linear scale would show the one busiest place and nothing else.
    const v = Math.sqrt(Math.max(0, Math.min(1, (kde.values[i] ?? 0) / kde.max)));
    if (v < 0.1) continue;
    out[i * 4] = 255;
    out[i * 4 + 1] = Math.round(230 * (1 - v));
    out[i * 4 + 2] = Math.round(60 * (1 - v));
    out[i * 4 + 3] = Math.round(60 + 150 * v);
  }
  return out;
}

/** The hall day `date` at `minute` after midnight, as ms. */
const at = (date: string, minute: number, zone: string): number => zonedAt(date, minute, zone);

/**
 * A warning's default window: tonight 20:00-22:00 hall time; once 22:00 has passed, tomorrow's.
 */
export function defaultWarningWindow(now: number, zone: string): { start: number; end: number } {
  const today = zonedDate(now, zone);
  const end = at(today, 22 * 60, zone);
  const day = now < end ? today : addDays(today, 1);
  return { start: at(day, 20 * 60, zone), end: at(day, 22 * 60, zone) };
}

/** '2026-12-03 20:00' for a text field and back (hall time; 'T' for the space is taken too). */
export function toLocalInput(t: number, zone: string): string {
  return formatDateTime(t, zone).slice(0, 16);
}
export function fromLocalInput(text: string, zone: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  if (hours > 23 || minutes > 59) return null;
  return at(m[1] ?? '', hours * 60 + minutes, zone);
}

/** A warning's name from its place: the nearest must-reach point of its grid within `withinM`. */
export function warningName(
  cell: Pick<HexCell, 'lat' | 'lng' | 'gridId'>,
  points: readonly MustReachPoint[],
  gridName: string | null,
  withinM = 600,
): string {
  let best: MustReachPoint | null = null;
  let bestM = withinM;
  for (const p of points) {
    if (cell.gridId !== null && p.gridId !== cell.gridId) continue;
    const m = haversineM(p, cell);
    if (m <= bestM) {
      best = p;
      bestM = m;
    }
  }
  return best?.name ?? gridName ?? `${cell.lat.toFixed(5)}, ${cell.lng.toFixed(5)}`;
}

/** Warnings kept by id (a stream's newer copy replaces the older), the latest window first. */
export function mergeWarnings(
  state: ReadonlyMap<string, Warning>,
  warnings: readonly Warning[],
): ReadonlyMap<string, Warning> {
  if (warnings.length === 0) return state;
  const next = new Map(state);
  for (const w of warnings) next.set(w.id, w);
  return next;
}
export function warningList(state: ReadonlyMap<string, Warning>): Warning[] {
  return [...state.values()].sort(
    (a, b) => b.windowStart - a.windowStart || b.at - a.at || (a.id < b.id ? -1 : 1),
  );
}

/**
 * Why a visit counts or not, in the station's rule (electron/station/analysis/warnings.ts): its
 * time inside the window is at least the shortest stop ('counts'); it is in the window but not
 * that long — so far, while the window is open (the unit may still be there: 'shortSoFar'), or
 * in all ('short'); or none of it is in the window ('outside').
 */
export function visitVerdict(
  w: Pick<Warning, 'windowStart' | 'windowEnd'>,
  v: Pick<WarningVisit, 'arrivedAt' | 'leftAt' | 'counts'>,
  now: number,
): 'counts' | 'shortSoFar' | 'short' | 'outside' {
  if (v.counts) return 'counts';
  // A visit of one fix (just arrived) is in the window too.
  if (v.leftAt <= w.windowStart || v.arrivedAt >= w.windowEnd) return 'outside';
  return now < w.windowEnd ? 'shortSoFar' : 'short';
}

/** A visit's minutes as a chief reads them: a tenth under ten minutes (0.4), whole above. */
export const visitMinutes = (minutes: number): string =>
  minutes < 10 ? (Math.round(minutes * 10) / 10).toFixed(1) : String(Math.round(minutes));

/**
 * The warned places a unit reached between two roll calls (a visit of its that overlaps
 * [since, at], counting or not), by name in the order reached: what the roll call's 到点 holds
 * of the day's warnings.
 */
export function warnedPlacesReached(
  warnings: readonly Warning[],
  unitId: string,
  since: number,
  at: number,
): string[] {
  const reached: { name: string; at: number }[] = [];
  for (const w of warnings) {
    if (w.status === 'cancelled') continue;
    const first = w.visits.find(
      (v) => v.unitId === unitId && v.arrivedAt <= at && v.leftAt >= since,
    );
    if (first) reached.push({ name: w.name, at: first.arrivedAt });
  }
  return reached.sort((a, b) => a.at - b.at).map((r) => r.name);
}

/** Scores grouped by zone (zones by name), each by its rank. */
export function scoresByZone(
  units: readonly UnitScore[],
  zoneName: (id: string | null) => string,
): { zoneId: string | null; name: string; units: UnitScore[] }[] {
  const zones = new Map<string | null, UnitScore[]>();
  for (const u of units) zones.set(u.zoneId, [...(zones.get(u.zoneId) ?? []), u]);
  return [...zones.entries()]
    .map(([zoneId, list]) => ({
      zoneId,
      name: zoneName(zoneId),
      units: [...list].sort((a, b) => a.rank - b.rank || b.total - a.total),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** How a score part's raw measure reads, with its number: a share in %, hours, a count, seconds. */
export function partMeasure(
  key: string,
  value: number | null,
): { unit: 'share' | 'hours' | 'count' | 'seconds' | 'none'; n: number } {
  if (value === null) return { unit: 'none', n: 0 };
  if (key === 'lines' || key === 'points' || key === 'warnings')
    return { unit: 'share', n: Math.round(value * 100) };
  if (key === 'patrolHours') return { unit: 'hours', n: Math.round(value * 10) / 10 };
  if (key === 'ackTime' || key === 'arrivalTime') return { unit: 'seconds', n: Math.round(value) };
  return { unit: 'count', n: value };
}

/** A score part's contribution to the total (weight × points), one decimal. */
export const partContribution = (part: { weight: number; points: number }): number =>
  Math.round(part.weight * part.points * 10) / 10;

/** The areas ranked by change (rises first); those with nothing to compare with left out. */
export function areasByChange(product: AnalysisProduct): AnalysisProduct['areas'] {
  return product.areas
    .filter((a) => a.change !== null)
    .sort((a, b) => (b.change ?? 0) - (a.change ?? 0) || b.count - a.count);
}

/** The words the CSV needs (the caller's language). */
export interface ProductCsvWords {
  header: readonly string[];
  section: {
    total: string;
    comparison: (key: ProductComparison['key']) => string;
    category: string;
    area: string;
    hour: string;
    hotSpot: string;
    nearRepeat: string;
  };
  weekdays: readonly string[];
  noData: string;
}

const round1 = (n: number | null): number | string => (n === null ? '' : Math.round(n * 10) / 10);
const pct = (n: number | null): number | string => (n === null ? '' : Math.round(n * 1000) / 10);

/**
 * The product as CSV lines under a 5-column header (section, name, count, previous, change %):
 * the total and comparisons, categories, areas, the heat table (weekday × hour), hot spots and
 * near repeats.
 */
export function productCsvLines(
  product: AnalysisProduct,
  words: ProductCsvWords,
  zone: string,
): (string | number | null)[][] {
  const s = words.section;
  const lines: (string | number | null)[][] = [];
  if (product.noData) lines.push([words.noData]);
  lines.push([s.total, product.label, product.total, '', '']);
  for (const c of product.comparisons)
    lines.push([
      s.comparison(c.key),
      `${formatDateTime(c.from, zone).slice(0, 10)} ~ ${formatDateTime(c.to - 1, zone).slice(0, 10)}`,
      round1(c.total),
      '',
      c.total ? pct((product.total - c.total) / c.total) : '',
    ]);
  for (const c of product.categories)
    lines.push([s.category, c.category, c.count, c.prev ?? '', pct(c.change)]);
  for (const a of product.areas) lines.push([s.area, a.name, a.count, a.prev ?? '', pct(a.change)]);
  product.heat.forEach((row, d) =>
    row.forEach((v, h) => {
      if (v > 0)
        lines.push([s.hour, `${words.weekdays[d] ?? d} ${String(h).padStart(2, '0')}`, round1(v)]);
    }),
  );
  for (const h of hotSpots(product.hexes))
    lines.push([
      s.hotSpot,
      `${h.lat.toFixed(5)},${h.lng.toFixed(5)}`,
      h.count,
      `${h.confidence ?? ''} %`,
      Math.round(h.z * 100) / 100,
    ]);
  for (const r of product.nearRepeats)
    lines.push([
      s.nearRepeat,
      `${r.number} ${r.category}`,
      r.near.length,
      formatDateTime(r.at, zone).slice(0, 16),
      r.near.map((n) => n.number).join(' '),
    ]);
  return lines;
}
