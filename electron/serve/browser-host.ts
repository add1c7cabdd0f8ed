/**
 * The browser host: the same renderer and the same contract as the Electron app, served to a
 * browser over HTTP and a WebSocket on 127.0.0.1. It is how the tests drive the real app in
 * Chromium where the Electron binary is missing, and a deployment mode for kiosk-browser displays.
 *
 * Security, for a host on a machine where other pages and processes may be hostile:
 *   - binds 127.0.0.1 unless configured; answers only a Host that is an IP literal or localhost
 *     with its port (no DNS rebinding);
 *   - one key per window (`windowToken`, derived from the host's secret): the desk's URL and each
 *     wall's differ, and the socket's window is the key's, so a wall page cannot act as the desk;
 *     pages, the socket and `/tiles` need one; a repeated parameter is no key;
 *   - the WebSocket's Origin must be the page's own; pages carry a strict CSP; source maps are
 *     not served;
 *   - no request can throw the host over (a malformed target is a 400); a window that stops
 *     reading its events is disconnected past `maxBufferedBytes`, not queued for without end.
 *
 * WebSocket protocol (renderer/transport): the client sends `{ id, method, input }`, the host
 * answers `{ id, result }` with the contract's Result; events are pushed as `{ event }`.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { contentTypeFor, resolveInside } from './static-files';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CallerWindow } from '../../shared/api';
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
  /** Unread events one window may have queued before it is disconnected (default 32 MiB). */
  maxBufferedBytes?: number;
}

export interface BrowserHost {
  origin: string;
  /** The host's secret: never in a page; every window's key derives from it (`windowToken`). */
  token: string;
  deskUrl: string;
  wallUrls: string[];
  close(): Promise<void>;
}

/** Largest message a wall may send: its intents are small; this bounds a hostile page. */
const maxMessageBytes = 256 * 1024;
/**
 * Largest message the desk may send: a platform's incident export imported as CSV
 * (`analysis.importCsv`, issue #17) is megabytes; the desk's key is the operator's.
 */
const maxDeskMessageBytes = 80 * 1024 * 1024;

/**
 * Events queued for one window past this, and the window is disconnected (it reconnects and asks
 * `events.since`, so it loses nothing): one stalled client must not grow the host without bound.
 */
const defaultMaxBufferedBytes = 32 * 1024 * 1024;

export function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The token one window's pages and socket carry, derived from the host's secret: the desk's and
 * each wall's differ, so the URL a wall page holds (a kiosk browser on the hall's screens) can
 * never connect as the desk, and no page ever holds the secret itself.
 */
export function windowToken(secret: string, window: 'desk' | number): string {
  const name = window === 'desk' ? 'desk' : `wall:${window}`;
  return createHmac('sha256', secret).update(`vigil-window:${name}`).digest('base64url');
}

/** Which window a token opens: the desk, wall N, or nothing. */
export function callerForToken(
  token: string,
  secret: string,
  station: Pick<Station, 'wallCount'>,
): CallerWindow | null {
  if (tokensEqual(token, windowToken(secret, 'desk'))) return { window: 'desk' };
  for (let wallId = 1; wallId <= station.wallCount; wallId++) {
    if (tokensEqual(token, windowToken(secret, wallId))) return { window: 'wall', wallId };
  }
  return null;
}

/**
 * A Host header this host answers: an IP literal or `localhost`, with our port. A DNS name is
 * refused, so a page of another site whose name was rebound to 127.0.0.1 (DNS rebinding) reads
 * nothing, whatever its Origin says.
 */
export function hostHeaderAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const match = /^(\[[0-9a-fA-F:.]+\]|[0-9.]+|localhost)(?::(\d{1,5}))?$/.exec(host);
  if (!match) return false;
  const name = match[1]!;
  if (/^[0-9.]+$/.test(name) && !/^(\d{1,3}\.){3}\d{1,3}$/.test(name)) return false;
  const givenPort = match[2] === undefined ? 80 : Number(match[2]);
  return givenPort === port;
}

/**
 * A request target as a URL on this host, or null for anything that is not a plain path
 * (`//[`, `http://[`, `*`, `//x:99999/`, a bad escape): such requests get a 400, never an
 * exception.
 */
export function parseTarget(target: string | undefined): URL | null {
  if (!target || !target.startsWith('/') || target.startsWith('//')) return null;
  try {
    const url = new URL(`http://vigil.invalid${target}`);
    return url.host === 'vigil.invalid' ? url : null;
  } catch {
    return null;
  }
}

