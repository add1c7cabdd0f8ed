/**
 * Distances and directions on the WGS-84 sphere approximation (mean radius 6,371,008.8 m, the
 * IUGG value): good to ~0.5 % anywhere, far better than GPS over the few km a county spans.
 */
import type { LatLng } from './lat-lng';

export const earthRadiusM = 6_371_008.8;
const rad = Math.PI / 180;

/** Great-circle distance, metres (haversine). */
export function haversineM(a: LatLng, b: LatLng): number {
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const s =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * earthRadiusM * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Initial bearing from a to b, degrees clockwise from north in [0, 360). */
export function bearingDeg(a: LatLng, b: LatLng): number {
  const φ1 = a.lat * rad;
  const φ2 = b.lat * rad;
  const Δλ = (b.lng - a.lng) * rad;
  const y = Math.sin(Δλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
  return normaliseDeg(Math.atan2(y, x) / rad);
}

/** The point `distanceM` from `from` along `bearing` (degrees). */
export function destination(from: LatLng, bearing: number, distanceM: number): LatLng {
  const δ = distanceM / earthRadiusM;
  const θ = bearing * rad;
  const φ1 = from.lat * rad;
  const λ1 = from.lng * rad;
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
  const λ2 =
    λ1 +
    Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2));
  return { lat: φ2 / rad, lng: ((λ2 / rad + 540) % 360) - 180 };
}

/** Degrees into [0, 360). */
export function normaliseDeg(deg: number): number {
  const d = ((deg % 360) + 360) % 360;
  return d === 360 ? 0 : d;
}

/** Smallest angle between two headings, degrees in [0, 180]. */
export function angleBetween(a: number, b: number): number {
  const d = Math.abs(normaliseDeg(a) - normaliseDeg(b));
  return d > 180 ? 360 - d : d;
}

/**
 * A flat local frame (metres east / north of an origin), equirectangular: accurate to well under
 * a metre across a few km, which is what corridor and stop geometry need. Cheaper than haversine
 * in inner loops.
 */
export interface LocalFrame {
  toXY(p: LatLng): { x: number; y: number };
  toLatLng(xy: { x: number; y: number }): LatLng;
}

export function localFrame(origin: LatLng): LocalFrame {
  const mLat = earthRadiusM * rad;
  const mLng = mLat * Math.cos(origin.lat * rad);
  return {
    toXY: (p) => ({ x: (p.lng - origin.lng) * mLng, y: (p.lat - origin.lat) * mLat }),
    toLatLng: ({ x, y }) => ({ lat: origin.lat + y / mLat, lng: origin.lng + x / mLng }),
  };
}
