/**
 * The area tree for the products (issue #17 item 2): which grid and zone an incident is in (its
 * gridId, else the grid polygon holding its point; its zone: its zoneId, else its grid's parent),
 * which areas a filter takes in, and the grid a hex's centre lies in.
 */
import type { LatLng } from '../geo/lat-lng';
import { pointInRing, ringBounds, type Bounds } from '../geo/polygon';
import type { ProductArea } from './product';

export interface AreaIndex {
  byId: Map<string, ProductArea>;
  /** The grid whose ring holds a point (the first, in the areas' order), null: none. */
  gridAt(p: LatLng): string | null;
  /** The zone of a grid (its parent of level zone), null: none. */
  zoneOf(gridId: string): string | null;
  /** The ids of `areaId` and all areas under it. */
  subtree(areaId: string): Set<string>;
}

export function areaIndex(areas: readonly ProductArea[]): AreaIndex {
  const byId = new Map(areas.map((a) => [a.id, a]));
  const children = new Map<string, string[]>();
  for (const a of areas) {
    if (a.parentId === null) continue;
    const list = children.get(a.parentId) ?? [];
    list.push(a.id);
    children.set(a.parentId, list);
  }
  const rings: { id: string; ring: [number, number][]; box: Bounds }[] = [];
  for (const a of areas) {
    if (a.level === 'grid' && a.ring && a.ring.length >= 3) {
      rings.push({ id: a.id, ring: a.ring, box: ringBounds([a.ring]) });
    }
  }
  return {
    byId,
    gridAt(p) {
      for (const r of rings) {
        const b = r.box;
        if (p.lat < b.south || p.lat > b.north || p.lng < b.west || p.lng > b.east) continue;
        if (pointInRing(p, r.ring)) return r.id;
      }
      return null;
    },
    zoneOf(gridId) {
      let a = byId.get(gridId);
      while (a && a.level !== 'zone') a = a.parentId === null ? undefined : byId.get(a.parentId);
      return a?.id ?? null;
    },
    subtree(areaId) {
      const out = new Set<string>();
      const stack = [areaId];
      while (stack.length > 0) {
        const id = stack.pop() as string;
        if (out.has(id)) continue;
        out.add(id);
        stack.push(...(children.get(id) ?? []));
      }
      return out;
    },
  };
}
