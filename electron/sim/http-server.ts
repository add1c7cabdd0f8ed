/**
 * The simulated platform's HTTP side: the catalog (ETag / 304), live and playback HLS, the events
 * inbox (docs/protocol.md §1, §2, §4), the health history (§9), the incident history (§10) and the
 * simulator's admin API (§6).
 * Every input is validated and a bad one answered 400 with a message saying what is wrong.
 *
 * Who may ask what:
 * - /admin/*: loopback only (403) and with the admin token in an Authorization header (401), see
 *   ./admin-access.ts. Never a CORS header, so no page on another origin can drive or read it.
 * - What a page fetches cross-origin (hls.js XHR from the browser host's or the shell's origin):
 *   live and playback playlists, their segments (/media/) and map tiles, errors included, carry
 *   `Access-Control-Allow-Origin: *`. They are the picture, not the platform's state.
 * - Everything else (the catalog, geometry, recorded ranges, the events inbox): no CORS header at
 *   all; the station
 *   core fetches them from Node, which needs none, and a page on another origin cannot read them.
 */
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { CatalogState } from './catalog-state';
import { adminDenial } from './admin-access';
import {
  IdempotencyKeySchema,
  PlatformEventSchema,
  type IncidentMessage,
  type PlatformEvent,
} from '../../shared/contract/platform';
import { OpenIncidentRequestSchema, type OpenIncidentRequest } from './incident-source';
import type { EventInbox } from './event-inbox';
import { IncidentConflict, type IncidentDesk } from './incident-desk';
import { TicketConflict, type TicketDesk } from './ticket-desk';
import { healthHistoryMaxDays, type HealthHistory } from '../../shared/contract/platform-health';
import {
  incidentHistoryMaxDays,
  type IncidentHistory,
} from '../../shared/contract/platform-analysis';
import { FaultSchema, type Fault, type FaultState } from './fault-state';
import { livePlaylist, maxPlaybackMs, newestSegmentAt, playbackPlaylist } from './hls-playlists';
import type { Container, MediaLibrary, StreamName } from './media-library';
import { fnv1a } from './prng';
import { segmentsPerLoop } from './media-library';
import { formatZodError } from './zod-message';
import { AlertRequestSchema, type Alert, type AlertRequest } from './alert-source';
import { maxRecordingsQueryMs, type SimRecordings } from './recordings';

export interface HttpDeps {
  catalog: CatalogState;
  faults: FaultState;
  media: MediaLibrary;
  inbox: EventInbox;
  now: () => number;
  /** Why non-admin requests get 503 now (platform down, restarting), or null. */
  unavailable: () => string | null;
  setFault: (fault: Fault) => void;
  clearFaults: (cameraId?: string) => void;
  restart: (downMs: number) => void;
  fireAlert: (request: AlertRequest) => Alert;
  /** Orders received on vigil/orders/+ (GET /admin/orders). */
  orders: () => unknown;
  /** The district geometry (GET /api/v1/geometry), serialised once, and its version. */
  geometry: () => { version: string; json: Buffer };
  /** The road graph (GET /api/v1/roads, shared/contract/roads.ts), serialised once. */
  roads: () => { version: string; json: Buffer };
  /** A base-map tile (GET /tiles/{z}/{x}/{y}.png), or null when the address is out of range. */
  tile: (z: number, x: number, y: number) => Buffer | null;
  /**
   * Applies a newly received event to the platform's state (incidents, tickets); throws
   * IncidentConflict or TicketConflict. Returns the body of a 200 when the event merged into
   * something that exists (a ticket-open: `{ mergedInto }`), else nothing (201 and the receipt).
   */
  applyEvent: (event: PlatformEvent) => { mergedInto: string } | undefined;
  /** The incident records (pictures, GET/POST /admin/incidents). */
  incidents: IncidentDesk;
  /** The fault tickets (pictures, GET /admin/tickets). */
  tickets: TicketDesk;
  /** The platform's health history of [from, to) (GET /api/v1/health/history). */
  healthHistory: (from: number, to: number) => HealthHistory;
  /** The platform's incident history of [from, to) (GET /api/v1/incidents/history). */
  incidentHistory: (from: number, to: number) => IncidentHistory;
  /** Opens an incident from the admin API (POST /admin/incidents); throws on a bad request. */
  openIncident: (request: OpenIncidentRequest) => IncidentMessage;
  /** What the recorders hold of each camera (GET /api/v1/cameras/{id}/recordings). */
  recordings: SimRecordings;
  /** The admin API's token (Authorization: Bearer …). */
  adminToken: string;
  log: (line: string) => void;
}

