/**
 * The simulator's base map: `GET /tiles/{z}/{x}/{y}.png`, 256-pixel Web-Mercator (XYZ) tiles of
 * the simulated county drawn with pngjs, in WGS-84 (no GCJ-02 offset: the simulator's positions
 * and tiles share one datum). Dark, for a command hall: a background, the roads (streets thin,
 * country roads wider, the expressway amber) and the area boundaries (grids faint, zones and
 * regions brighter). No labels: the map draws names from the geometry itself.
 *
 * Rendered on demand and kept in memory (an LRU of `maxCached` tiles); a tile outside the county
 * is one shared empty tile.
 */
import { PNG } from 'pngjs';
import { toLatLng, type Point } from './geo-frame';
import type { DistrictShapes } from './district-geometry';
import type { Road } from './road-network';

const size = 256;
type Rgb = readonly [number, number, number];
const colours = {
  outside: [16, 20, 26] as Rgb,
  land: [27, 33, 41] as Rgb,
  street: [70, 82, 98] as Rgb,
  country: [92, 104, 120] as Rgb,
  expressway: [176, 132, 60] as Rgb,
  grid: [48, 62, 80] as Rgb,
  zone: [66, 98, 132] as Rgb,
  region: [96, 140, 190] as Rgb,
};

export const tileMaxZoom = 19;

interface PixelPath {
  points: Point[];
  /** Local-frame bounding box, for a quick reject. */
  box: { minX: number; minY: number; maxX: number; maxY: number };
}

const pathOf = (points: Point[], closed: boolean): PixelPath => {
  const pts = closed && points.length ? [...points, points[0] as Point] : points;
  return {
    points: pts,
    box: {
      minX: Math.min(...pts.map((p) => p.x)),
      minY: Math.min(...pts.map((p) => p.y)),
      maxX: Math.max(...pts.map((p) => p.x)),
      maxY: Math.max(...pts.map((p) => p.y)),
    },
  };
};

/** Web Mercator: the pixel (at zoom z, 256-px tiles) of a WGS-84 point. */
function mercatorPixel(lat: number, lng: number, z: number): { px: number; py: number } {
  const scale = size * 2 ** z;
  const sin = Math.sin((lat * Math.PI) / 180);
  return {
    px: ((lng + 180) / 360) * scale,
    py: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale,
  };
}

export interface TileRenderer {
  /** A PNG, or null for an address out of range. */
  tile(z: number, x: number, y: number): Buffer | null;
}

