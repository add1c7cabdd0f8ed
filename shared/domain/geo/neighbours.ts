/**
 * Camera to camera: the cameras nearest a camera, with how far and which way (as a watcher says
 * it: 北, 东北 …), so a suspect leaving one picture can be picked up in the next. Pure.
 */
import { bearingDeg, haversineM } from './distance';
import type { LatLng } from './lat-lng';

export const octants = ['n', 'ne', 'e', 'se', 's', 'sw', 'w', 'nw'] as const;
export type Octant = (typeof octants)[number];

/** 0° ± 22.5° is north, 45° ± 22.5° north-east, and so on. */
export function octantOf(bearing: number): Octant {
  const i = Math.round((((bearing % 360) + 360) % 360) / 45) % 8;
  return octants[i] as Octant;
}

export interface Neighbour<C> {
  camera: C;
  distanceM: number;
  /** Degrees clockwise from north, from the origin camera to this one. */
  bearingDeg: number;
  octant: Octant;
}

/**
 * The `limit` cameras nearest `from` within `maxM` metres, nearest first; `from` itself (same
 * id) is left out. Linear in the catalog (26,000 cameras: well under a millisecond per click).
 */
export function nearestCameras<C extends LatLng & { id: string }>(
  from: LatLng & { id?: string },
  cameras: Iterable<C>,
  { limit = 8, maxM = 2_000 }: { limit?: number; maxM?: number } = {},
): Neighbour<C>[] {
  const found: Neighbour<C>[] = [];
  for (const camera of cameras) {
    if (camera.id === from.id) continue;
    const distanceM = haversineM(from, camera);
    if (distanceM > maxM) continue;
    const bearing = bearingDeg(from, camera);
    found.push({ camera, distanceM, bearingDeg: bearing, octant: octantOf(bearing) });
  }
  found.sort((a, b) => a.distanceM - b.distanceM);
  return found.slice(0, limit);
}
