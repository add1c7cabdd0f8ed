import { describe, expect, it } from 'vitest';
import { advance, parseCallSigns, positionAt } from '../../../renderer/map/replay';
import {
  absoluteTileUrl,
  cameraColour,
  compassPoint,
  healthRing,
} from '../../../renderer/map/map-style';

const fix = (at: number, lat: number, lng: number) => ({ at, lat, lng, speed: 1, heading: 90 });

describe('track replay', () => {
  const track = [fix(1000, 35, 116), fix(2000, 35.001, 116.002), fix(4000, 35.003, 116.002)];
  it('interpolates between the fixes around a moment and clamps at the ends', () => {
    const a = positionAt(track, 1500)!;
    expect([a.lat, a.lng, a.index]).toEqual([
      expect.closeTo(35.0005, 9),
      expect.closeTo(116.001, 9),
      0,
    ]);
    const b = positionAt(track, 3000)!;
    expect([b.lat, b.lng, b.index]).toEqual([
      expect.closeTo(35.002, 9),
      expect.closeTo(116.002, 9),
      1,
    ]);
    expect(positionAt(track, 0)).toMatchObject({ lat: 35, index: 0 });
    expect(positionAt(track, 9999)).toMatchObject({ lat: 35.003, index: 2 });
    expect(positionAt([], 1)).toBeNull();
  });
  it('moves the clock by elapsed time × speed, stopping at the end', () => {
    expect(advance(0, 100, 60, 100_000)).toBe(6000);
    expect(advance(99_000, 100, 60, 100_000)).toBe(100_000);
  });
  it('reads call signs typed with Chinese or Latin separators', () => {
    const units = [
      { unitId: 'U1', callSign: '巡007' },
      { unitId: 'U2', callSign: '步巡012' },
    ];
    expect(parseCallSigns('巡007，步巡012 巡007', units)).toEqual({
      ids: ['U1', 'U2'],
      unknown: [],
    });
    expect(parseCallSigns('巡999、U2', units)).toEqual({ ids: ['U2'], unknown: ['巡999'] });
  });
});

describe('map style', () => {
  it('resolves the tile template on the page origin, keeping the placeholders', () => {
    expect(absoluteTileUrl('/tiles/{z}/{x}/{y}.png', 'http://127.0.0.1:5000/desk?token=a')).toBe(
      'http://127.0.0.1:5000/tiles/{z}/{x}/{y}.png?token=a',
    );
    // The page's key never leaves for another origin.
    expect(
      absoluteTileUrl('http://gis.example/{z}/{x}/{y}.png', 'http://127.0.0.1:5000/desk?token=a'),
    ).toBe('http://gis.example/{z}/{x}/{y}.png');
    expect(absoluteTileUrl('/tiles/{z}/{x}/{y}.png', 'vigil://app/index.html?window=desk')).toBe(
      'vigil://app/tiles/{z}/{x}/{y}.png',
    );
  });
  it('colours offline cameras red whatever their kind, online ones by kind', () => {
    expect(cameraColour('fixed', 'offline')).toBe(cameraColour('body', 'offline'));
    expect(cameraColour('fixed', 'online')).not.toBe(cameraColour('checkpoint', 'online'));
  });
  it('rings a camera with a bad picture or an open ticket, each its own colour; not others', () => {
    expect(healthRing('picture')).not.toBeNull();
    expect(healthRing('ticket')).not.toBeNull();
    expect(healthRing('picture')).not.toBe(healthRing('ticket'));
    // Offline is the dot's own red; healthy and unknown cameras have no ring.
    for (const mark of ['offline', 'ok', 'unknown', undefined] as const) {
      expect(healthRing(mark)).toBeNull();
    }
  });
  it('names bearings by compass point', () => {
    expect(compassPoint(0)).toBe('N');
    expect(compassPoint(359)).toBe('N');
    expect(compassPoint(135)).toBe('SE');
  });
});
