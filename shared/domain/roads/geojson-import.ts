/**
 * A county's own roads to the wire format (`npm run roads:import`): a GeoJSON FeatureCollection of
 * LineString / MultiLineString roads, as osmium or ogr2ogr export them from OpenStreetMap
 * (`highway`, `maxspeed`, `oneway`, `name`, `junction`) or a PGIS exports them (`kind`, `speed`,
 * `name`). Vertices at the same place (to ~1 cm) become one node, so roads that share a vertex
 * are joined there; consecutive vertices become edges.
 */
import { defaultKmh, roadKinds, type RoadGraphWire, type RoadKind } from '../../contract/roads';

export class RoadImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoadImportError';
  }
}

/** OSM `highway` classes a vehicle uses, with the kind they become; others are skipped. */
const highwayKinds: Record<string, RoadKind> = {
  motorway: 'expressway',
  motorway_link: 'expressway',
  trunk: 'expressway',
  trunk_link: 'arterial',
  primary: 'arterial',
  primary_link: 'arterial',
  secondary: 'arterial',
  secondary_link: 'arterial',
  tertiary: 'street',
  tertiary_link: 'street',
  residential: 'street',
  living_street: 'street',
  unclassified: 'country',
  road: 'street',
  service: 'path',
  track: 'path',
};
/** Speeds by highway class where it differs from the kind's default (km/h, China's usual). */
const highwayKmh: Record<string, number> = {
  motorway: 100,
  motorway_link: 50,
  trunk: 80,
  trunk_link: 40,
  living_street: 15,
  service: 15,
  track: 10,
};
/** Footways etc.: kept only with `includePaths` (a graph for foot patrols). */
const pathHighways = new Set(['footway', 'path', 'pedestrian', 'cycleway', 'steps', 'bridleway']);

export interface ImportOptions {
  version?: string;
  source?: string;
  includePaths?: boolean;
}

export interface ImportResult {
  graph: RoadGraphWire;
  stats: { features: number; roads: number; skipped: number; nodes: number; edges: number };
}

type Props = Record<string, unknown>;

export function geoJsonToRoadGraph(input: unknown, options: ImportOptions = {}): ImportResult {
  if (!isObject(input) || input['type'] !== 'FeatureCollection') {
    throw new RoadImportError('not a GeoJSON FeatureCollection (no "type": "FeatureCollection")');
  }
  const features = input['features'];
  if (!Array.isArray(features)) throw new RoadImportError('"features" is not an array');

  const nodes: [number, number][] = [];
  const nodeIndex = new Map<string, number>();
  const edges: [number, number, number, 0 | 1][] = [];
  const names: string[] = [];
  const kinds: RoadKind[] = [];
  let roads = 0;
  let skipped = 0;

  const nodeAt = (p: unknown, where: string): number => {
    if (
      !Array.isArray(p) ||
      p.length < 2 ||
      typeof p[0] !== 'number' ||
      typeof p[1] !== 'number' ||
      !Number.isFinite(p[0]) ||
      !Number.isFinite(p[1]) ||
      Math.abs(p[0]) > 180 ||
      Math.abs(p[1]) > 90
    ) {
      throw new RoadImportError(`${where}: ${JSON.stringify(p)} is not a [lng, lat] position`);
    }
    // ~1e-7° (1 cm): vertices shared by two ways in OSM are bit-identical; this also joins a
    // PGIS export's float noise.
    const lng = Math.round(p[0] * 1e7) / 1e7;
    const lat = Math.round(p[1] * 1e7) / 1e7;
    const key = `${lng},${lat}`;
    let i = nodeIndex.get(key);
    if (i === undefined) {
      i = nodes.length;
      nodes.push([lng, lat]);
      nodeIndex.set(key, i);
    }
    return i;
  };

  features.forEach((f: unknown, fi: number) => {
    const where = `feature ${fi}`;
    if (!isObject(f) || f['type'] !== 'Feature')
      throw new RoadImportError(`${where}: not a Feature`);
    const geometry = f['geometry'];
    const props: Props = isObject(f['properties']) ? f['properties'] : {};
    if (!isObject(geometry)) throw new RoadImportError(`${where}: no geometry`);
    const type = geometry['type'];
    if (type !== 'LineString' && type !== 'MultiLineString') {
      skipped++; // points (barriers, signals) and areas exported beside the ways
      return;
    }
    const road = roadOf(props, where, options.includePaths ?? false);
    if (!road) {
      skipped++;
      return;
    }
    const coords = geometry['coordinates'];
    if (!Array.isArray(coords)) throw new RoadImportError(`${where}: coordinates not an array`);
    const lines: unknown[] = type === 'LineString' ? [coords] : coords;
    let added = 0;
    lines.forEach((line, li) => {
      if (!Array.isArray(line)) {
        throw new RoadImportError(`${where}: line ${li} is not an array of positions`);
      }
      let last = -1;
      line.forEach((p: unknown, pi: number) => {
        const node = nodeAt(p, `${where}, position ${pi}`);
        if (last >= 0 && node !== last) {
          // oneway=-1: drawn against the direction of travel.
          const [a, b] = road.oneway === -1 ? [node, last] : [last, node];
          edges.push([a, b, road.kmh, road.oneway === 0 ? 0 : 1]);
          names.push(road.name);
          kinds.push(road.kind);
          added++;
        }
        last = node;
      });
    });
    if (added > 0) roads++;
    else skipped++;
  });

  if (edges.length === 0) throw new RoadImportError('no drivable road in the input');
  const graph: RoadGraphWire = {
    version: options.version ?? `roads-${fnv1a(JSON.stringify([nodes, edges, names]))}`,
    source: options.source ?? 'GeoJSON import',
    nodes,
    edges,
    names,
    kinds,
  };
  return {
    graph,
    stats: { features: features.length, roads, skipped, nodes: nodes.length, edges: edges.length },
  };
}