// An event may carry a mark's snapshot (≤ 200,000 base64 characters, docs/protocol.md §4).
const maxBodyBytes = 512 * 1024;
const mediaPath = '/media/';

/** Paths a page fetches cross-origin (HLS playlists and segments, map tiles): CORS for any origin. */
const browserPaths = /^\/(live|playback|media|tiles)\//;

const browserPreflight = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD',
  'Access-Control-Allow-Headers': 'Range',
  'Access-Control-Max-Age': '600',
};

const RestartSchema = z
  .object({ downMs: z.number().int().min(0).max(60_000).default(3000) })
  .default({ downMs: 3000 });

/** ISO 8601 instant with a date, a time and a zone ("2026-11-23T02:00:00Z", "…+08:00"). */
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The request handler; attach it once the platform's state exists. */
export function httpHandler(deps: HttpDeps): RequestListener {
  return (req, res) => {
    handle(deps, req, res).catch((err: unknown) => {
      if (err instanceof HttpError) {
        sendJson(res, err.status, { error: err.message });
        return;
      }
      deps.log(`sim http: ${req.method} ${req.url} failed: ${String(err)}`);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  };
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolvePort((server.address() as AddressInfo).port);
    });
  });
}

async function handle(deps: HttpDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://sim.invalid');
  const path = url.pathname;

  const browser = browserPaths.test(path);
  if (method === 'OPTIONS') {
    // A preflight: granted only where a page may fetch cross-origin; elsewhere no CORS header,
    // so the browser refuses the request it asked about.
    res.writeHead(204, browser ? browserPreflight : { Allow: 'GET, HEAD, POST, DELETE' }).end();
    return;
  }
  // Set before anything else, so the errors a player must see (404, 503) carry it too.
  if (browser) res.setHeader('Access-Control-Allow-Origin', '*');
  if (path === '/admin' || path.startsWith('/admin/')) {
    const denial = adminDenial(
      {
        remoteAddress: req.socket.remoteAddress,
        authorization: req.headers.authorization,
        url,
      },
      deps.adminToken,
    );
    if (denial) {
      sendJson(res, denial.status, { error: denial.message }, denial.headers);
      return;
    }
    await handleAdmin(deps, method, path, req, res);
    return;
  }
  // Tiles come from the GIS server, not the video platform: a platform outage leaves them up.
  const tile = /^\/tiles\/(\d{1,2})\/(\d{1,7})\/(\d{1,7})\.png$/.exec(path);
  if (tile) {
    allow(method, ['GET', 'HEAD']);
    const png = deps.tile(Number(tile[1]), Number(tile[2]), Number(tile[3]));
    if (!png) throw new HttpError(404, `no such tile: ${path}`);
    send(
      res,
      200,
      png,
      { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=86400' },
      method === 'HEAD',
    );
    return;
  }
  const down = deps.unavailable();
  if (down) {
    await drain(req);
    sendJson(res, 503, { error: down }, { 'Retry-After': '3' });
    return;
  }

  if (path === '/api/v1/catalog') {
    allow(method, ['GET', 'HEAD']);
    sendCatalog(deps, req, res, method === 'HEAD');
    return;
  }
  if (path === '/api/v1/geometry' || path === '/api/v1/roads') {
    allow(method, ['GET', 'HEAD']);
    const { version, json } = path === '/api/v1/roads' ? deps.roads() : deps.geometry();
    const etag = `"${version}"`;
    if (etagMatches(req.headers['if-none-match'], etag)) {
      res.writeHead(304, { ETag: etag }).end();
      return;
    }
    send(
      res,
      200,
      json,
      {
        'Content-Type': 'application/json; charset=utf-8',
        ETag: etag,
        'Cache-Control': 'no-cache',
      },
      method === 'HEAD',
    );
    return;
  }
  if (path === '/api/v1/events') {
    allow(method, ['POST']);
    await receiveEvent(deps, req, res);
    return;
  }
  // The histories (§9 health, §10 incidents): [from, to), at most so many days a request.
  const history =
    path === '/api/v1/health/history'
      ? { maxDays: healthHistoryMaxDays, of: deps.healthHistory }
      : path === '/api/v1/incidents/history'
        ? { maxDays: incidentHistoryMaxDays, of: deps.incidentHistory }
        : null;
  if (history) {
    allow(method, ['GET', 'HEAD']);
    const { from, to } = historySpan(url.searchParams, history.maxDays);
    send(
      res,
      200,
      Buffer.from(JSON.stringify(history.of(from, to))),
      { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
      method === 'HEAD',
    );
    return;
  }
  let m = /^\/api\/v1\/(incidents|tickets)\/([^/]+)\/pictures\/([^/]+)$/.exec(path);
  if (m) {
    allow(method, ['GET', 'HEAD']);
    const desk = m[1] === 'tickets' ? deps.tickets : deps.incidents;
    const jpeg = desk.picture(
      decodeURIComponent(m[2] as string),
      decodeURIComponent(m[3] as string),
    );
    if (!jpeg) throw new HttpError(404, `no such picture: ${path}`);
    // A picture never changes once taken: cache it for good.
    send(
      res,
      200,
      jpeg,
      { 'Content-Type': 'image/jpeg', 'Cache-Control': 'private, max-age=31536000, immutable' },
      method === 'HEAD',
    );
    return;
  }
  m = /^\/api\/v1\/cameras\/([^/]+)\/recordings$/.exec(path);
  if (m) {
    allow(method, ['GET', 'HEAD']);
    sendRecordings(
      deps,
      decodeURIComponent(m[1] as string),
      url.searchParams,
      res,
      method === 'HEAD',
    );
    return;
  }
  m = /^\/live\/([^/]+)\/(main|sub)\.m3u8$/.exec(path);
  if (m) {
    allow(method, ['GET', 'HEAD']);
    sendLive(
      deps,
      decodeURIComponent(m[1] as string),
      m[2] as StreamName,
      res,
      method === 'HEAD',
      url.searchParams.has('variant'),
    );
    return;
  }
  m = /^\/playback\/([^/]+)\.m3u8$/.exec(path);
  if (m) {
    allow(method, ['GET', 'HEAD']);
    sendPlayback(
      deps,
      decodeURIComponent(m[1] as string),
      url.searchParams,
      res,
      method === 'HEAD',
    );
    return;
  }
  if (path.startsWith(mediaPath)) {
    allow(method, ['GET', 'HEAD']);
    const file = deps.media.get(path.slice(mediaPath.length));
    if (!file) throw new HttpError(404, `no such segment: ${path}`);
    const { bytes, contentType } = file;
    send(
      res,
      200,
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      { 'Content-Type': contentType, 'Cache-Control': 'no-store' },
      method === 'HEAD',
    );
    return;
  }
  throw new HttpError(404, `not found: ${path}`);
}

function sendCatalog(
  deps: HttpDeps,
  req: IncomingMessage,
  res: ServerResponse,
  head: boolean,
): void {
  const version = deps.catalog.version();
  const etag = `"${version}"`;
  const headers = { ETag: etag, 'Cache-Control': 'no-cache' };
  if (etagMatches(req.headers['if-none-match'], etag)) {
    res.writeHead(304, headers).end();
    return;
  }
  const body = deps.catalog.body();
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  send(
    res,
    200,
    gzip ? body.gzip() : body.json,
    {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    },
    head,
  );
}

function etagMatches(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const values = (Array.isArray(header) ? header.join(',') : header).split(',');
  return values.some((v) => {
    const t = v.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/** Which file of the loop a camera starts from: spread so tiles do not all show one frame. */
function loopOffset(cameraId: string): number {
  return parseInt(fnv1a(cameraId).slice(0, 6), 16) % segmentsPerLoop;
}

/** MPEG-TS unless the camera was switched to fMP4 (POST /admin/faults {"kind":"fmp4"}). */
function containerOf(deps: HttpDeps, cameraId: string): Container {
  return deps.faults.isFmp4(cameraId) ? 'fmp4' : 'ts';
}

function sendLive(
  deps: HttpDeps,
  cameraId: string,
  stream: StreamName,
  res: ServerResponse,
  head: boolean,
  variant = false,
): void {
  if (!deps.catalog.has(cameraId)) throw new HttpError(404, `unknown camera: ${cameraId}`);
  if (deps.faults.isH265(cameraId) && !variant) {
    // An H.265 camera: a master playlist that names its codec; a player that cannot decode it
    // refuses here (the variant's segments are the usual H.264, never meant to be reached).
    sendPlaylist(res, h265MasterPlaylist(stream), head);
    return;
  }
  if (deps.faults.isHttp503(cameraId)) {
    throw new HttpError(503, `camera unavailable: ${cameraId}`);
  }
  // Offline in the catalog: 404, unless it was only reported offline (its stream serves on).
  const reportedOnly = deps.faults.isStatusOffline(cameraId) && !deps.faults.isOffline(cameraId);
  if (
    deps.faults.isOffline(cameraId) ||
    (deps.catalog.camera(cameraId)?.status === 'offline' && !reportedOnly)
  ) {
    throw new HttpError(404, `camera offline: ${cameraId}`);
  }
  const newest = deps.faults.stalledAt(cameraId) ?? newestSegmentAt(deps.now());
  const text = livePlaylist({
    stream,
    newest,
    offset: loopOffset(cameraId),
    lookOf: (n) => deps.faults.lookAt(cameraId, n),
    mediaPath,
    container: containerOf(deps, cameraId),
  });
  sendPlaylist(res, text, head);
}

function h265MasterPlaylist(stream: StreamName): string {
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    '#EXT-X-STREAM-INF:BANDWIDTH=2000000,RESOLUTION=1280x720,CODECS="hvc1.1.6.L93.B0"',
    `${stream}.m3u8?variant=h265`,
    '',
  ].join('\n');
}

function sendPlayback(
  deps: HttpDeps,
  cameraId: string,
  query: URLSearchParams,
  res: ServerResponse,
  head: boolean,
): void {
  if (!deps.catalog.has(cameraId)) throw new HttpError(404, `unknown camera: ${cameraId}`);
  const { startMs, endMs } = spanParams(
    query,
    maxPlaybackMs,
    `range too long: at most ${maxPlaybackMs / 3_600_000} h per playlist`,
  );
  sendPlaylist(
    res,
    playbackPlaylist({
      startMs,
      endMs,
      offset: loopOffset(cameraId),
      mediaPath,
      container: containerOf(deps, cameraId),
    }),
    head,
  );
}

/** The camera's recorded ranges over [start, end) (docs/protocol.md §2, "Recorded ranges"). */
function sendRecordings(
  deps: HttpDeps,
  cameraId: string,
  query: URLSearchParams,
  res: ServerResponse,
  head: boolean,
): void {
  const camera = deps.catalog.camera(cameraId);
  if (!camera) throw new HttpError(404, `unknown camera: ${cameraId}`);
  const { startMs, endMs } = spanParams(
    query,
    maxRecordingsQueryMs,
    `span too long: at most ${maxRecordingsQueryMs / 86_400_000} days`,
  );
  // One recorder per grid: its cameras miss its restarts together.
  const ranges = deps.recordings.ranges(cameraId, camera.gridId, startMs, endMs, deps.now());
  const body = {
    ranges: ranges.map((r) => ({
      start: new Date(r.startMs).toISOString(),
      end: new Date(r.endMs).toISOString(),
    })),
  };
  send(
    res,
    200,
    Buffer.from(JSON.stringify(body)),
    { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    head,
  );
}

/** `from` and `to` of a history request: ms since epoch, to after from, at most `maxDays`. */
function historySpan(query: URLSearchParams, maxDays: number): { from: number; to: number } {
  const ms = (name: string): number => {
    const value = query.get(name);
    if (value === null || value === '') {
      throw new HttpError(400, `${name}: required (ms since 1970-01-01 UTC)`);
    }
    if (!/^\d{1,15}$/.test(value)) {
      throw new HttpError(400, `${name}: "${value}" is not a time in ms since 1970-01-01 UTC`);
    }
    return Number(value);
  };
  const from = ms('from');
  const to = ms('to');
  if (to <= from) throw new HttpError(400, 'to must be after from');
  if (to - from > maxDays * 86_400_000) {
    throw new HttpError(400, `span too long: at most ${maxDays} days per request`);
  }
  return { from, to };
}

/** `start` and `end` of a span: ISO instants, end after start, at most `maxMs` apart. */
function spanParams(
  query: URLSearchParams,
  maxMs: number,
  tooLong: string,
): { startMs: number; endMs: number } {
  const startMs = instantParam(query, 'start');
  const endMs = instantParam(query, 'end');
  if (endMs <= startMs) throw new HttpError(400, 'end must be after start');
  if (endMs - startMs > maxMs) throw new HttpError(400, tooLong);
  return { startMs, endMs };
}

function instantParam(query: URLSearchParams, name: string): number {
  const value = query.get(name);
  if (value === null || value === '')
    throw new HttpError(400, `${name}: required (ISO 8601 instant)`);
  const ms = Date.parse(value);
  if (!isoInstant.test(value) || Number.isNaN(ms)) {
    throw new HttpError(
      400,
      `${name}: "${value}" is not an ISO 8601 instant (e.g. 2026-11-23T02:00:00Z)`,
    );
  }
  return ms;
}

function sendPlaylist(res: ServerResponse, text: string, head: boolean): void {
  send(
    res,
    200,
    Buffer.from(text),
    { 'Content-Type': 'application/vnd.apple.mpegurl', 'Cache-Control': 'no-store' },
    head,
  );
}

async function receiveEvent(
  deps: HttpDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = await readJson(req);
  const key = IdempotencyKeySchema.safeParse(req.headers['idempotency-key'] ?? '');
  if (!key.success) throw new HttpError(400, formatZodError(key.error));
  const event = PlatformEventSchema.safeParse(body);
  if (!event.success) throw new HttpError(400, formatZodError(event.error));
  const { created, receipt, conflict, answer } = deps.inbox.accept(
    key.data,
    event.data,
    deps.now(),
  );
  if (!created) {
    // A repeat applies nothing again: the same answer as the first time.
    if (conflict !== undefined) sendJson(res, 409, { error: conflict });
    else sendJson(res, 200, answer ?? receipt);
    return;
  }
  let merged: { mergedInto: string } | undefined;
  try {
    merged = deps.applyEvent(event.data);
  } catch (err) {
    if (!(err instanceof IncidentConflict) && !(err instanceof TicketConflict)) throw err;
    deps.inbox.refuse(key.data, err.message);
    sendJson(res, 409, { error: err.message });
    return;
  }
  if (merged) {
    deps.inbox.answer(key.data, merged);
    sendJson(res, 200, merged);
    return;
  }
  sendJson(res, 201, receipt);
}

async function handleAdmin(
  deps: HttpDeps,
  method: string,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (path === '/admin/faults') {
    allow(method, ['GET', 'POST', 'DELETE']);
    if (method === 'GET') {
      sendJson(res, 200, { faults: deps.faults.list(), unavailable: deps.unavailable() });
      return;
    }
    if (method === 'DELETE') {
      deps.clearFaults();
      sendJson(res, 200, { faults: deps.faults.list() });
      return;
    }
    const parsed = FaultSchema.safeParse(await readJson(req));
    if (!parsed.success) throw new HttpError(400, formatZodError(parsed.error));
    const fault = parsed.data;
    if ('cameraId' in fault && !deps.catalog.has(fault.cameraId)) {
      throw new HttpError(404, `unknown camera: ${fault.cameraId}`);
    }
    deps.setFault(fault);
    sendJson(res, 201, { faults: deps.faults.list() });
    return;
  }
  const m = /^\/admin\/faults\/([^/]+)$/.exec(path);
  if (m) {
    allow(method, ['DELETE']);
    const cameraId = decodeURIComponent(m[1] as string);
    if (cameraId === 'platform-down') {
      deps.faults.platformDown = false;
    } else {
      if (!deps.catalog.has(cameraId)) throw new HttpError(404, `unknown camera: ${cameraId}`);
      deps.clearFaults(cameraId);
    }
    sendJson(res, 200, { faults: deps.faults.list() });
    return;
  }
  if (path === '/admin/restart') {
    allow(method, ['POST']);
    const parsed = RestartSchema.safeParse(await readJson(req, true));
    if (!parsed.success) throw new HttpError(400, formatZodError(parsed.error));
    deps.restart(parsed.data.downMs);
    sendJson(res, 202, { restarting: true, downMs: parsed.data.downMs });
    return;
  }
  if (path === '/admin/events') {
    allow(method, ['GET']);
    const events = deps.inbox.list();
    sendJson(res, 200, { events, posts: events.reduce((sum, e) => sum + e.count, 0) });
    return;
  }
  if (path === '/admin/orders') {
    allow(method, ['GET']);
    sendJson(res, 200, deps.orders());
    return;
  }
  if (path === '/admin/incidents') {
    allow(method, ['GET', 'POST']);
    if (method === 'GET') {
      sendJson(res, 200, { incidents: deps.incidents.list() });
      return;
    }
    const parsed = OpenIncidentRequestSchema.safeParse(await readJson(req));
    if (!parsed.success) throw new HttpError(400, formatZodError(parsed.error));
    try {
      sendJson(res, 201, deps.openIncident(parsed.data));
    } catch (err) {
      // A plate hit on a catalog without checkpoints: the request cannot be met.
      throw new HttpError(409, err instanceof Error ? err.message : String(err));
    }
    return;
  }
  if (path === '/admin/tickets') {
    allow(method, ['GET']);
    sendJson(res, 200, { tickets: deps.tickets.list() });
    return;
  }
  if (path === '/admin/alerts') {
    allow(method, ['POST']);
    const parsed = AlertRequestSchema.safeParse(await readJson(req, true));
    if (!parsed.success) throw new HttpError(400, formatZodError(parsed.error));
    if (parsed.data.cameraId && !deps.catalog.has(parsed.data.cameraId)) {
      throw new HttpError(404, `unknown camera: ${parsed.data.cameraId}`);
    }
    sendJson(res, 201, deps.fireAlert(parsed.data));
    return;
  }
  throw new HttpError(404, `not found: ${path}`);
}

function allow(method: string, methods: string[]): void {
  if (!methods.includes(method)) {
    throw new HttpError(405, `method ${method} not allowed here (allowed: ${methods.join(', ')})`);
  }
}

/** Reads a JSON body; an empty body is `undefined` when `optional`, else an error. */
async function readJson(req: IncomingMessage, optional = false): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBodyBytes) throw new HttpError(413, `body larger than ${maxBodyBytes} bytes`);
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') {
    if (optional) return undefined;
    throw new HttpError(400, 'body: required (JSON)');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new HttpError(400, `body is not JSON: ${(err as Error).message}`);
  }
}

async function drain(req: IncomingMessage): Promise<void> {
  for await (const _chunk of req) {
    // discard
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: Buffer,
  headers: Record<string, string>,
  head = false,
): void {
  res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
  res.end(head ? undefined : body);
}

function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  send(res, status, Buffer.from(JSON.stringify(value)), {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
}
