/**
 * The browser host: the same renderer and the same contract as the Electron app, served to a
 * browser over HTTP and a WebSocket on 127.0.0.1. It is how the tests drive the real app in
 * Chromium where the Electron binary is missing, and a deployment mode for kiosk-browser displays.
 *
 * Security: binds 127.0.0.1 unless configured; a secret token in every page URL and required on
 * the WebSocket; the WebSocket's Origin must be this host's own; pages carry a strict CSP.
 *
 * WebSocket protocol (renderer/transport): the client sends `{ id, method, input }`, the host
 * answers `{ id, result }` with the contract's Result; events are pushed as `{ event }`.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { contentTypeFor, resolveInside } from './static-files';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Caller } from '../../shared/api';
import type { Station } from '../station/station';
import { errorMessage } from '../station/contract-host';
import { buildCsp } from '../../shared/csp';
import { isTilePath, parseTilePath, tileHeaders } from '../station/map/tile-route';

export interface BrowserHostOptions {
  station: Station;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /**
   * The secret pages need (serve's CLI keeps one per data folder so a kiosk page reconnects after
   * a restart of the host); a random one when absent.
   */
  token?: string;
  log?: (line: string) => void;
}

export interface BrowserHost {
  origin: string;
  token: string;
  deskUrl: string;
  wallUrls: string[];
  close(): Promise<void>;
}

/** Largest message a window may send: intents are small; this bounds a hostile page. */
const maxMessageBytes = 256 * 1024;

export function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Which window a page or socket is, from `/desk`, `/wall/N` or `?window=wall&wall=N`. */
export function callerFromUrl(url: URL, station: Station): Caller | null {
  const { operator, role } = station.config.station;
  const windowKind = url.searchParams.get('window');
  if (windowKind === 'desk') return { window: 'desk', operator, role };
  if (windowKind === 'wall') {
    const wallId = Number(url.searchParams.get('wall'));
    if (Number.isInteger(wallId) && wallId >= 1 && wallId <= station.wallCount) {
      return { window: 'wall', wallId, operator, role };
    }
  }
  return null;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { station, rendererDir } = options;
  const log = options.log ?? (() => {});
  const token = options.token ?? randomBytes(18).toString('base64url');
  const indexFile = join(rendererDir, 'index.html');
  if (!existsSync(indexFile)) {
    throw new Error(`the renderer is not built: ${indexFile} is missing (run npm run build)`);
  }
  let origin = '';

  const csp = (): string =>
    buildCsp({
      self: origin,
      websocket: origin.replace(/^http/, 'ws'),
      streamOrigins: station.platformOrigins(),
      tileOrigins: station.config.security.tileHosts,
    });

  const sendIndex = (res: ServerResponse): void => {
    res.writeHead(200, {
      'Content-Type': contentTypeFor(indexFile),
      'Content-Security-Policy': csp(),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    // Read per request: a rebuild while the host runs must not leave pages naming deleted assets.
    res.end(readFileSync(indexFile));
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', origin);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const path = url.pathname;
    if (path === '/') {
      // Never hand out the token here: any local process could ask. The URLs are printed.
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(
        'Vigil: open the desk or wall URL printed by `npm run serve` (it carries the token).\n',
      );
      return;
    }
    if (path === '/desk' || /^\/wall\/\d{1,2}$/.test(path)) {
      sendIndex(res);
      return;
    }
    // ---- map: base-map tiles through the station's cache (never from the GIS server directly)
    if (isTilePath(path)) {
      const t = parseTilePath(path);
      const notFound = (): void => {
        if (!res.headersSent) {
          res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('no tile');
        }
      };
      if (!t) return notFound();
      station.tiles(t.z, t.x, t.y).then(
        (tile) => {
          if (!tile) return notFound();
          res.writeHead(200, {
            ...tileHeaders(tile.contentType),
            'Content-Length': tile.bytes.length,
          });
          res.end(req.method === 'HEAD' ? undefined : tile.bytes);
        },
        (error: unknown) => {
          log(`serve: tile ${path}: ${String(error)}`);
          notFound();
        },
      );
      return;
    }
    // ---- end map
    // Assets are referenced relatively ('./assets/…', so file:// works in Electron); from
    // /wall/2 that resolves to /wall/assets/…: serve any …/assets/<file> from the assets folder.
    const assetAt = path.lastIndexOf('/assets/');
    const file = resolveInside(rendererDir, assetAt >= 0 ? path.slice(assetAt) : path);
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': contentTypeFor(file),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    createReadStream(file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  const sockets = new Set<WebSocket>();

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const refuse = (status: string, why: string): void => {
      log(`browser host: refused a WebSocket: ${why}`);
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    };
    if (url.pathname !== '/ws') return refuse('404 Not Found', 'unknown path');
    if (!tokensEqual(url.searchParams.get('token') ?? '', token)) {
      return refuse('401 Unauthorized', 'bad token');
    }
    if (req.headers.origin !== origin) {
      return refuse('403 Forbidden', `foreign origin ${String(req.headers.origin)}`);
    }
    const caller = callerFromUrl(url, station);
    if (!caller) return refuse('400 Bad Request', 'window must be desk or wall=1..N');
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, caller));
  });

  const serveSocket = (ws: WebSocket, caller: Caller): void => {
    sockets.add(ws);
    const unsubscribe = station.events.on((event) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event }));
    });
    ws.on('message', (data, isBinary) => {
      void (async () => {
        let id: unknown = null;
        try {
          if (isBinary) throw new Error('binary messages are not part of the protocol');
          const message: unknown = JSON.parse(String(data));
          if (typeof message !== 'object' || message === null) throw new Error('not an object');
          const { id: messageId, method, input } = message as Record<string, unknown>;
          id = typeof messageId === 'number' || typeof messageId === 'string' ? messageId : null;
          const result = await station.host.dispatch(method, input, caller);
          ws.send(JSON.stringify({ id, result }));
        } catch (error) {
          const result = {
            ok: false,
            error: { code: 'bad-input', message: `bad message: ${errorMessage(error)}` },
          };
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
        }
      })();
    });
    ws.on('close', () => {
      unsubscribe();
      sockets.delete(ws);
    });
    ws.on('error', () => ws.close());
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostName = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${hostName}:${address.port}`;

  const walls = Array.from({ length: station.wallCount }, (_, i) => i + 1);
  return {
    origin,
    token,
    deskUrl: `${origin}/desk?token=${token}`,
    wallUrls: walls.map((n) => `${origin}/wall/${n}?token=${token}`),
    close: async () => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
