/**
 * The hot-spot statistics of the analysis products (issue #17 item 2): the hex grid's ids,
 * neighbours and corners, Getis-Ord Gi* z-scores, the Benjamini–Hochberg step and the quartic
 * KDE, each against values worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  confidenceOf,
  giStar,
  twoSidedP,
  type Neighbourhoods,
} from '../../../shared/domain/analysis/gi-star';
import {
  hexAtXY,
  hexCentreXY,
  hexCorners,
  hexCornersAt,
  hexGrid,
  hexId,
  hexNeighbours,
  parseHexId,
} from '../../../shared/domain/analysis/hex-grid';
import { kdeSurface, quarticKernel } from '../../../shared/domain/analysis/kde';
import { localFrame } from '../../../shared/domain/geo/distance';

const centre = { lat: 35.4, lng: 116.97 };
const frame = localFrame(centre);
/** Bounds of ±half metres around the centre (so the products' frame is this one). */
const square = (half: number) => {
  const sw = frame.toLatLng({ x: -half, y: -half });
  const ne = frame.toLatLng({ x: half, y: half });
  return { south: sw.lat, west: sw.lng, north: ne.lat, east: ne.lng };
};

describe('hex grid', () => {
  it('ids round-trip through centres, and the 6 neighbours lie one size away', () => {
    const size = 250;
    for (const [q, r] of [
      [0, 0],
      [3, -2],
      [-7, 5],
      [12, 11],
    ] as const) {
      const c = hexCentreXY(q, r, size);
      expect(hexAtXY(c.x, c.y, size)).toEqual({ q, r });
      // Just inside the cell towards each corner (radius 250/√3 ≈ 144 m): still the same cell.
      for (let k = 0; k < 6; k++) {
        const a = (k * Math.PI) / 3 + Math.PI / 2;
        expect(hexAtXY(c.x + 140 * Math.cos(a), c.y + 140 * Math.sin(a), size)).toEqual({ q, r });
      }
      expect(parseHexId(hexId(q, r))).toEqual({ q, r });
      for (const n of hexNeighbours(q, r)) {
        const d = hexCentreXY(n.q, n.r, size);
        expect(Math.hypot(d.x - c.x, d.y - c.y)).toBeCloseTo(size, 9);
        // Neighbourhood is symmetric.
        expect(hexNeighbours(n.q, n.r)).toContainEqual({ q, r });
      }
    }
    expect(parseHexId('1;2')).toBeNull();
  });

  it('refuses a size too small, empty bounds and a grid too large', () => {
    expect(() => hexGrid(square(500), 0)).toThrow(/at least 10 m/);
    expect(() => hexGrid({ south: 1, west: 1, north: 1, east: 2 }, 250)).toThrow(
      /bounds are empty/,
    );
    expect(() => hexGrid(square(100_000), 10)).toThrow(/too large/);
    expect(() => hexCorners(hexGrid(square(500), 250), 'x')).toThrow(/not a hex id/);
  });

  it('covers the bounds with the cells whose centre is inside, and draws a cell by its corners', () => {
    // ±500 m at 250 m: rows r with |r · 216.5| ≤ 500 → r = −2…2; row 0: q = −2…2 (5 cells),
    // rows ±1: x = 250 (q ± ½) within ±500 → 4 cells, rows ±2: x = 250 (q ± 1) → 5 cells: 23.
    const g = hexGrid(square(500), 250);
    expect(g.count).toBe(23);
    for (let k = 0; k < g.count; k++) {
      const { q, r } = g.cell(k);
      expect(g.index(q, r)).toBe(k);
      expect(g.cellAt(g.centre(q, r))).toEqual({ q, r });
    }
    expect(g.index(3, 0)).toBe(-1);
    const corners = hexCorners(g, '0,0');
    expect(corners).toHaveLength(6);
    for (const [lng, lat] of corners) {
      const { x, y } = frame.toXY({ lat, lng });
      expect(Math.hypot(x, y)).toBeCloseTo(250 / Math.sqrt(3), 3);
    }
    // From a cell's centre alone (what a product carries), the same corners to well under a metre.
    const c = g.centre(2, -2);
    const fromGrid = hexCorners(g, '2,-2');
    hexCornersAt(c, 250).forEach(([lng, lat], k) => {
      const a = frame.toXY({ lat, lng });
      const b = frame.toXY({ lat: fromGrid[k]?.[1] ?? 0, lng: fromGrid[k]?.[0] ?? 0 });
      expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeLessThan(0.01);
    });
    // The first corner is the top one (north).
    expect(frame.toXY({ lat: corners[0]?.[1] ?? 0, lng: corners[0]?.[0] ?? 0 }).x).toBeCloseTo(
      0,
      6,
    );
  });
});

/** A line of cells, each with its left and right neighbour (and itself). */
const line = (n: number): Neighbourhoods => {
  const start: number[] = [0];
  const list: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const j of [i - 1, i, i + 1]) if (j >= 0 && j < n) list.push(j);
    start.push(list.length);
  }
  return { start: Int32Array.from(start), list: Int32Array.from(list) };
};

