/**
 * The tile path both hosts serve (the browser host over HTTP, Electron under vigil://app): the
 * renderer's Leaflet layer asks `/tiles/{z}/{x}/{y}.png` on its own origin, never the GIS
 * server, so every tile passes through the station's cache.
 */
import { maxTileZoom, validTileAddress, type TileAddress } from './mbtiles';

const tilePath = /^\/tiles\/(\d{1,2})\/(\d{1,8})\/(\d{1,8})(?:\.(?:png|jpg|jpeg|webp))?$/;

/** z/x/y of a tile path, or null when the path is not one (or is out of range). */
export function parseTilePath(path: string): TileAddress | null {
  const m = tilePath.exec(path);
  if (!m) return null;
  const t = { z: Number(m[1]), x: Number(m[2]), y: Number(m[3]) };
  return t.z <= maxTileZoom && validTileAddress(t) ? t : null;
}

/** True for any path under /tiles/ (so a bad tile path is a 404, not a renderer file). */
export const isTilePath = (path: string): boolean => path.startsWith('/tiles/');

/** Headers of a tile answer: tiles change rarely; the station's cache is the source of truth. */
export const tileHeaders = (contentType: string): Record<string, string> => ({
  'Content-Type': contentType,
  'Cache-Control': 'private, max-age=3600',
  'X-Content-Type-Options': 'nosniff',
});
