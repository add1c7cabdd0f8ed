import { describe, expect, it } from 'vitest';
import { destination } from '../../../shared/domain/geo/distance';
import { nearestCameras, octantOf } from '../../../shared/domain/geo/neighbours';

const origin = { id: 'c0', lat: 35.405, lng: 116.966 };
const at = (id: string, bearing: number, m: number) => ({ id, ...destination(origin, bearing, m) });

describe('nearest cameras', () => {
  it('lists the nearest first, with distance and a compass direction, without the camera itself', () => {
    const cameras = [
      origin,
      at('far', 90, 1500),
      at('ne', 45, 200),
      at('s', 180, 600),
      at('out', 0, 5000),
    ];
    const near = nearestCameras(origin, cameras);
    expect(near.map((n) => n.camera.id)).toEqual(['ne', 's', 'far']);
    expect(near[0]!.distanceM).toBeCloseTo(200, 0);
    expect(near.map((n) => n.octant)).toEqual(['ne', 's', 'e']);
  });

  it('keeps to the limit', () => {
    const cameras = Array.from({ length: 20 }, (_, i) => at(`c${i + 1}`, i * 18, 100 + i * 10));
    expect(nearestCameras(origin, cameras, { limit: 5 })).toHaveLength(5);
  });

  it('names the eight directions at their edges', () => {
    expect([0, 22, 23, 67, 68, 180, 337, 338, 359.9].map(octantOf)).toEqual([
      'n',
      'n',
      'ne',
      'ne',
      'e',
      's',
      'nw',
      'n',
      'n',
    ]);
  });
});
