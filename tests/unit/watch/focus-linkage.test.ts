import { describe, expect, it } from 'vitest';
import { destination } from '../../../shared/domain/geo';
import { rankCamerasForPoint, type LinkageCamera } from '../../../shared/domain/watch';

const point = { lat: 35.4, lng: 116.96 };
const at = (bearing: number, m: number) => destination(point, bearing, m);

describe('linkage ranking by field of view and distance', () => {
  // Cameras placed around the point; heading is where each looks.
  const cams: LinkageCamera[] = [
    // 40 m south, looking north (at the point): sees it.
    { id: 'sees-near', kind: 'fixed', ...at(180, 40), heading: 0, fov: 60, range: 150 },
    // 20 m east, looking east (away): near but blind.
    { id: 'blind-nearest', kind: 'fixed', ...at(90, 20), heading: 90, fov: 60, range: 150 },
    // 120 m west, looking east: sees it, farther.
    { id: 'sees-far', kind: 'fixed', ...at(270, 120), heading: 90, fov: 60, range: 150 },
    // 100 m north, a dome (no heading): sees all around.
    { id: 'dome', kind: 'fixed', ...at(0, 100), range: 150 },
    // 400 m away: outside the radius.
    { id: 'far', kind: 'fixed', ...at(0, 400), heading: 180, fov: 60, range: 600 },
    // 250 m away, looking at it but its range is 150 m: near only.
    { id: 'short-range', kind: 'fixed', ...at(45, 250), heading: 225, fov: 60, range: 150 },
    // The checkpoint that read the plate, 280 m away.
    { id: 'kk', kind: 'checkpoint', ...at(200, 280), heading: 90, fov: 40, range: 100 },
    { id: 'off', kind: 'fixed', ...at(180, 10), heading: 0, fov: 60, status: 'offline' },
  ];

  it('in view first (by distance), then only near (by distance); outside the radius left out', () => {
    const ranked = rankCamerasForPoint(cams, point, { radiusM: 300, limit: 10, skipOffline: true });
    expect(ranked.map((c) => c.cameraId)).toEqual([
      'sees-near',
      'dome',
      'sees-far',
      'blind-nearest',
      'short-range',
      'kk',
    ]);
    expect(ranked[0]).toMatchObject({ reason: 'in-view', sees: true });
    expect(ranked[0]?.distanceM).toBeCloseTo(40, 0);
  });

  it('a checkpoint plate hit pulls its own checkpoint camera first, even beyond the radius', () => {
    const ranked = rankCamerasForPoint(
      cams,
      { ...point, cameraId: 'kk' },
      { radiusM: 150, limit: 3 },
    );
    expect(ranked.map((c) => c.cameraId)).toEqual(['kk', 'off', 'sees-near']);
    expect(ranked[0]?.reason).toBe('checkpoint');
  });

  it('limits the number pulled', () => {
    expect(rankCamerasForPoint(cams, point, { radiusM: 300, limit: 2 })).toHaveLength(2);
  });
});
