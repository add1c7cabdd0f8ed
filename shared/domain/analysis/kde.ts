/**
 * The kernel density surface of the hot-spot map (issue #17 item 2): a quartic (biweight) kernel
 * of bandwidth h — K(d) = 3 / (π h²) · (1 − d²/h²)² for d < h, 0 beyond; it integrates to 1, so
 * the surface is in incidents per unit area — evaluated at the centres of square cells of `cellM`
 * over the bounds, in incidents per km² (one incident alone peaks at 3 / (π h²) per m²: 10.6 per
 * km² at h = 300 m). The quartic kernel (as ArcGIS and CrimeStat use) reaches no further than h,
 * so each incident touches only the cells within h of it.
 *
 * Distances are in the local equirectangular frame of shared/domain/geo/distance.ts (origin: the
 * bounds' centre). The grid starts at the bounds' north-west corner and runs `cols` cells east and
 * `rows` cells south, enough to cover the bounds (so its south and east edges may lie a little
 * beyond them: the surface says where); values are row-major from the north-west, rounded to
 * 0.01 per km².
 */
import type { KdeSurface } from '../../contract/analysis';
import { localFrame } from '../geo/distance';
import type { LatLng } from '../geo/lat-lng';
import type { Bounds } from '../geo/polygon';

/** The quartic kernel at distance d (m) for bandwidth h (m), per m². */
export function quarticKernel(d: number, h: number): number {
  if (d >= h) return 0;
  const u = 1 - (d * d) / (h * h);
  return (3 / (Math.PI * h * h)) * u * u;
}

/** Most cells a surface may have (the bounds and cell size are refused beyond). */
export const maxKdeCells = 4_000_000;

export function kdeSurface(
  points: readonly LatLng[],
  bounds: Bounds,
  cellM: number,
  bandwidthM: number,
): KdeSurface {
  if (!(cellM > 0) || !(bandwidthM > 0)) {
    throw new Error(`KDE cell and bandwidth are more than 0 m: ${cellM}, ${bandwidthM}`);
  }
  const frame = localFrame({
    lat: (bounds.south + bounds.north) / 2,
    lng: (bounds.west + bounds.east) / 2,
  });
  const nw = frame.toXY({ lat: bounds.north, lng: bounds.west });
  const se = frame.toXY({ lat: bounds.south, lng: bounds.east });
  const cols = Math.max(1, Math.ceil((se.x - nw.x) / cellM - 1e-9));
  const rows = Math.max(1, Math.ceil((nw.y - se.y) / cellM - 1e-9));
  if (rows * cols > maxKdeCells) {
    throw new Error(
      `a KDE surface of ${rows} × ${cols} cells is too large (${maxKdeCells} at most)`,
    );
  }
  const grid = new Float64Array(rows * cols);
  const reach = Math.ceil(bandwidthM / cellM);
  const h2 = bandwidthM * bandwidthM;
  const scale = (3 / (Math.PI * h2)) * 1e6;
  for (const p of points) {
    const { x, y } = frame.toXY(p);
    // Cell (row, col) has its centre at (nw.x + (col + ½) cell, nw.y − (row + ½) cell).
    const c0 = Math.floor((x - nw.x) / cellM);
    const r0 = Math.floor((nw.y - y) / cellM);
    for (let r = Math.max(0, r0 - reach); r <= Math.min(rows - 1, r0 + reach); r++) {
      const dy = nw.y - (r + 0.5) * cellM - y;
      for (let c = Math.max(0, c0 - reach); c <= Math.min(cols - 1, c0 + reach); c++) {
        const dx = nw.x + (c + 0.5) * cellM - x;
        const d2 = dx * dx + dy * dy;
        if (d2 >= h2) continue;
        const u = 1 - d2 / h2;
        grid[r * cols + c] = (grid[r * cols + c] as number) + scale * u * u;
      }
    }
  }
  const values = new Array<number>(grid.length);
  let max = 0;
  for (let i = 0; i < grid.length; i++) {
    const v = Math.round((grid[i] as number) * 100) / 100;
    values[i] = v;
    if (v > max) max = v;
  }
  const sw = frame.toLatLng({ x: nw.x, y: nw.y - rows * cellM });
  const ne = frame.toLatLng({ x: nw.x + cols * cellM, y: nw.y });
  return {
    south: sw.lat,
    west: bounds.west,
    north: bounds.north,
    east: ne.lng,
    rows,
    cols,
    cellM,
    bandwidthM,
    values,
    max,
  };
}
