/**
 * The district's areas as dispatch needs them, from the map geometry (map/geometry-service.ts):
 * which grid, zone and region a point lies in, which grids (and zones) touch each other (sharing
 * a border, or within `adjacentWithinM` of one another: outlines drawn by hand rarely meet
 * exactly), and the fixed posts of a grid. Built once per geometry version, not per question.
 */
import type { AreaGeometry, FixedPost, MapGeometry } from '../../../shared/contract/map';
import {
  localFrame,
  pointInPolygon,
  ringBounds,
  type Bounds,
  type LatLng,
  type LocalFrame,
} from '../../../shared/domain/geo';

/** Areas closer than this count as neighbours, metres. */
export const adjacentWithinM = 50;

export interface AreaOfPoint {
  gridId: string | null;
  zoneId: string | null;
  regionId: string | null;
}

interface IndexedArea {
  area: AreaGeometry;
  bounds: Bounds;
}

export class AreaIndex {
  private readonly grids: IndexedArea[];
  private readonly zones: IndexedArea[];
  private readonly byId = new Map<string, AreaGeometry>();
  private readonly frame: LocalFrame;
  private readonly neighbours = new Map<string, Set<string>>();

  constructor(readonly geometry: MapGeometry) {
    const b = geometry.bounds;
    this.frame = localFrame(
      b ? { lat: (b.south + b.north) / 2, lng: (b.west + b.east) / 2 } : { lat: 0, lng: 0 },
    );
    const index = (level: AreaGeometry['level']): IndexedArea[] =>
      geometry.areas
        .filter((a) => a.level === level && a.polygon.length > 0)
        .map((area) => ({ area, bounds: ringBounds(area.polygon) }));
    this.grids = index('grid');
    this.zones = index('zone');
    for (const a of geometry.areas) this.byId.set(a.id, a);
    this.link(this.grids);
    this.link(this.zones);
  }

  area(id: string): AreaGeometry | undefined {
    return this.byId.get(id);
  }

  gridList(): AreaGeometry[] {
    return this.grids.map((g) => g.area);
  }

  /** The grid, zone and region a point lies in (nulls outside them). */
  locate(p: LatLng): AreaOfPoint {
    const grid = this.find(this.grids, p);
    const zone = grid?.parentId ? (this.byId.get(grid.parentId) ?? null) : this.find(this.zones, p);
    return {
      gridId: grid?.id ?? null,
      zoneId: zone?.id ?? null,
      regionId: zone?.parentId ?? null,
    };
  }

  /** The grids (or zones) that touch this one. */
  neighboursOf(areaId: string): ReadonlySet<string> {
    return this.neighbours.get(areaId) ?? new Set();
  }

  /** A unit's post in a grid: its duty post, else a checkpoint of that grid; null if none. */
  postIn(gridId: string): FixedPost | null {
    return (
      this.geometry.dutyPosts.find((p) => p.gridId === gridId) ??
      this.geometry.checkpoints.find((p) => p.gridId === gridId) ??
      null
    );
  }

  private find(list: IndexedArea[], p: LatLng): AreaGeometry | null {
    for (const { area, bounds } of list) {
      if (
        p.lat < bounds.south ||
        p.lat > bounds.north ||
        p.lng < bounds.west ||
        p.lng > bounds.east
      )
        continue;
      if (pointInPolygon(p, area.polygon)) return area;
    }
    return null;
  }

  /** Pairs of one level whose outer rings come within adjacentWithinM of each other. */
  private link(list: IndexedArea[]): void {
    const rings = list.map(({ area, bounds }) => ({
      id: area.id,
      bounds,
      xy: (area.polygon[0] ?? []).map(([lng, lat]) => this.frame.toXY({ lat, lng })),
    }));
    const padLat = adjacentWithinM / 111_000;
    for (let i = 0; i < rings.length; i++) {
      const a = rings[i];
      if (!a) continue;
      const padLng = padLat / Math.max(0.1, Math.cos((a.bounds.north * Math.PI) / 180));
      for (let j = i + 1; j < rings.length; j++) {
        const b = rings[j];
        if (!b) continue;
        if (
          b.bounds.south > a.bounds.north + padLat ||
          b.bounds.north < a.bounds.south - padLat ||
          b.bounds.west > a.bounds.east + padLng ||
          b.bounds.east < a.bounds.west - padLng
        )
          continue;
        if (ringsWithin(a.xy, b.xy, adjacentWithinM)) {
          this.neighbour(a.id, b.id);
          this.neighbour(b.id, a.id);
        }
      }
    }
  }

  private neighbour(a: string, b: string): void {
    let set = this.neighbours.get(a);
    if (!set) this.neighbours.set(a, (set = new Set()));
    set.add(b);
  }
}

type XY = { x: number; y: number };

function segmentDistance(p: XY, a: XY, b: XY): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** True when some vertex of either ring lies within `m` of the other's outline. */
function ringsWithin(a: XY[], b: XY[], m: number): boolean {
  const check = (points: XY[], ring: XY[]): boolean => {
    for (const p of points) {
      for (let i = 0; i < ring.length; i++) {
        const s = ring[i];
        const e = ring[(i + 1) % ring.length];
        if (s && e && segmentDistance(p, s, e) <= m) return true;
      }
    }
    return false;
  };
  return check(a, b) || check(b, a);
}
