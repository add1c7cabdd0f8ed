/**
 * The `vigil://app/…` protocol handler, as a function from a fetch `Request` to a `Response`
 * (main.ts hands it to `protocol.handle`; the unit tests call it under Node, whose Request and
 * Response are the same web classes). Files come from the renderer folder only (app-protocol.ts
 * resolveAppFile refuses traversal), each with our CSP header; base-map tiles come through the
 * station's cache. No Electron import.
 */
import { readFile as fsReadFile } from 'node:fs/promises';
import { tileHeaders } from '../station/map/tile-route';
import { appTileRequest, contentTypeFor, resolveAppFile } from './app-protocol';

export interface AppHandlerOptions {
  /** out/renderer. */
  rendererDir: string;
  /** The Content-Security-Policy of every page (csp.ts shellCsp). */
  policy: string;
  /** station.tiles (null while the station is not up). */
  tiles: (
    z: number,
    x: number,
    y: number,
  ) => Promise<{ bytes: Buffer; contentType: string } | null | undefined>;
  readFile?: (file: string) => Promise<Buffer>;
}

/** The headers of a renderer file: its type, our CSP, no sniffing, no stale cache. */
export function appFileHeaders(file: string, policy: string): Record<string, string> {
  return {
    'Content-Type': contentTypeFor(file),
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

export function appRequestHandler(
  options: AppHandlerOptions,
): (request: Request) => Promise<Response> {
  const readFile = options.readFile ?? ((file: string) => fsReadFile(file));
  return async (request) => {
    // ---- map: base-map tiles through the station's cache
    const tile = appTileRequest(request.url);
    if (tile) {
      const found = tile === 'bad' ? null : await options.tiles(tile.z, tile.x, tile.y);
      if (!found) return new Response('no tile', { status: 404 });
      return new Response(new Uint8Array(found.bytes), { headers: tileHeaders(found.contentType) });
    }
    // ---- end map
    const file = resolveAppFile(options.rendererDir, request.url);
    if (!file) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(new Uint8Array(body), { headers: appFileHeaders(file, options.policy) });
    } catch {
      return new Response('not found', { status: 404 });
    }
  };
}