export function createTileRenderer(
  roads: readonly Road[],
  shapes: DistrictShapes,
  maxCached = 4000,
): TileRenderer {
  const layers: { paths: PixelPath[]; colour: Rgb; width: (z: number) => number }[] = [
    {
      paths: shapes.grids.map((p) => pathOf(p, true)),
      colour: colours.grid,
      width: (z) => (z >= 13 ? 1 : 0),
    },
    {
      paths: shapes.zones.map((p) => pathOf(p, true)),
      colour: colours.zone,
      width: (z) => (z >= 11 ? 1.5 : 1),
    },
    {
      paths: roads.filter((r) => r.kind === 'street').map((r) => pathOf(r.points, false)),
      colour: colours.street,
      width: (z) => (z >= 15 ? 4 : z >= 13 ? 2 : 1),
    },
    {
      paths: roads.filter((r) => r.kind === 'country').map((r) => pathOf(r.points, false)),
      colour: colours.country,
      width: (z) => (z >= 15 ? 5 : z >= 12 ? 2.5 : 1.5),
    },
    {
      paths: roads.filter((r) => r.kind === 'expressway').map((r) => pathOf(r.points, false)),
      colour: colours.expressway,
      width: (z) => (z >= 15 ? 6 : z >= 12 ? 3 : 2),
    },
    {
      paths: shapes.regions.map((p) => pathOf(p, true)),
      colour: colours.region,
      width: (z) => (z >= 12 ? 2.5 : 2),
    },
  ];
  const county = pathOf(shapes.regions.flat(), false).box;
  const cache = new Map<string, Buffer>();
  let empty: Buffer | null = null;

  const render = (z: number, x: number, y: number): Buffer => {
    const png = new PNG({ width: size, height: size });
    const ox = x * size;
    const oy = y * size;
    const toPx = (p: Point): { px: number; py: number } => {
      const { lat, lng } = toLatLng(p);
      const m = mercatorPixel(lat, lng, z);
      return { px: m.px - ox, py: m.py - oy };
    };
    // Metres per pixel here, to reject paths far from the tile in the local frame.
    const corner = toPx({ x: 0, y: 0 });
    const metresPerPx = (1 / Math.abs(toPx({ x: 1000, y: 0 }).px - corner.px)) * 1000;
    const tileBox = {
      minX: (0 - corner.px) * metresPerPx,
      maxX: (size - corner.px) * metresPerPx,
      minY: -(size - corner.py) * metresPerPx,
      maxY: -(0 - corner.py) * metresPerPx,
    };
    const margin = 8 * metresPerPx;
    const overlaps = (b: PixelPath['box']): boolean =>
      b.maxX >= tileBox.minX - margin &&
      b.minX <= tileBox.maxX + margin &&
      b.maxY >= tileBox.minY - margin &&
      b.minY <= tileBox.maxY + margin;

    // Background: land inside the padded county, darker outside.
    const data = png.data;
    for (let py = 0; py < size; py++) {
      const my = -(py + 0.5 - corner.py) * metresPerPx;
      for (let px = 0; px < size; px++) {
        const mx = (px + 0.5 - corner.px) * metresPerPx;
        const inside =
          mx >= county.minX && mx <= county.maxX && my >= county.minY && my <= county.maxY;
        const c = inside ? colours.land : colours.outside;
        const i = (py * size + px) * 4;
        data[i] = c[0];
        data[i + 1] = c[1];
        data[i + 2] = c[2];
        data[i + 3] = 255;
      }
    }
    const dot = (cx: number, cy: number, r: number, c: Rgb): void => {
      const x0 = Math.max(0, Math.floor(cx - r));
      const x1 = Math.min(size - 1, Math.ceil(cx + r));
      const y0 = Math.max(0, Math.floor(cy - r));
      const y1 = Math.min(size - 1, Math.ceil(cy + r));
      for (let py = y0; py <= y1; py++) {
        for (let px = x0; px <= x1; px++) {
          if ((px - cx) ** 2 + (py - cy) ** 2 > r * r) continue;
          const i = (py * size + px) * 4;
          data[i] = c[0];
          data[i + 1] = c[1];
          data[i + 2] = c[2];
        }
      }
    };
    for (const layer of layers) {
      const w = layer.width(z);
      if (w <= 0) continue;
      const r = Math.max(0.5, w / 2);
      for (const path of layer.paths) {
        if (!overlaps(path.box)) continue;
        let prev = toPx(path.points[0] as Point);
        for (let i = 1; i < path.points.length; i++) {
          const cur = toPx(path.points[i] as Point);
          const minX = Math.min(prev.px, cur.px);
          const maxX = Math.max(prev.px, cur.px);
          const minY = Math.min(prev.py, cur.py);
          const maxY = Math.max(prev.py, cur.py);
          if (maxX >= -r && minX <= size + r && maxY >= -r && minY <= size + r) {
            // Clip the walk to the tile: only the steps that can touch it are drawn.
            const len = Math.hypot(cur.px - prev.px, cur.py - prev.py);
            const steps = Math.max(1, Math.ceil(len / 0.7));
            for (let k = 0; k <= steps; k++) {
              const t = k / steps;
              const px = prev.px + (cur.px - prev.px) * t;
              const py = prev.py + (cur.py - prev.py) * t;
              if (px < -r || px > size + r || py < -r || py > size + r) continue;
              dot(px, py, r, layer.colour);
            }
          }
          prev = cur;
        }
      }
    }
    return PNG.sync.write(png, { colorType: 2 });
  };

  return {
    tile(z, x, y) {
      if (![z, x, y].every(Number.isInteger) || z < 0 || z > tileMaxZoom) return null;
      const n = 2 ** z;
      if (x < 0 || y < 0 || x >= n || y >= n) return null;
      const key = `${z}/${x}/${y}`;
      const hit = cache.get(key);
      if (hit) {
        cache.delete(key);
        cache.set(key, hit);
        return hit;
      }
      // A tile wholly outside the padded county is the shared empty tile.
      const nw = tileCornerLatLng(z, x, y);
      const se = tileCornerLatLng(z, x + 1, y + 1);
      const sw = toLatLng({ x: county.minX, y: county.minY });
      const ne = toLatLng({ x: county.maxX, y: county.maxY });
      if (se.lat > ne.lat || nw.lat < sw.lat || se.lng < sw.lng || nw.lng > ne.lng) {
        empty ??= emptyTile();
        return empty;
      }
      const png = render(z, x, y);
      cache.set(key, png);
      if (cache.size > maxCached) cache.delete(cache.keys().next().value as string);
      return png;
    },
  };
}

function tileCornerLatLng(z: number, x: number, y: number): { lat: number; lng: number } {
  const n = 2 ** z;
  const lng = (x / n) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
  return { lat, lng };
}

function emptyTile(): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < png.data.length; i += 4) {
    png.data[i] = colours.outside[0];
    png.data[i + 1] = colours.outside[1];
    png.data[i + 2] = colours.outside[2];
    png.data[i + 3] = 255;
  }
  return PNG.sync.write(png, { colorType: 2 });
}