/** One value of a query parameter; a repeated one (`?token=a&token=b`) is no value. */
function single(url: URL, name: string): string | null {
  const values = url.searchParams.getAll(name);
  return values.length === 1 ? values[0]! : null;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { station, rendererDir } = options;
  const log = options.log ?? (() => {});
  const token = options.token ?? randomBytes(18).toString('base64url');
  const maxBufferedBytes = options.maxBufferedBytes ?? defaultMaxBufferedBytes;
  const indexFile = join(rendererDir, 'index.html');
  if (!existsSync(indexFile)) {
    throw new Error(`the renderer is not built: ${indexFile} is missing (run npm run build)`);
  }
  let origin = '';
  let port = 0;

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

  const plain = (res: ServerResponse, status: number, text: string): void => {
    if (res.headersSent) return;
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (!hostHeaderAllowed(req.headers.host, port)) {
      return plain(res, 421, 'Vigil answers only on its own address (127.0.0.1 or localhost).');
    }
    const url = parseTarget(req.url);
    if (!url) return plain(res, 400, 'bad request target');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const path = url.pathname;
    if (path === '/') {
      // Never hand out a token here: any local process could ask. The URLs are printed.
      return plain(res, 200, 'Vigil: open the desk or wall URL printed by `npm run serve`.');
    }
    const wallPage = /^\/wall\/(\d{1,2})$/.exec(path);
    if (path === '/desk' || wallPage) {
      // A page opens only with its own window's token, so a mistyped or foreign URL says so
      // instead of a page that never connects.
      const caller = callerForToken(single(url, 'token') ?? '', token, station);
      const wanted = wallPage ? Number(wallPage[1]) : 'desk';
      const fits =
        caller !== null &&
        (wanted === 'desk' ? caller.window === 'desk' : caller.wallId === wanted);
      if (!fits) {
        return plain(
          res,
          401,
          'Vigil: this address needs its own key; open the URL printed by `npm run serve` for this window.',
        );
      }
      sendIndex(res);
      return;
    }
    if (isTilePath(path)) {
      // Base-map tiles through the station's cache (never from the GIS server directly). A page
      // asks with its token, so another site's page cannot make the station fetch and store.
      if (!callerForToken(single(url, 'token') ?? '', token, station)) {
        return plain(res, 401, 'no tile without a key');
      }
      const t = parseTilePath(path);
      if (!t) return plain(res, 404, 'no tile');
      station.tiles(t.z, t.x, t.y).then(
        (tile) => {
          if (!tile) return plain(res, 404, 'no tile');
          res.writeHead(200, {
            ...tileHeaders(tile.contentType),
            'Content-Length': tile.bytes.length,
          });
          res.end(req.method === 'HEAD' ? undefined : tile.bytes);
        },
        (error: unknown) => {
          log(`serve: tile ${path}: ${errorMessage(error).slice(0, 200)}`);
          plain(res, 404, 'no tile');
        },
      );
      return;
    }
    // Source maps stay home: they are the source, and a page needs none to run.
    if (path.endsWith('.map')) return plain(res, 404, 'not found');
    // Assets are referenced relatively ('./assets/…', so file:// works in Electron); from
    // /wall/2 that resolves to /wall/assets/…: serve any …/assets/<file> from the assets folder.
    const assetAt = path.lastIndexOf('/assets/');
    const file = resolveInside(rendererDir, assetAt >= 0 ? path.slice(assetAt) : path);
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      return plain(res, 404, 'not found');
    }
    res.writeHead(200, {
      'Content-Type': contentTypeFor(file),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // No request, however malformed, may take the host (and the core, the simulator and the
    // outbox with it) down: whatever a handler throws becomes a 400 and a short log line.
    try {
      handle(req, res);
    } catch (error) {
      log(
        `serve: ${String(req.method).slice(0, 10)} refused: ${errorMessage(error).slice(0, 200)}`,
      );
      plain(res, 400, 'bad request');
    }
  });
  // A request Node's parser refuses (bad bytes, oversized headers) gets a 400 from Node itself.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  const deskWss = new WebSocketServer({ noServer: true, maxPayload: maxDeskMessageBytes });
  const sockets = new Set<WebSocket>();

  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const refuse = (status: string, why: string): void => {
      log(`browser host: refused a WebSocket: ${why}`);
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    };
    if (!hostHeaderAllowed(req.headers.host, port)) {
      return refuse('421 Misdirected Request', 'not our Host');
    }
    const url = parseTarget(req.url);
    if (!url || url.pathname !== '/ws') return refuse('404 Not Found', 'unknown path');
    const caller = callerForToken(single(url, 'token') ?? '', token, station);
    if (!caller) return refuse('401 Unauthorized', 'bad token');
    // Our own pages only: the Origin is the address the page was served from.
    if (req.headers.origin !== `http://${req.headers.host}`) {
      return refuse('403 Forbidden', `foreign origin ${String(req.headers.origin).slice(0, 100)}`);
    }
    // The window is the token's; a query that names another (a wall's key asking for the desk)
    // is refused rather than quietly corrected.
    const kind = single(url, 'window');
    const wall = url.searchParams.getAll('wall');
    const claimed =
      kind === 'desk' && wall.length === 0
        ? 'desk'
        : kind === 'wall' && wall.length === 1
          ? Number(wall[0])
          : null;
    if (claimed === null) return refuse('400 Bad Request', 'window must be desk or wall=1..N');
    const actual = caller.window === 'desk' ? 'desk' : caller.wallId;
    if (claimed !== actual) {
      return refuse('403 Forbidden', `a ${String(actual)} key used as ${String(claimed)}`);
    }
    (actual === 'desk' ? deskWss : wss).handleUpgrade(req, socket, head, (ws) =>
      serveSocket(ws, caller),
    );
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      upgrade(req, socket, head);
    } catch (error) {
      log(`browser host: refused a WebSocket: ${errorMessage(error).slice(0, 200)}`);
      socket.destroy();
    }
  });

  const serveSocket = (ws: WebSocket, caller: CallerWindow): void => {
    sockets.add(ws);
    const name = caller.window === 'desk' ? 'desk' : `wall ${caller.wallId}`;
    const unsubscribe = station.events.on((event) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > maxBufferedBytes) {
        // A window that stopped reading: cut it loose rather than queue without end. Its page
        // reconnects and catches up through events.since.
        log(
          `browser host: disconnected the ${name} window: ${ws.bufferedAmount} bytes of events unread`,
        );
        unsubscribe();
        ws.terminate();
        return;
      }
      ws.send(JSON.stringify({ event }));
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
  port = address.port;
  origin = `http://${hostName}:${address.port}`;

  const walls = Array.from({ length: station.wallCount }, (_, i) => i + 1);
  return {
    origin,
    token,
    deskUrl: `${origin}/desk?token=${windowToken(token, 'desk')}`,
    wallUrls: walls.map((n) => `${origin}/wall/${n}?token=${windowToken(token, n)}`),
    close: async () => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      deskWss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
