/**
 * Point in polygon for the map's areas: a polygon is an outer ring and holes, each ring a list of
 * [lng, lat] pairs (GeoJSON order, first point not repeated). Even-odd ray casting, so a point in
 * a hole is outside. A point exactly on an edge may fall either side (boundaries between grids are
 * shared; callers that need one owner take the first match).
 */
import type { LatLng, LngLatPair } from './lat-lng';

export function pointInRing(p: LatLng, ring: readonly LngLatPair[]): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const [xi, yi] = ring[i] as LngLatPair;
    const [xj, yj] = ring[j] as LngLatPair;
    if (yi > p.lat !== yj > p.lat && p.lng < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

export function pointInPolygon(p: LatLng, rings: readonly (readonly LngLatPair[])[]): boolean {
  const [outer, ...holes] = rings;
  if (!outer || !pointInRing(p, outer)) return false;
  return !holes.some((hole) => pointInRing(p, hole));
}

export interface Bounds {
  south: number;
  west: number;
  north: number;
  east: number;
}

export function ringBounds(rings: readonly (readonly LngLatPair[])[]): Bounds {
  let south = Infinity;
  let west = Infinity;
  let north = -Infinity;
  let east = -Infinity;
  for (const ring of rings) {
    for (const [lng, lat] of ring) {
      south = Math.min(south, lat);
      north = Math.max(north, lat);
      west = Math.min(west, lng);
      east = Math.max(east, lng);
    }
  }
  return { south, west, north, east };
}

export function inBounds(p: LatLng, b: Bounds): boolean {
  return p.lat >= b.south && p.lat <= b.north && p.lng >= b.west && p.lng <= b.east;
}

/** The bounds widened by `marginM` metres on every side (a box to read tracks in). */
export function widenBounds(b: Bounds, marginM: number): Bounds {
  const dLat = marginM / 111_195;
  const dLng = dLat / Math.cos((((b.south + b.north) / 2) * Math.PI) / 180);
  return { south: b.south - dLat, north: b.north + dLat, west: b.west - dLng, east: b.east + dLng };
}
