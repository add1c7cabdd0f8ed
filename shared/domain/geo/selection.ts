/**
 * Which cameras a lasso or a circle drawn on the map takes (issue #5: "lasso or circle select
 * makes a rotation group or a focus set"). Pure: the shape and the points are in one datum (the
 * map passes what it drew, in the tiles' datum, and each camera projected the same way). A lasso
 * is a ring of [lng, lat] pairs, closed implicitly; fewer than three points select nothing.
 * The result keeps the input order, so a group follows the catalog's order, not the pointer's.
 */
import { haversineM } from './distance';
import type { LatLng, LngLatPair } from './lat-lng';
import { inBounds, pointInRing, ringBounds } from './polygon';

export type SelectShape =
  | { kind: 'lasso'; ring: readonly LngLatPair[] }
  | { kind: 'circle'; centre: LatLng; radiusM: number };

/** The ids of the points inside the shape, in input order. */
export function selectInShape<T extends LatLng & { id: string }>(
  points: Iterable<T>,
  shape: SelectShape,
): string[] {
  const inside = shapeTest(shape);
  const ids: string[] = [];
  for (const p of points) if (inside(p)) ids.push(p.id);
  return ids;
}

/** A predicate for one shape (bounds checked first: 26,000 cameras against a lasso in ~ms). */
export function shapeTest(shape: SelectShape): (p: LatLng) => boolean {
  if (shape.kind === 'circle') {
    if (!(shape.radiusM > 0)) return () => false;
    return (p) => haversineM(shape.centre, p) <= shape.radiusM;
  }
  if (shape.ring.length < 3) return () => false;
  const bounds = ringBounds([shape.ring]);
  return (p) => inBounds(p, bounds) && pointInRing(p, shape.ring);
}

/** Drop points closer than `minM` to the previous kept one (a lasso drawn at 60 Hz). */
export function thinRing(ring: readonly LatLng[], minM: number): LatLng[] {
  const kept: LatLng[] = [];
  for (const p of ring) {
    const last = kept[kept.length - 1];
    if (!last || haversineM(last, p) >= minM) kept.push(p);
  }
  return kept;
}
