/**
 * The simulated city lives in a flat local frame in metres (x east, y north) around Zoucheng;
 * this converts it to WGS-84 degrees. An equirectangular frame is exact enough over ±30 km.
 */
export const cityCentre = { lat: 35.4, lng: 116.97 } as const;

const metresPerDegreeLat = 111_320;
const metresPerDegreeLng = metresPerDegreeLat * Math.cos((cityCentre.lat * Math.PI) / 180);

export interface Point {
  x: number;
  y: number;
}

export function toLatLng(p: Point): { lat: number; lng: number } {
  return {
    lat: round6(cityCentre.lat + p.y / metresPerDegreeLat),
    lng: round6(cityCentre.lng + p.x / metresPerDegreeLng),
  };
}

export function fromLatLng(at: { lat: number; lng: number }): Point {
  return {
    x: (at.lng - cityCentre.lng) * metresPerDegreeLng,
    y: (at.lat - cityCentre.lat) * metresPerDegreeLat,
  };
}

/** Degrees clockwise from north, in [0, 360), of the direction from a to b. */
export function bearing(a: Point, b: Point): number {
  const deg = (Math.atan2(b.x - a.x, b.y - a.y) * 180) / Math.PI;
  return normaliseHeading(deg);
}

export function normaliseHeading(deg: number): number {
  const h = ((deg % 360) + 360) % 360;
  return Math.round(h * 10) / 10 === 360 ? 0 : Math.round(h * 10) / 10;
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** The Chinese compass word (东, 西, 南, 北) for where b lies from a. */
export function compassWord(from: Point, to: Point): string {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  if (Math.abs(dx) >= Math.abs(dy)) return dx >= 0 ? '东' : '西';
  return dy >= 0 ? '北' : '南';
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
