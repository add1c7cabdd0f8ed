/**
 * The analysis products (issue #17 item 2), pure: 日研判 / 周分析 / 月调度 over an incident
 * history — totals and change by category, the hour × weekday heat table with aoristic spreading,
 * areas ranked by count and change, hot spots (KDE surface, hex grid with Getis-Ord Gi* and FDR),
 * near-repeat warnings. The core runs it in a worker (electron/station/analysis); tests and the
 * benchmark call it directly. (Being built: the statistics live beside it in this folder.)
 */
import type { AnalysisProduct, ProductKind } from '../../contract/analysis';

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

/** The span [from, to) of the product's period, and its comparisons' spans (hall time). */
export function productPeriod(
  kind: ProductKind,
  date: string,
  timeZone: string,
): { from: number; to: number; label: string } {
  void kind;
  void date;
  void timeZone;
  throw new Error('productPeriod: not built yet');
}

/** Everything of one product (computeMs left 0: the worker measures it). */
export function computeProduct(input: ProductInput): AnalysisProduct {
  void input;
  throw new Error('computeProduct: not built yet');
}
