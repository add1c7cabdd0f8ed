/**
 * Finding things on the map (issue #15): cameras, places (regions, zones, grids, checkpoints,
 * duty posts, must-reach points, must-patrol lines), patrol units and recent alerts, by name,
 * call sign or id. Pure: an index built once per catalog / geometry, and a search that is one
 * linear scan over precomputed keys (26,000 cameras in a few milliseconds), no sort.
 *
 * Matching, for a zh-CN hall: the query and every key are NFKC-folded (full-width letters and
 * digits typed by a Chinese IME match half-width ones) and lower-cased; whitespace splits the
 * query into words that must all occur (「钢山 市场」 finds 钢山一网格 农贸市场). Any part of a
 * name matches (「农贸」 finds 钢山一网格 农贸市场). A hit on the name ranks before one on the id;
 * an exact name before a name that starts with the query, before one that contains it; at equal
 * rank places and units come before cameras (there are few of them and they are what is meant).
 *
 * Positions are WGS-84, as the contract gives them; the map projects them for its tiles.
 */
import type { Camera } from '../../shared/api';
import type { KeptAlert } from '../../shared/contract/alerts';
import type { MapGeometry, Ring, UnitState } from '../../shared/contract/map';
import type { MapFocusRequest } from '../common/map-focus';

export const searchKinds = [
  'area',
  'checkpoint',
  'dutyPost',
  'point',
  'line',
  'unit',
  'alert',
  'camera',
] as const;
export type SearchKind = (typeof searchKinds)[number];

export interface SearchEntry {
  kind: SearchKind;
  id: string;
  name: string;
  /** A second line: an area's level, a unit's call sign's kind, a camera's id. */
  detail?: string;
  /** WGS-84; for an area its label point, for a line its middle point. */
  lat: number;
  lng: number;
  /** An area's outer ring or a line's path ([lng, lat]), to outline the hit. */
  outline?: { ring: Ring; closed: boolean };
}

export interface SearchIndex {
  entries: readonly SearchEntry[];
  /** Folded name, parallel to `entries`. */
  names: readonly string[];
  /** Folded other keys (id, call sign), parallel to `entries`. */
  others: readonly string[];
}

export interface SearchSources {
  cameras?: Iterable<Camera>;
  geometry?: MapGeometry;
  /** Units by call sign (a unit's live position is read when it is chosen). */
  units?: Iterable<Pick<UnitState, 'unitId' | 'callSign' | 'lat' | 'lng'>>;
  alerts?: Iterable<KeptAlert>;
}

/** NFKC, lower case, no spaces: what both the query's words and the keys are compared as. */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** The query as words (split on spaces, full-width ones too, and on commas). */
export function queryWords(query: string): string[] {
  return query
    .normalize('NFKC')
    .toLowerCase()
    .split(/[\s,，、;；]+/)
    .filter(Boolean);
}

function middle(path: readonly [number, number][]): { lat: number; lng: number } {
  const [lng, lat] = path[Math.floor(path.length / 2)] ?? [0, 0];
  return { lat, lng };
}

