/**
 * The doctor's checks of what the station connects to: the platform's catalog, geometry and road
 * graph, the MQTT broker, one map tile, and the clock against the platform's. Every one has a
 * timeout and says why it failed in words (ECONNREFUSED, "no answer in 5000 ms", HTTP 503, the
 * broker's refusal); none ever prints a password.
 */
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import { RoadGraphSchema } from '../../../shared/contract/roads';
import type { MqttBrokerOptions } from '../config';
import { parseGeometry } from '../map/geometry-schema';
import { redactUrlCredentials } from '../text-input';
import { parseCatalog } from '../upstream/catalog-validation';
import { causeMessage } from '../upstream/fetch-error';
import { describeMqttError, withoutSecrets } from '../upstream/realtime-client';
import { fail, pass, warn, type CheckResult } from './report';

export type FetchLike = typeof fetch;

/** Skew above this WARNs: timers and track times drift visibly. */
export const CLOCK_WARN_MS = 5_000;
/** Above this FAILs: the station refuses messages dated too far ahead, orders look late. */
export const CLOCK_FAIL_MS = 5 * 60_000;

export type HttpOutcome =
  | {
      ok: true;
      status: number;
      headers: Headers;
      body: Buffer;
      /** Local clock when the request went out and when the answer was read. */
      sentAt: number;
      receivedAt: number;
    }
  | { ok: false; reason: string };

/** One GET that never hangs: the whole exchange, body included, within `timeoutMs`. */
export async function httpGet(
  url: string,
  timeoutMs: number,
  fetchImpl: FetchLike = fetch,
  now: () => number = Date.now,
): Promise<HttpOutcome> {
  const sentAt = now();
  try {
    const response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = Buffer.from(await response.arrayBuffer());
    return {
      ok: true,
      status: response.status,
      headers: response.headers,
      body,
      sentAt,
      receivedAt: now(),
    };
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    return {
      ok: false,
      reason: redactUrlCredentials(
        name === 'TimeoutError' || name === 'AbortError'
          ? `no answer in ${timeoutMs} ms`
          : causeMessage(error),
      ),
    };
  }
}

const shown = (url: string): string => redactUrlCredentials(url);

export interface CatalogCheck {
  result: CheckResult;
  /** A camera's position, to pick a map tile where the district is. */
  somewhere: { lat: number; lng: number } | null;
  /** The HTTP exchange, for the clock check (null when the platform did not answer). */
  exchange: Extract<HttpOutcome, { ok: true }> | null;
}

/** GET {base}/api/v1/catalog: reachable, valid, how many cameras. */
export async function checkCatalog(
  baseUrl: string,
  timeoutMs: number,
  fetchImpl?: FetchLike,
): Promise<CatalogCheck> {
  const url = `${baseUrl}/api/v1/catalog`;
  const got = await httpGet(url, timeoutMs, fetchImpl);
  if (!got.ok) {
    return {
      result: fail('catalog', 'catalog', `${shown(url)}: ${got.reason}`),
      somewhere: null,
      exchange: null,
    };
  }
  if (got.status !== 200) {
    return {
      result: fail('catalog', 'catalog', `${shown(url)}: HTTP ${got.status}`),
      somewhere: null,
      exchange: got,
    };
  }
  try {
    const catalog = parseCatalog(JSON.parse(got.body.toString('utf8')));
    const online = catalog.cameras.filter((c) => c.status === 'online').length;
    const first = catalog.cameras[0];
    const result =
      catalog.cameras.length === 0
        ? warn('catalog', 'catalog', `${shown(url)} answers with no cameras`)
        : pass(
            'catalog',
            'catalog',
            `${shown(url)}: ${catalog.cameras.length} cameras (${online} online), ${catalog.areas.length} areas`,
          );
    return {
      result,
      somewhere: first ? { lat: first.lat, lng: first.lng } : null,
      exchange: got,
    };
  } catch (error) {
    return {
      result: fail(
        'catalog',
        'catalog',
        `${shown(url)}: answers, but not with a valid catalog: ${messageOf(error)}`,
      ),
      somewhere: null,
      exchange: got,
    };
  }
}

