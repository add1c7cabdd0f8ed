/**
 * The hot-spot hex grid (issue #17 item 2): pointy-top hexagons whose centres lie `sizeM` apart
 * (centre to centre; a side — and the circumradius — is sizeM ÷ √3), in a local equirectangular
 * frame in metres (x east, y north) whose origin is the centre of the district's bounds. Cells are
 * named by axial coordinates "q,r": the centre of (q, r) is x = sizeM·(q + r/2),
 * y = sizeM·(√3/2)·r, so r counts rows northward and q runs east along a row. The same bounds and
 * size give the same ids in every product, so a cell can be named in a warning (`source.hexId`).
 *
 * The grid's cells are those whose centre lies inside the bounds. The UI draws a cell with
 * `hexCorners` (6 [lng, lat] corners) of a grid made by `hexGrid` with the product's bounds and
 * hexSizeM.
 */
import { localFrame, type LocalFrame } from '../geo/distance';
import type { LatLng } from '../geo/lat-lng';
import type { Bounds } from '../geo/polygon';

export type { Bounds };

const sqrt3 = Math.sqrt(3);

/** Axial neighbours of a pointy-top hex: E, NE, NW, W, SW, SE. */
export const hexDirections: readonly (readonly [number, number])[] = [
  [1, 0],
  [0, 1],
  [-1, 1],
  [-1, 0],
  [0, -1],
  [1, -1],
];

export interface HexGrid {
  sizeM: number;
  frame: LocalFrame;
  /** Rows r from rMin to rMax; in row r the cells q = qLo[r − rMin] … qHi[r − rMin]. */
  rMin: number;
  rMax: number;
  qLo: Int32Array;
  qHi: Int32Array;
  /** Where each row starts in the dense numbering of cells (index = rowStart + q − qLo). */
  rowStart: Int32Array;
  /** Number of cells in the grid. */
  count: number;
  /** The cell (q, r) whose hexagon holds a point (it may be outside the grid: see `index`). */
  cellAt(p: LatLng): { q: number; r: number };
  /** The dense index of (q, r), −1 when it is not a cell of the grid. */
  index(q: number, r: number): number;
  /** (q, r) of a dense index. */
  cell(index: number): { q: number; r: number };
  centre(q: number, r: number): LatLng;
}

/** Axial coordinates of the hexagon holding the local point (x, y) (cube rounding). */
export function hexAtXY(x: number, y: number, sizeM: number): { q: number; r: number } {
  const fr = y / ((sqrt3 / 2) * sizeM);
  const fq = x / sizeM - fr / 2;
  const fs = -fq - fr;
  let q = Math.round(fq);
  let r = Math.round(fr);
  const s = Math.round(fs);
  const dq = Math.abs(q - fq);
  const dr = Math.abs(r - fr);
  const ds = Math.abs(s - fs);
  if (dq > dr && dq > ds) q = -r - s;
  else if (dr > ds) r = -q - s;
  return { q: q + 0, r: r + 0 };
}

/** The local centre (metres) of the cell (q, r). */
export function hexCentreXY(q: number, r: number, sizeM: number): { x: number; y: number } {
  return { x: sizeM * (q + r / 2), y: sizeM * (sqrt3 / 2) * r };
}

export const hexId = (q: number, r: number): string => `${q},${r}`;

/** (q, r) of an id "q,r", null when it is not one. */
export function parseHexId(id: string): { q: number; r: number } | null {
  const m = /^(-?\d+),(-?\d+)$/.exec(id);
  return m ? { q: Number(m[1]), r: Number(m[2]) } : null;
}

/** The 6 neighbours of (q, r), E first and counter-clockwise. */
export function hexNeighbours(q: number, r: number): { q: number; r: number }[] {
  return hexDirections.map(([dq, dr]) => ({ q: q + dq, r: r + dr }));
}

/** Most cells a hex grid may have (a district of 3,700 km² at 250 m has 68,000). */
export const maxHexCells = 2_000_000;