export function buildSearchIndex(sources: SearchSources): SearchIndex {
  const entries: SearchEntry[] = [];
  const others: string[] = [];
  const add = (entry: SearchEntry, other: string): void => {
    entries.push(entry);
    others.push(fold(other));
  };
  const g = sources.geometry;
  for (const area of g?.areas ?? []) {
    const ring = area.polygon[0];
    add(
      {
        kind: 'area',
        id: area.id,
        name: area.name,
        detail: area.level,
        lat: area.labelAt.lat,
        lng: area.labelAt.lng,
        ...(ring ? { outline: { ring, closed: true } } : {}),
      },
      area.id,
    );
  }
  for (const post of g?.checkpoints ?? []) {
    add(
      { kind: 'checkpoint', id: post.id, name: post.name, lat: post.lat, lng: post.lng },
      post.id,
    );
  }
  for (const post of g?.dutyPosts ?? []) {
    add({ kind: 'dutyPost', id: post.id, name: post.name, lat: post.lat, lng: post.lng }, post.id);
  }
  for (const point of g?.mustReachPoints ?? []) {
    add(
      { kind: 'point', id: point.id, name: point.name, lat: point.lat, lng: point.lng },
      point.id,
    );
  }
  for (const line of g?.mustPatrolLines ?? []) {
    add(
      {
        kind: 'line',
        id: line.id,
        name: line.name,
        ...middle(line.path),
        outline: { ring: line.path, closed: false },
      },
      line.id,
    );
  }
  for (const unit of sources.units ?? []) {
    add(
      {
        kind: 'unit',
        id: unit.unitId,
        name: unit.callSign,
        detail: unit.unitId,
        lat: unit.lat,
        lng: unit.lng,
      },
      unit.unitId,
    );
  }
  for (const alert of sources.alerts ?? []) {
    add(
      {
        kind: 'alert',
        id: alert.id,
        name: alert.title,
        detail: alert.category,
        lat: alert.lat,
        lng: alert.lng,
      },
      `${alert.id} ${alert.category}`,
    );
  }
  for (const camera of sources.cameras ?? []) {
    add(
      {
        kind: 'camera',
        id: camera.id,
        name: camera.name,
        detail: camera.id,
        lat: camera.lat,
        lng: camera.lng,
      },
      camera.id,
    );
  }
  return { entries, names: entries.map((e) => fold(e.name)), others };
}

export interface SearchResult {
  hits: SearchEntry[];
  /** Every match, of which `hits` are the best `limit`. */
  total: number;
}

/** Ranks: exact name, name starts with, name contains, id (or call sign) contains. */
const RANKS = 4;
const kindOrder = new Map<SearchKind, number>(searchKinds.map((k, i) => [k, i]));

export function searchMap(index: SearchIndex, query: string, limit = 30): SearchResult {
  const words = queryWords(query);
  if (words.length === 0) return { hits: [], total: 0 };
  const whole = words.join('');
  // One bucket per (rank, kind): filling them in catalog order ranks without sorting.
  const buckets: number[][] = Array.from({ length: RANKS * searchKinds.length }, () => []);
  const { entries, names, others } = index;
  let total = 0;
  for (let i = 0; i < entries.length; i++) {
    const name = names[i]!;
    let inName = true;
    let inAll = true;
    for (const word of words) {
      if (name.includes(word)) continue;
      inName = false;
      if (!others[i]!.includes(word)) {
        inAll = false;
        break;
      }
    }
    if (!inAll) continue;
    total++;
    const rank = !inName ? 3 : name === whole ? 0 : name.startsWith(words[0]!) ? 1 : 2;
    const bucket = buckets[rank * searchKinds.length + kindOrder.get(entries[i]!.kind)!]!;
    if (bucket.length < limit) bucket.push(i);
  }
  const hits: SearchEntry[] = [];
  for (const bucket of buckets) {
    for (const i of bucket) {
      if (hits.length >= limit) break;
      hits.push(entries[i]!);
    }
  }
  return { hits, total };
}

/** What a "show on map" request names, as a search entry (null: not known here). */
export function resolveFocus(
  request: MapFocusRequest,
  entries: readonly SearchEntry[],
  cameras: ReadonlyMap<string, Camera> | undefined,
): SearchEntry | null {
  if (request.kind === 'point') {
    return {
      kind: 'alert',
      id: request.alertId ?? 'point',
      name: request.label,
      lat: request.lat,
      lng: request.lng,
    };
  }
  if (request.kind === 'camera') {
    const camera = cameras?.get(request.id);
    if (camera) {
      return {
        kind: 'camera',
        id: camera.id,
        name: camera.name,
        detail: camera.id,
        lat: camera.lat,
        lng: camera.lng,
      };
    }
  }
  return entries.find((e) => e.kind === request.kind && e.id === request.id) ?? null;
}