describe('Getis-Ord Gi*', () => {
  it('matches the formula on a line of 5 cells with 6 incidents in the middle', () => {
    // x = [0, 0, 6, 0, 0], n = 5: X̄ = 1.2, S = √(36/5 − 1.44) = √5.76 = 2.4.
    // Middle (w = 3: itself and both sides): (6 − 1.2·3) / (2.4 √((5·3 − 9)/4)) = 2.4 / (2.4 √1.5)
    //   = √(2/3) ≈ 0.8165; cell 1 sees the 6 too: the same.
    // End cell 0 (w = 2): (0 − 2.4) / (2.4 √((10 − 4)/4)) = −1/√1.5 ≈ −0.8165.
    const z = giStar([0, 0, 6, 0, 0], line(5));
    const r = Math.sqrt(2 / 3);
    expect(Array.from(z).map((v) => Number(v.toFixed(10)))).toEqual(
      [-r, r, r, r, -r].map((v) => Number(v.toFixed(10))),
    );
  });

  it('is 0 everywhere when every cell has the same count (S = 0)', () => {
    expect(Array.from(giStar([2, 2, 2, 2], line(4)))).toEqual([0, 0, 0, 0]);
  });

  it('two-sided p-values of the normal distribution', () => {
    expect(twoSidedP(0)).toBeCloseTo(1, 6);
    expect(twoSidedP(1.959964)).toBeCloseTo(0.05, 6);
    expect(twoSidedP(-2.575829)).toBeCloseTo(0.01, 6);
    expect(twoSidedP(1.644854)).toBeCloseTo(0.1, 6);
  });
});

describe('Benjamini–Hochberg', () => {
  it('adjusts a known list of p-values', () => {
    // p = [0.01, 0.04, 0.03, 0.005, 0.2], m = 5. Sorted: 0.005, 0.01, 0.03, 0.04, 0.2;
    // m·p/k = 0.025, 0.025, 0.05, 0.05, 0.2; running minimum from the top: the same.
    // Back in input order: [0.025, 0.05, 0.05, 0.025, 0.2].
    const q = Array.from(benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.2]));
    [0.025, 0.05, 0.05, 0.025, 0.2].forEach((v, i) => expect(q[i]).toBeCloseTo(v, 12));
    // At 95 % four are significant; the 0.2 is not.
    expect(q.map(confidenceOf)).toEqual([95, 95, 95, 95, null]);
  });

  it('takes the running minimum (a larger p further down lowers the adjusted one above)', () => {
    // p = [0.04, 0.045, 0.05], m = 3: m·p/k = 0.12, 0.0675, 0.05 → minimum from the top:
    // 0.05, 0.05, 0.05.
    Array.from(benjaminiHochberg([0.04, 0.045, 0.05])).forEach((v) =>
      expect(v).toBeCloseTo(0.05, 12),
    );
  });
});

describe('quartic KDE', () => {
  // K(d) = 3/(π h²) (1 − d²/h²)², h = 300 m, per km²: 3·10⁶ / (π·90,000) = 10.61033 at d = 0.
  const peak = 3e6 / (Math.PI * 90_000);

  it('one incident at a cell centre: the peak there, (8/9)² of it 100 m away, 0 at 300 m', () => {
    expect(quarticKernel(0, 300) * 1e6).toBeCloseTo(peak, 9);
    // ±500 m at 100 m: 10 × 10 cells; cell (row 4, col 4) has its centre at x = −50, y = 50.
    const s = kdeSurface([frame.toLatLng({ x: -50, y: 50 })], square(500), 100, 300);
    expect([s.rows, s.cols]).toEqual([10, 10]);
    const v = (row: number, col: number): number => s.values[row * s.cols + col] ?? NaN;
    expect(v(4, 4)).toBeCloseTo(peak, 2); // 10.61
    expect(v(4, 5)).toBeCloseTo(peak * (8 / 9) ** 2, 2); // 8.38
    expect(v(3, 3)).toBeCloseTo(peak * (7 / 9) ** 2, 2); // d = 141.4 m: 1 − 2/9 → 6.42
    expect(v(4, 7)).toBe(0); // 300 m: the kernel's edge
    expect(s.max).toBeCloseTo(peak, 2);
    // Integrates to one incident: Σ values × 0.01 km² ≈ 1.
    expect(s.values.reduce((a, b) => a + b, 0) * 0.01).toBeCloseTo(1, 1);
  });

  it('refuses a cell or bandwidth of 0 and a surface too large', () => {
    expect(() => kdeSurface([], square(500), 0, 300)).toThrow(/more than 0 m/);
    expect(() => kdeSurface([], square(500), 100, -1)).toThrow(/more than 0 m/);
    expect(() => kdeSurface([], square(200_000), 10, 300)).toThrow(/too large/);
  });

  it('two incidents 200 m apart add up', () => {
    // At cell (4, 4) and (4, 6): between them, (4, 5), each is 100 m away: 2 · peak · 64/81 =
    // 16.77; at (4, 4): peak + peak · (1 − 4/9)² = peak (1 + 25/81) = 13.89.
    const s = kdeSurface(
      [frame.toLatLng({ x: -50, y: 50 }), frame.toLatLng({ x: 150, y: 50 })],
      square(500),
      100,
      300,
    );
    const v = (row: number, col: number): number => s.values[row * s.cols + col] ?? NaN;
    expect(v(4, 5)).toBeCloseTo(2 * peak * (64 / 81), 2);
    expect(v(4, 4)).toBeCloseTo(peak * (1 + 25 / 81), 2);
    expect(v(4, 6)).toBeCloseTo(peak * (1 + 25 / 81), 2);
  });
});
