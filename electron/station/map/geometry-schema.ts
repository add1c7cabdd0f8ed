/**
 * The platform's district geometry (docs/protocol.md "Map geometry", GET /api/v1/geometry),
 * validated whole before it is stored or shown: coordinates in range, rings of at least three
 * points, lines of at least two, unique ids, and every area / point referring to a known area.
 * Unknown fields are dropped. A geometry that fails is rejected with the first bad field named;
 * the cached one stays.
 */
import { z } from 'zod';
import type { MapGeometry } from '../../../shared/contract/map';
import { describeZodError } from '../contract-host';

const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);
const lngLat = z.tuple([lng, lat]);
const id = z.string().min(1).max(64);
const name = z.string().min(1).max(200);
const areaRef = { gridId: id, zoneId: id, regionId: id };

const AreaGeometrySchema = z.object({
  id,
  name,
  level: z.enum(['region', 'zone', 'grid']),
  parentId: id.nullable(),
  polygon: z.array(z.array(lngLat).min(3).max(20_000)).min(1).max(100),
  labelAt: z.object({ lat, lng }),
});

const postSchema = <K extends 'checkpoint' | 'duty-post'>(kind: K) =>
  z.object({ id, name, kind: z.literal(kind), ...areaRef, lat, lng });

export const GeometryBodySchema = z.object({
  version: z.string().min(1).max(200),
  areas: z.array(AreaGeometrySchema).max(10_000),
  mustPatrolLines: z
    .array(
      z.object({
        id,
        name,
        ...areaRef,
        path: z.array(lngLat).min(2).max(20_000),
        lengthM: z.number().min(0),
      }),
    )
    .max(50_000),
  mustReachPoints: z
    .array(z.object({ id, name, ...areaRef, lat, lng, radiusM: z.number().min(1).max(5000) }))
    .max(50_000),
  checkpoints: z.array(postSchema('checkpoint')).max(10_000),
  dutyPosts: z.array(postSchema('duty-post')).max(10_000),
});
export type GeometryBody = z.output<typeof GeometryBodySchema>;

export class GeometryError extends Error {
  constructor(message: string) {
    super(`geometry: ${message}`);
    this.name = 'GeometryError';
  }
}

/** Parses and cross-checks a geometry body; throws GeometryError naming what is wrong. */
export function parseGeometry(raw: unknown): GeometryBody {
  const parsed = GeometryBodySchema.safeParse(raw);
  if (!parsed.success) throw new GeometryError(describeZodError(parsed.error));
  const g = parsed.data;
  const areas = new Map<string, (typeof g.areas)[number]>();
  for (const a of g.areas) {
    if (areas.has(a.id)) throw new GeometryError(`areas: duplicate id ${a.id}`);
    areas.set(a.id, a);
  }
  for (const a of g.areas) {
    const parent = a.parentId === null ? null : areas.get(a.parentId);
    const expected = { region: null, zone: 'region', grid: 'zone' }[a.level];
    if (
      (expected === null) !== (a.parentId === null) ||
      (a.parentId !== null && parent?.level !== expected)
    ) {
      throw new GeometryError(`areas: ${a.id} (${a.level}) has parent ${String(a.parentId)}`);
    }
  }
  const checkRef = (
    what: string,
    item: { id: string; gridId: string; zoneId: string; regionId: string },
  ): void => {
    if (areas.get(item.gridId)?.level !== 'grid') {
      throw new GeometryError(`${what} ${item.id}: unknown grid ${item.gridId}`);
    }
  };
  const ids = new Set<string>();
  const unique = (what: string, itemId: string): void => {
    if (ids.has(itemId)) throw new GeometryError(`${what}: duplicate id ${itemId}`);
    ids.add(itemId);
  };
  const lists = [
    ['mustPatrolLines', g.mustPatrolLines],
    ['mustReachPoints', g.mustReachPoints],
    ['checkpoints', g.checkpoints],
    ['dutyPosts', g.dutyPosts],
  ] as const;
  for (const [what, items] of lists) {
    for (const item of items) {
      unique(what, item.id);
      checkRef(what, item);
    }
  }
  return g;
}

/** The contract's shape: the body with its source and bounds. */
export function toMapGeometry(
  body: GeometryBody | null,
  source: MapGeometry['source'],
): MapGeometry {
  if (!body) {
    return {
      version: '',
      source: 'none',
      areas: [],
      mustPatrolLines: [],
      mustReachPoints: [],
      checkpoints: [],
      dutyPosts: [],
      bounds: null,
    };
  }
  let south = Infinity;
  let west = Infinity;
  let north = -Infinity;
  let east = -Infinity;
  for (const a of body.areas) {
    if (a.level !== 'region') continue;
    for (const [x, y] of a.polygon[0] ?? []) {
      south = Math.min(south, y);
      north = Math.max(north, y);
      west = Math.min(west, x);
      east = Math.max(east, x);
    }
  }
  return {
    ...body,
    source,
    bounds: Number.isFinite(south) ? { south, west, north, east } : null,
  };
}