function roadOf(
  props: Props,
  where: string,
  includePaths: boolean,
): { kind: RoadKind; kmh: number; oneway: 0 | 1 | -1; name: string } | null {
  const highway = typeof props['highway'] === 'string' ? props['highway'] : null;
  const rawKind = props['kind'];
  let kind: RoadKind;
  if (typeof rawKind === 'string' && rawKind) {
    if (!(roadKinds as readonly string[]).includes(rawKind)) {
      throw new RoadImportError(
        `${where}: kind "${rawKind}" is not one of ${roadKinds.join(', ')}`,
      );
    }
    kind = rawKind as RoadKind;
  } else if (highway && highway in highwayKinds) {
    kind = highwayKinds[highway] as RoadKind;
  } else if (highway && includePaths && pathHighways.has(highway)) {
    kind = 'path';
  } else {
    return null; // not a road a unit drives (or no class at all)
  }
  const kmh =
    parseSpeed(props['speed'], where) ??
    parseSpeed(props['maxspeed'], where) ??
    (highway ? highwayKmh[highway] : undefined) ??
    defaultKmh[kind];
  const name =
    typeof props['name'] === 'string'
      ? props['name'].slice(0, 100)
      : typeof props['ref'] === 'string'
        ? props['ref'].slice(0, 100)
        : '';
  const ow = props['oneway'];
  let oneway: 0 | 1 | -1;
  if (ow === true || ow === 1 || ow === 'yes' || ow === 'true' || ow === '1') oneway = 1;
  else if (ow === -1 || ow === '-1' || ow === 'reverse') oneway = -1;
  else if (ow === undefined || ow === null || ow === '') {
    // OSM implies one-way on roundabouts and motorways when the tag is absent.
    oneway = props['junction'] === 'roundabout' || highway === 'motorway' ? 1 : 0;
  } else oneway = 0; // "no", "false", and "alternating"/"reversible" (either way, in turn)
  return { kind, kmh: Math.min(150, Math.max(1, kmh)), oneway, name };
}

/** OSM maxspeed: "60", "60 km/h", "40 mph", "60;80" (the first); country codes are ignored. */
function parseSpeed(v: unknown, where: string): number | undefined {
  if (typeof v === 'number') {
    if (!(v > 0)) throw new RoadImportError(`${where}: speed ${v} is not a positive number`);
    return v;
  }
  if (typeof v !== 'string' || !v) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(mph|km\/h|kmh)?/i.exec(v);
  if (!m) return undefined; // "CN:urban", "none", "signals": fall back to the road class
  const n = Number(m[1]);
  if (!(n > 0)) return undefined;
  return m[2]?.toLowerCase() === 'mph' ? n * 1.609 : n;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A short content hash (FNV-1a, 32 bits, hex): the default version/ETag of an import. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
