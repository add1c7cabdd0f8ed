/**
 * The renderer is served from our own scheme, `vigil://app/…` (as VS Code serves its workbench
 * from `vscode-file://vscode-app`), not from file://: a standard scheme gives the pages a real
 * origin for `'self'` in the CSP, lets the protocol handler attach the CSP header to every
 * response, and makes "is this one of our pages" a plain origin comparison (Electron's security
 * checklist: "avoid file://, prefer a custom protocol").
 *
 * Pure: URL building, path resolution (no traversal out of the renderer folder), content types.
 */
import type { CustomScheme } from 'electron';
import { contentTypeFor, resolveInside } from '../serve/static-files';
import { isTilePath, parseTilePath } from '../station/map/tile-route';

export const APP_SCHEME = 'vigil';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * How `vigil:` is registered (before `ready`): a standard scheme (real origins, relative URLs), a
 * secure context, fetch and streaming. Nothing more: no `bypassCSP` (our CSP header must apply),
 * no `corsEnabled`, no service workers, no code cache.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  stream: true,
} as const satisfies CustomScheme['privileges'];

export type WindowRole = { kind: 'desk' } | { kind: 'wall'; wallId: number };

/** The renderer URL for a window: `?window=desk` or `?window=wall&wall=N` (renderer reads it). */
export function rendererUrl(base: string, role: WindowRole): string {
  const url = new URL(base);
  url.search = '';
  url.hash = '';
  url.searchParams.set('window', role.kind);
  if (role.kind === 'wall') url.searchParams.set('wall', String(role.wallId));
  return url.toString();
}

/**
 * Whether a URL is one of our renderer's pages: our scheme, or (in development) the origin of
 * electron-vite's dev server. Anything else (a page that navigated away, an iframe, about:blank,
 * a file:// the user dropped) is not ours.
 */
export function isRendererUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  if (!devServerUrl) return false;
  try {
    const dev = new URL(devServerUrl);
    return (dev.protocol === 'http:' || dev.protocol === 'https:') && parsed.origin === dev.origin;
  } catch {
    return false;
  }
}

/**
 * The file a `vigil://app/...` request reads from the renderer folder, or null when the request
 * is not ours or would leave the folder (`..`, encoded or not; absolute paths; NUL bytes).
 */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  return resolveInside(root, url.pathname);
}

export { contentTypeFor };

/**
 * Map tiles under our origin: `vigil://app/tiles/{z}/{x}/{y}.png` (the renderer's Leaflet layer
 * asks `/tiles/…` on its own origin, so img-src 'self' covers it and every tile passes through the
 * station's MBTiles cache). Returns the tile address, 'bad' for a /tiles/ path that is not a
 * valid tile (answer 404), or null when the request is not for a tile.
 */
export function appTileRequest(
  requestUrl: string,
): { z: number; x: number; y: number } | 'bad' | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || !isTilePath(url.pathname)) {
    return null;
  }
  return parseTilePath(url.pathname) ?? 'bad';
}