export function hexGrid(bounds: Bounds, sizeM: number): HexGrid {
  if (!(sizeM >= 10)) throw new Error(`a hex is at least 10 m across: ${sizeM}`);
  if (!(bounds.north > bounds.south && bounds.east > bounds.west)) {
    throw new Error('the bounds are empty (north ≤ south or east ≤ west)');
  }
  const frame = localFrame({
    lat: (bounds.south + bounds.north) / 2,
    lng: (bounds.west + bounds.east) / 2,
  });
  const sw = frame.toXY({ lat: bounds.south, lng: bounds.west });
  const ne = frame.toXY({ lat: bounds.north, lng: bounds.east });
  const rowM = (sqrt3 / 2) * sizeM;
  const approx = ((ne.x - sw.x) / sizeM + 1) * ((ne.y - sw.y) / rowM + 1);
  if (approx > maxHexCells) {
    throw new Error(
      `a hex grid of ~${Math.round(approx)} cells is too large (${maxHexCells} at most)`,
    );
  }
  const rMin = Math.ceil(sw.y / rowM);
  const rMax = Math.floor(ne.y / rowM);
  const rows = Math.max(0, rMax - rMin + 1);
  const qLo = new Int32Array(rows);
  const qHi = new Int32Array(rows);
  const rowStart = new Int32Array(rows + 1);
  for (let i = 0; i < rows; i++) {
    const r = rMin + i;
    qLo[i] = Math.ceil(sw.x / sizeM - r / 2);
    qHi[i] = Math.floor(ne.x / sizeM - r / 2);
    rowStart[i + 1] =
      (rowStart[i] as number) + Math.max(0, (qHi[i] as number) - (qLo[i] as number) + 1);
  }
  const count = rowStart[rows] as number;
  const index = (q: number, r: number): number => {
    const i = r - rMin;
    if (i < 0 || i >= rows) return -1;
    const lo = qLo[i] as number;
    if (q < lo || q > (qHi[i] as number)) return -1;
    return (rowStart[i] as number) + q - lo;
  };
  return {
    sizeM,
    frame,
    rMin,
    rMax,
    qLo,
    qHi,
    rowStart,
    count,
    cellAt(p) {
      const { x, y } = frame.toXY(p);
      return hexAtXY(x, y, sizeM);
    },
    index,
    cell(k) {
      let lo = 0;
      let hi = rows - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if ((rowStart[mid] as number) <= k) lo = mid;
        else hi = mid - 1;
      }
      return { q: (qLo[lo] as number) + k - (rowStart[lo] as number), r: rMin + lo };
    },
    centre(q, r) {
      return frame.toLatLng(hexCentreXY(q, r, sizeM));
    },
  };
}

/**
 * The 6 corners of the hex of size `sizeM` centred at `centre` (a HexCell's lat/lng), as [lng, lat]
 * from the top corner clockwise: what the map draws when it has a product's cells but not its
 * bounds. It measures from the cell's own latitude rather than the grid's centre: over a district
 * of 60 km the corners differ from `hexCorners` by well under a metre.
 */
export function hexCornersAt(centre: LatLng, sizeM: number): [number, number][] {
  return cornersAround(localFrame(centre), { x: 0, y: 0 }, sizeM);
}

function cornersAround(
  frame: LocalFrame,
  c: { x: number; y: number },
  sizeM: number,
): [number, number][] {
  const radius = sizeM / sqrt3;
  return Array.from({ length: 6 }, (_, k) => {
    const a = Math.PI / 2 - (k * Math.PI) / 3;
    const p = frame.toLatLng({ x: c.x + radius * Math.cos(a), y: c.y + radius * Math.sin(a) });
    return [p.lng, p.lat] as [number, number];
  });
}

/**
 * The 6 corners of a cell as [lng, lat] (GeoJSON order; a Leaflet polygon takes them reversed),
 * starting at the top (north) corner and going clockwise — for the UI to draw the hexes of a
 * product: `hexCorners(hexGrid(product bounds, product.hexSizeM), id)`.
 */
export function hexCorners(grid: HexGrid, id: string): [number, number][] {
  const cell = parseHexId(id);
  if (!cell) throw new Error(`not a hex id ("q,r"): ${id}`);
  return cornersAround(grid.frame, hexCentreXY(cell.q, cell.r, grid.sizeM), grid.sizeM);
}