/** GET {base}/api/v1/geometry: the district the map draws (404: the platform has none). */
export async function checkGeometry(
  baseUrl: string,
  timeoutMs: number,
  fetchImpl?: FetchLike,
): Promise<CheckResult> {
  const url = `${baseUrl}/api/v1/geometry`;
  const got = await httpGet(url, timeoutMs, fetchImpl);
  if (!got.ok) return fail('geometry', 'geometry', `${shown(url)}: ${got.reason}`);
  if (got.status === 404) {
    return warn(
      'geometry',
      'geometry',
      `${shown(url)}: the platform has none (404); the map draws no areas or patrol lines`,
    );
  }
  if (got.status !== 200) return fail('geometry', 'geometry', `${shown(url)}: HTTP ${got.status}`);
  try {
    const g = parseGeometry(JSON.parse(got.body.toString('utf8')));
    return pass(
      'geometry',
      'geometry',
      `${g.areas.length} areas, ${g.mustPatrolLines.length} must-patrol lines, ${g.checkpoints.length} checkpoints`,
    );
  } catch (error) {
    return fail('geometry', 'geometry', `${shown(url)}: not valid: ${messageOf(error)}`);
  }
}

/** A road graph's size, or why it is not one. */
export function describeRoads(
  raw: unknown,
): { ok: true; text: string } | { ok: false; why: string } {
  const parsed = RoadGraphSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, why: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
  }
  const g = parsed.data;
  return {
    ok: true,
    text: `${g.nodes.length} nodes, ${g.edges.length} edges${g.source ? ` (${g.source})` : ''}`,
  };
}

/** GET {base}/api/v1/roads: units ranked by road ETA (404: straight-line time). */
export async function checkRoads(
  baseUrl: string,
  timeoutMs: number,
  fetchImpl?: FetchLike,
): Promise<CheckResult> {
  const url = `${baseUrl}/api/v1/roads`;
  const got = await httpGet(url, timeoutMs, fetchImpl);
  if (!got.ok) return fail('roads', 'road graph', `${shown(url)}: ${got.reason}`);
  if (got.status === 404) {
    return warn(
      'roads',
      'road graph',
      `${shown(url)}: the platform has none (404); units are ranked by straight-line time`,
    );
  }
  if (got.status !== 200) return fail('roads', 'road graph', `${shown(url)}: HTTP ${got.status}`);
  let raw: unknown;
  try {
    raw = JSON.parse(got.body.toString('utf8'));
  } catch {
    return fail('roads', 'road graph', `${shown(url)}: not JSON`);
  }
  const roads = describeRoads(raw);
  return roads.ok
    ? pass('roads', 'road graph', roads.text)
    : fail('roads', 'road graph', `${shown(url)}: not valid: ${roads.why}`);
}

/**
 * The clock against a peer's HTTP `Date` header (1 s resolution: the peer's time is taken as the
 * middle of that second, ours as the middle of the exchange). Positive: this machine is ahead.
 */
export function clockSkewMs(dateHeader: string, sentAt: number, receivedAt: number): number | null {
  const remote = Date.parse(dateHeader);
  if (Number.isNaN(remote)) return null;
  return Math.round((sentAt + receivedAt) / 2 - (remote + 500));
}

export function clockSkewResult(
  dateHeader: string | null,
  sentAt: number,
  receivedAt: number,
  peer: string,
): CheckResult {
  const title = 'clock';
  if (dateHeader === null) {
    return warn('clock', title, `${peer} sends no Date header: cannot compare clocks`);
  }
  const skew = clockSkewMs(dateHeader, sentAt, receivedAt);
  if (skew === null)
    return warn('clock', title, `${peer}'s Date header is not a date: "${dateHeader}"`);
  const abs = Math.abs(skew);
  const words =
    abs < 1500
      ? `within a second of ${peer}`
      : `${formatSkew(abs)} ${skew > 0 ? 'ahead of' : 'behind'} ${peer}`;
  if (abs > CLOCK_FAIL_MS) {
    return fail(
      'clock',
      title,
      `this machine is ${words}: messages and orders would be refused or look late; set the time (NTP)`,
    );
  }
  if (abs > CLOCK_WARN_MS) {
    return warn('clock', title, `this machine is ${words}; set up time sync (NTP)`);
  }
  return pass('clock', title, `this machine is ${words}`);
}

