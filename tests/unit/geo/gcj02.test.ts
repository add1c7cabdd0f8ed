import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, haversineM, outOfChina, wgs84ToGcj02 } from '../../../shared/domain/geo';

describe('WGS-84 → GCJ-02', () => {
  it('matches the wandergis/coordtransform README vector to the last digit', () => {
    // github.com/wandergis/coordtransform README: wgs84togcj02(116.404, 39.915)
    //   → [116.41024449916938, 39.91640428150164]
    const gcj = wgs84ToGcj02({ lat: 39.915, lng: 116.404 });
    expect(gcj.lng).toBeCloseTo(116.41024449916938, 12);
    expect(gcj.lat).toBeCloseTo(39.91640428150164, 12);
  });

  it.each([
    // googollee/eviltransform python tests (wgsLat, wgsLng, gcjLat, gcjLng). eviltransform uses
    // a = 6378137 rather than Krasovsky's 6378245, a difference of ~1 cm here: compare to 1e-6°.
    ['shanghai', 31.1774276, 121.5272106, 31.17530398364597, 121.531541859215],
    ['shenzhen', 22.543847, 113.912316, 22.540796131694766, 113.9171764808363],
    ['beijing', 39.911954, 116.377817, 39.91334545536069, 116.38404722455657],
  ])('matches the eviltransform vector for %s', (_name, lat, lng, gLat, gLng) => {
    const gcj = wgs84ToGcj02({ lat, lng });
    expect(Math.abs(gcj.lat - gLat)).toBeLessThan(1e-6);
    expect(Math.abs(gcj.lng - gLng)).toBeLessThan(1e-6);
  });

  it('moves a Zoucheng point by a few hundred metres (the offset a GCJ-02 tile shows)', () => {
    const p = { lat: 35.4, lng: 116.97 };
    const d = haversineM(p, wgs84ToGcj02(p));
    expect(d).toBeGreaterThan(100);
    expect(d).toBeLessThan(1000);
  });

  it('is the identity outside China', () => {
    for (const p of [
      { lat: 51.5007, lng: -0.1246 }, // London
      { lat: 35.6586, lng: 139.7454 }, // Tokyo
      { lat: -33.86, lng: 151.21 }, // Sydney
    ]) {
      expect(outOfChina(p)).toBe(true);
      expect(wgs84ToGcj02(p)).toEqual(p);
      expect(gcj02ToWgs84(p)).toEqual(p);
    }
  });
});

describe('GCJ-02 → WGS-84 (iterated)', () => {
  it('inverts the README vector to within 1e-9°', () => {
    const wgs = gcj02ToWgs84({ lat: 39.91640428150164, lng: 116.41024449916938 });
    expect(Math.abs(wgs.lat - 39.915)).toBeLessThan(1e-9);
    expect(Math.abs(wgs.lng - 116.404)).toBeLessThan(1e-9);
  });

  it('is closer than the one-step inverse the README shows', () => {
    // coordtransform's one-step gcj02towgs84(116.404, 39.915) → [116.39775550083061,
    // 39.91359571849836]: within a metre of the exact inverse, which round-trips exactly.
    const exact = gcj02ToWgs84({ lat: 39.915, lng: 116.404 });
    expect(haversineM(exact, { lat: 39.91359571849836, lng: 116.39775550083061 })).toBeLessThan(2);
    const back = wgs84ToGcj02(exact);
    expect(haversineM(back, { lat: 39.915, lng: 116.404 })).toBeLessThan(0.001);
  });

  it('round-trips across the county to under a millimetre', () => {
    for (let lat = 35.1; lat <= 35.7; lat += 0.1) {
      for (let lng = 116.7; lng <= 117.25; lng += 0.11) {
        const p = { lat, lng };
        expect(haversineM(gcj02ToWgs84(wgs84ToGcj02(p)), p)).toBeLessThan(0.001);
      }
    }
  });
});
