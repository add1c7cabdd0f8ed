/**
 * Focus watch linkage (重点盯巡 联动): which cameras to pull onto focus tiles for an alert or an
 * incident at a point. Cameras within `radiusM`, those whose field of view holds the point first,
 * then by distance; a checkpoint plate hit (the alert names a checkpoint camera) puts that camera
 * first of all.
 */
import { visibility, type CameraView } from '../geo';

export interface LinkageCamera extends CameraView {
  id: string;
  kind: string;
  status?: string;
}

export interface LinkageCandidate {
  cameraId: string;
  distanceM: number;
  sees: boolean;
  /** Why it ranks where it does: the alert's own checkpoint, in view, or only near. */
  reason: 'checkpoint' | 'in-view' | 'near';
}

export interface LinkageOptions {
  radiusM: number;
  limit: number;
  /** Leave offline cameras out (they would show a black tile). */
  skipOffline?: boolean;
}

export function rankCamerasForPoint(
  cameras: Iterable<LinkageCamera>,
  point: { lat: number; lng: number; cameraId?: string },
  options: LinkageOptions,
): LinkageCandidate[] {
  const out: LinkageCandidate[] = [];
  // A cheap box test before haversine: 1° latitude ≈ 111 km.
  const dLat = options.radiusM / 111_000 + 1e-6;
  const dLng = dLat / Math.max(0.01, Math.cos((point.lat * Math.PI) / 180));
  for (const c of cameras) {
    const own = point.cameraId !== undefined && c.id === point.cameraId;
    if (options.skipOffline && c.status === 'offline' && !own) continue;
    if (!own && (Math.abs(c.lat - point.lat) > dLat || Math.abs(c.lng - point.lng) > dLng)) {
      continue;
    }
    const v = visibility(c, point);
    if (!own && v.distanceM > options.radiusM) continue;
    const reason = own && c.kind === 'checkpoint' ? 'checkpoint' : v.sees ? 'in-view' : 'near';
    out.push({ cameraId: c.id, distanceM: v.distanceM, sees: v.sees, reason });
  }
  const rank = { checkpoint: 0, 'in-view': 1, near: 2 } as const;
  out.sort(
    (a, b) =>
      rank[a.reason] - rank[b.reason] ||
      a.distanceM - b.distanceM ||
      (a.cameraId < b.cameraId ? -1 : 1),
  );
  return out.slice(0, options.limit);
}
