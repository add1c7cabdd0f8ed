/**
 * Can a camera see a point? Within its range, and within heading ± fov/2. A camera without a
 * heading, or with a 360° field of view (a dome, 球机), sees all around within its range.
 */
import { angleBetween, bearingDeg, haversineM } from './distance';
import type { LatLng } from './lat-lng';

export interface CameraView extends LatLng {
  heading?: number;
  fov?: number;
  range?: number;
}

/** Used when the catalog gives no range: a typical street camera's useful distance. */
export const defaultRangeM = 150;

export interface Visibility {
  distanceM: number;
  /** From the camera to the point. */
  bearingDeg: number;
  sees: boolean;
}

export function visibility(camera: CameraView, point: LatLng): Visibility {
  const distanceM = haversineM(camera, point);
  const bearing = bearingDeg(camera, point);
  const range = camera.range ?? defaultRangeM;
  let sees = distanceM <= range;
  if (sees && camera.heading !== undefined && (camera.fov ?? 360) < 360 && distanceM > 0.5) {
    sees = angleBetween(camera.heading, bearing) <= (camera.fov ?? 360) / 2;
  }
  return { distanceM, bearingDeg: bearing, sees };
}