function formatSkew(ms: number): string {
  if (ms < 120_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  if (ms < 2 * 3600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3600_000).toFixed(1)} h`;
}

/** The XYZ tile that holds a point (Web Mercator). */
export function tileAt(lat: number, lng: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  const x = Math.floor(((lng + 180) / 360) * n);
  const rad = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  const clamp = (v: number) => Math.max(0, Math.min(n - 1, v));
  return { z, x: clamp(x), y: clamp(y) };
}

const isImage = (body: Buffer): boolean =>
  (body[0] === 0x89 && body[1] === 0x50) || // PNG
  (body[0] === 0xff && body[1] === 0xd8) || // JPEG
  (body.subarray(0, 4).toString('latin1') === 'RIFF' &&
    body.subarray(8, 12).toString('latin1') === 'WEBP');

/** One tile from the GIS server (map.tileUrl, or the simulator's). */
export async function checkTile(
  template: string,
  where: { lat: number; lng: number } | null,
  zoom: number,
  timeoutMs: number,
  fetchImpl?: FetchLike,
): Promise<CheckResult> {
  const t = where ? tileAt(where.lat, where.lng, zoom) : { z: 0, x: 0, y: 0 };
  const url = template
    .replace('{z}', String(t.z))
    .replace('{x}', String(t.x))
    .replace('{y}', String(t.y))
    .replace('{s}', 'a');
  const got = await httpGet(url, timeoutMs, fetchImpl);
  if (!got.ok) return fail('tiles', 'map tiles', `${shown(url)}: ${got.reason}`);
  if (got.status !== 200) {
    return fail('tiles', 'map tiles', `${shown(url)}: HTTP ${got.status} (map.tileUrl)`);
  }
  if (!isImage(got.body)) {
    return fail(
      'tiles',
      'map tiles',
      `${shown(url)}: answers, but not with a PNG, JPEG or WebP image`,
    );
  }
  return pass('tiles', 'map tiles', `${shown(url)}: an image of ${got.body.length} bytes`);
}

/**
 * Connects to the broker with the configured credentials and TLS, then leaves. Its client id is
 * the station's plus "-doctor-<random>": never the station's own, which would log a running
 * station out of the broker.
 */
export function checkMqtt(
  url: string,
  broker: MqttBrokerOptions,
  stationId: string,
  timeoutMs: number,
): Promise<CheckResult> {
  const secrets = broker.password === undefined ? [] : [broker.password];
  const label = shown(url);
  const auth = broker.username !== undefined ? ` as ${broker.username}` : '';
  const tls =
    broker.ca !== undefined || broker.cert !== undefined ? ', TLS with the configured files' : '';
  return new Promise((resolve) => {
    let settled = false;
    const client = mqtt.connect(url, {
      clientId: `vigil-${stationId}-doctor-${randomBytes(3).toString('hex')}`,
      clean: true,
      reconnectPeriod: 0,
      connectTimeout: timeoutMs,
      protocolVersion: 4,
      ...(broker.username !== undefined && { username: broker.username }),
      ...(broker.password !== undefined && { password: broker.password }),
      ...(broker.ca !== undefined && { ca: broker.ca }),
      ...(broker.cert !== undefined && { cert: broker.cert }),
      ...(broker.key !== undefined && { key: broker.key }),
    });
    const done = (result: CheckResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.removeAllListeners();
      client.on('error', () => {});
      client.end(true);
      resolve(result);
    };
    const timer = setTimeout(
      () => done(fail('mqtt', 'MQTT', `${label}: no answer in ${timeoutMs} ms`)),
      timeoutMs,
    );
    client.on('connect', () =>
      done(pass('mqtt', 'MQTT', `${label} accepts this station${auth}${tls}`)),
    );
    client.on('error', (error) =>
      done(fail('mqtt', 'MQTT', `${label}: ${withoutSecrets(describeMqttError(error), secrets)}`)),
    );
    client.on('close', () =>
      done(
        fail('mqtt', 'MQTT', `${label}: the connection was closed before the broker accepted it`),
      ),
    );
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
