import { describe, expect, it } from 'vitest';
import { pointInPolygon, ringBounds, type LngLatPair } from '../../../shared/domain/geo';

// A grid 0.02° square with a 0.004° hole, and an L-shaped (concave) grid.
const square: LngLatPair[] = [
  [116.96, 35.39],
  [116.98, 35.39],
  [116.98, 35.41],
  [116.96, 35.41],
];
const hole: LngLatPair[] = [
  [116.968, 35.398],
  [116.972, 35.398],
  [116.972, 35.402],
  [116.968, 35.402],
];
const ell: LngLatPair[] = [
  [0, 0],
  [2, 0],
  [2, 1],
  [1, 1],
  [1, 2],
  [0, 2],
];

describe('point in polygon', () => {
  it('finds points inside and outside a grid', () => {
    expect(pointInPolygon({ lat: 35.395, lng: 116.965 }, [square])).toBe(true);
    expect(pointInPolygon({ lat: 35.42, lng: 116.965 }, [square])).toBe(false);
    expect(pointInPolygon({ lat: 35.395, lng: 116.99 }, [square])).toBe(false);
  });

  it('treats a point in a hole as outside', () => {
    expect(pointInPolygon({ lat: 35.4, lng: 116.97 }, [square, hole])).toBe(false);
    expect(pointInPolygon({ lat: 35.4, lng: 116.962 }, [square, hole])).toBe(true);
  });

  it('handles a concave ring', () => {
    expect(pointInPolygon({ lat: 0.5, lng: 1.5 }, [ell])).toBe(true);
    expect(pointInPolygon({ lat: 1.5, lng: 0.5 }, [ell])).toBe(true);
    expect(pointInPolygon({ lat: 1.5, lng: 1.5 }, [ell])).toBe(false);
  });

  it('is false for an empty polygon', () => {
    expect(pointInPolygon({ lat: 0, lng: 0 }, [])).toBe(false);
  });

  it('computes bounds', () => {
    expect(ringBounds([square])).toEqual({
      south: 35.39,
      west: 116.96,
      north: 35.41,
      east: 116.98,
    });
  });
});
