/**
 * How the map draws things: colours by camera kind and status, unit status, and the datum shift
 * for GCJ-02 tiles. Pure values, shared by the canvas layer, the unit markers and the panels.
 */
import type { CameraKind, CameraStatus } from '../../shared/api';
import type { HealthMark } from '../../shared/contract/health';
import type { TileCrs, UnitState } from '../../shared/contract/map';
import { wgs84ToGcj02 } from '../../shared/domain/geo';

export const cameraKindColour: Record<CameraKind, string> = {
  fixed: '#4fb3f0',
  checkpoint: '#f0a640',
  vehicle: '#c58af0',
  body: '#6fd08c',
};

export const OFFLINE_CAMERA = '#e5534b';
/** Rings round a camera's dot (issue #16), the tree's health colours: bad picture, open ticket. */
export const PICTURE_FAULT_RING = '#f2d04a';
export const TICKET_RING = '#b07be0';

/** The ring a health mark draws round a dot, null: none (offline is the dot's own red). */
export function healthRing(mark: HealthMark | undefined): string | null {
  if (mark === 'picture') return PICTURE_FAULT_RING;
  if (mark === 'ticket') return TICKET_RING;
  return null;
}
export const UNKNOWN_CAMERA = '#7b8794';

/** Online cameras take their kind's colour; offline ones are red, unknown grey. */
export function cameraColour(kind: CameraKind, status: CameraStatus): string {
  if (status === 'offline') return OFFLINE_CAMERA;
  if (status === 'unknown') return UNKNOWN_CAMERA;
  return cameraKindColour[kind];
}

/** Dot radius in CSS pixels at a zoom: dots grow as the chief zooms into a street. */
export function cameraRadius(zoom: number): number {
  if (zoom <= 11) return 1.6;
  if (zoom <= 13) return 2.4;
  if (zoom <= 15) return 3.5;
  return 5;
}

/** From this zoom the field-of-view sectors are drawn. */
export const FOV_MIN_ZOOM = 16;

export type UnitLook = 'available' | 'busy' | 'offline' | 'stale';

export function unitLook(unit: Pick<UnitState, 'status' | 'stale'>): UnitLook {
  if (unit.status === 'offline') return 'offline';
  if (unit.stale) return 'stale';
  return unit.status;
}

/** Where a WGS-84 position goes on tiles of a datum (GCJ-02 tiles are offset: shift it too). */
export function projector(
  crs: TileCrs | undefined,
): (lat: number, lng: number) => [number, number] {
  if (crs === 'GCJ02') {
    return (lat, lng) => {
      const p = wgs84ToGcj02({ lat, lng });
      return [p.lat, p.lng];
    };
  }
  return (lat, lng) => [lat, lng];
}

/** The tile template as an absolute URL on the page's own origin (/desk, /wall/2, vigil://app/). */
export function absoluteTileUrl(urlTemplate: string, pageHref: string): string {
  // new URL would percent-encode the braces of {z}/{x}/{y}: resolve a placeholder-free path.
  const marker = '__VIGIL_TILE__';
  const url = new URL(urlTemplate.replace(/\{([xyzs])\}/g, `${marker}$1`), pageHref);
  // The browser host serves tiles only to its own pages: they ask with the page's key. The key
  // never goes to another origin (a GIS server named in the template).
  const page = new URL(pageHref);
  const token = page.searchParams.get('token');
  if (token !== null && url.origin === page.origin) url.searchParams.set('token', token);
  return url.href.replace(new RegExp(`${marker}([xyzs])`, 'g'), '{$1}');
}

export function formatDistance(m: number): string {
  return m >= 1000 ? `${(m / 1000).toFixed(2)} km` : `${Math.round(m)} m`;
}

const points = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;
export type CompassPoint = (typeof points)[number];
export function compassPoint(deg: number): CompassPoint {
  return points[Math.round((((deg % 360) + 360) % 360) / 45) % 8]!;
}
