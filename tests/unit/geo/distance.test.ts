import { describe, expect, it } from 'vitest';
import {
  angleBetween,
  bearingDeg,
  destination,
  haversineM,
  visibility,
} from '../../../shared/domain/geo';

describe('haversine and bearing', () => {
  it('gives a degree of latitude as ~111.2 km', () => {
    expect(haversineM({ lat: 35, lng: 117 }, { lat: 36, lng: 117 })).toBeCloseTo(111_195, -1);
  });

  it('gives Beijing – Shanghai as ~1,067 km', () => {
    const d = haversineM({ lat: 39.9042, lng: 116.4074 }, { lat: 31.2304, lng: 121.4737 });
    expect(d / 1000).toBeGreaterThan(1060);
    expect(d / 1000).toBeLessThan(1075);
  });

  it.each([
    [{ lat: 35.41, lng: 116.97 }, 0],
    [{ lat: 35.4, lng: 116.98 }, 90],
    [{ lat: 35.39, lng: 116.97 }, 180],
    [{ lat: 35.4, lng: 116.96 }, 270],
  ])('bearing to %o is %d°', (to, expected) => {
    expect(bearingDeg({ lat: 35.4, lng: 116.97 }, to)).toBeCloseTo(expected, 1);
  });

  it('destination and distance agree', () => {
    const from = { lat: 35.4, lng: 116.97 };
    const to = destination(from, 45, 1000);
    expect(haversineM(from, to)).toBeCloseTo(1000, 3);
    expect(bearingDeg(from, to)).toBeCloseTo(45, 2);
  });

  it('measures angles across north', () => {
    expect(angleBetween(350, 10)).toBe(20);
    expect(angleBetween(10, 350)).toBe(20);
    expect(angleBetween(0, 180)).toBe(180);
  });
});

describe('field of view', () => {
  const camera = { lat: 35.4, lng: 116.97, heading: 90, fov: 60, range: 100 };

  it('sees a point ahead within range', () => {
    const v = visibility(camera, destination(camera, 100, 80));
    expect(v.sees).toBe(true);
    expect(v.distanceM).toBeCloseTo(80, 3);
  });

  it('does not see beyond its range', () => {
    expect(visibility(camera, destination(camera, 90, 120)).sees).toBe(false);
  });

  it('does not see outside heading ± fov/2', () => {
    expect(visibility(camera, destination(camera, 125, 50)).sees).toBe(false);
    expect(visibility(camera, destination(camera, 118, 50)).sees).toBe(true);
    expect(visibility(camera, destination(camera, 270, 50)).sees).toBe(false);
  });

  it('handles a view across north', () => {
    const north = { ...camera, heading: 350 };
    expect(visibility(north, destination(north, 15, 50)).sees).toBe(true);
    expect(visibility(north, destination(north, 30, 50)).sees).toBe(false);
  });

  it('lets a dome (no heading, or fov 360) see all around', () => {
    const dome = { lat: 35.4, lng: 116.97, fov: 360, range: 100 };
    expect(visibility(dome, destination(dome, 200, 90)).sees).toBe(true);
    const noHeading = { lat: 35.4, lng: 116.97, range: 100 };
    expect(visibility(noHeading, destination(noHeading, 300, 90)).sees).toBe(true);
  });

  it('uses 150 m when the catalog gives no range', () => {
    const c = { lat: 35.4, lng: 116.97 };
    expect(visibility(c, destination(c, 0, 140)).sees).toBe(true);
    expect(visibility(c, destination(c, 0, 160)).sees).toBe(false);
  });
});
