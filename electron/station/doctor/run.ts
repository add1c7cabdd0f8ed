/**
 * `vigil doctor`: every check in order, for either host. The hosts add what only they can see
 * (the Electron app: displays, GPU video decode, the stored decoder budget) through `hostChecks`.
 *
 * On the built-in simulator (no config file) the doctor starts a simulator of its own on free
 * ports and checks it like a platform: the same catalog, geometry, roads, MQTT and tiles a station
 * would use, so a fresh machine's first run proves the app's whole path works (the app starts its
 * own simulator; a running one is not touched).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readMqttBroker, type VigilConfig } from '../config';
import { readCatalogFile } from '../upstream/catalog-file';
import { readFileSync } from 'node:fs';
import {
  checkConfig,
  checkDataFolder,
  checkDatabase,
  checkDiskSpace,
  formatBytes,
  type DatabaseStats,
} from './local-checks';
import {
  checkCatalog,
  checkGeometry,
  checkMqtt,
  checkRoads,
  checkTile,
  clockSkewResult,
  describeRoads,
  httpGet,
  type FetchLike,
} from './net-checks';
import { fail, makeReport, pass, skip, warn, type CheckResult, type DoctorReport } from './report';

/** No network check waits longer than this, whatever upstream.timeoutMs says. */
export const DOCTOR_TIMEOUT_CAP_MS = 10_000;

export interface DoctorOptions {
  /** "browser host" or "Electron app". */
  host: string;
  configPath: string;
  /** --config named the file: a missing one is an error. */
  configExplicit: boolean;
  dataDir: string;
  /** A config problem the host found before the file could be read (the MSI's provisioning). */
  configError?: string;
  /** Per network check; default upstream.timeoutMs, at most DOCTOR_TIMEOUT_CAP_MS. */
  timeoutMs?: number;
  fetch?: FetchLike;
  /** What only this host can check; runs last, with the config (null when it is not valid). */
  hostChecks?: (config: VigilConfig | null) => Promise<CheckResult[]> | CheckResult[];
  /** Progress, one line per check as it ends (stderr in the CLI). */
  onCheck?: (result: CheckResult) => void;
  now?: () => Date;
}

export interface DoctorOutcome {
  report: DoctorReport;
  config: VigilConfig | null;
  database: DatabaseStats | null;
}

export async function runDoctor(options: DoctorOptions): Promise<DoctorOutcome> {
  const checks: CheckResult[] = [];
  const add = (...results: CheckResult[]): void => {
    for (const r of results) {
      checks.push(r);
      options.onCheck?.(r);
    }
  };
  const { config, result } =
    options.configError !== undefined
      ? { config: null, result: fail('config', 'config', options.configError) }
      : checkConfig(options.configPath, options.configExplicit);
  add(result);
  add(checkDataFolder(options.dataDir), checkDiskSpace(options.dataDir));
  const db = checkDatabase(options.dataDir);
  add(db.result);

  if (config) {
    const timeoutMs = Math.min(
      options.timeoutMs ?? config.upstream.timeoutMs,
      DOCTOR_TIMEOUT_CAP_MS,
    );
    add(...(await platformChecks(config, options.dataDir, timeoutMs, options.fetch)));
  } else {
    add(
      skip(
        'platform',
        'platform',
        'not checked: the config is not valid (above), so which platform is unknown',
      ),
    );
  }
  if (options.hostChecks) {
    try {
      add(...(await options.hostChecks(config)));
    } catch (error) {
      add(fail('host', options.host, `its checks failed: ${String(error)}`));
    }
  }
  return {
    report: makeReport(options.host, checks, options.now?.() ?? new Date()),
    config,
    database: db.stats,
  };
}

interface Platform {
  baseUrl: string | null;
  mqttUrl: string | null;
  tileUrl: string | null;
}

async function platformChecks(
  config: VigilConfig,
  dataDir: string,
  timeoutMs: number,
  fetchImpl: FetchLike | undefined,
): Promise<CheckResult[]> {
  const p = config.platform;
  if (p.kind === 'simulator') {
    let sim: { baseUrl: string; mqttUrl: string; stop(): Promise<void> };
    try {
      // Imported lazily, as the station does: a doctor on a real platform never loads it.
      const { startSimulator } = await import('../../sim');
      sim = await startSimulator({
        cameras: p.cameras,
        units: p.units,
        seed: p.seed,
        port: 0,
        mqttPort: 0,
        log: () => {},
      });
    } catch (error) {
      return [
        fail('platform', 'platform', `the built-in simulator does not start: ${String(error)}`),
      ];
    }
    try {
      const head = pass(
        'platform',
        'platform',
        `the built-in simulator (no platform configured), started for this check on ${sim.baseUrl}`,
      );
      return [
        head,
        ...(await remoteChecks(
          config,
          dataDir,
          {
            baseUrl: sim.baseUrl,
            mqttUrl: sim.mqttUrl,
            tileUrl: config.map.tileUrl ?? `${sim.baseUrl}/tiles/{z}/{x}/{y}.png`,
          },
          timeoutMs,
          fetchImpl,
        )),
      ];
    } finally {
      await sim.stop();
    }
  }
  if (p.kind === 'http') {
    return remoteChecks(
      config,
      dataDir,
      {
        baseUrl: p.baseUrl.replace(/\/+$/, ''),
        mqttUrl: p.mqttUrl ?? null,
        tileUrl: config.map.tileUrl ?? null,
      },
      timeoutMs,
      fetchImpl,
    );
  }
  // A file station: the catalog (and roads) from files; MQTT and tiles as configured.
  const out: CheckResult[] = [];
  let somewhere: { lat: number; lng: number } | null = null;
  try {
    const catalog = readCatalogFile(p.catalogFile);
    const first = catalog.cameras[0];
    somewhere = first ? { lat: first.lat, lng: first.lng } : null;
    out.push(
      pass(
        'catalog',
        'catalog',
        `${p.catalogFile}: ${catalog.cameras.length} cameras, ${catalog.areas.length} areas`,
      ),
    );
  } catch (error) {
    out.push(
      fail(
        'catalog',
        'catalog',
        `${p.catalogFile}: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }
  out.push(
    skip(
      'geometry',
      'geometry',
      'a file station has no platform to ask; the map draws what the cache holds',
    ),
  );
  if (p.roadsFile === undefined) {
    out.push(
      warn('roads', 'road graph', 'no platform.roadsFile: units are ranked by straight-line time'),
    );
  } else {
    try {
      const roads = describeRoads(JSON.parse(readFileSync(p.roadsFile, 'utf8')));
      out.push(
        roads.ok
          ? pass('roads', 'road graph', `${p.roadsFile}: ${roads.text}`)
          : fail(
              'roads',
              'road graph',
              `${p.roadsFile} (platform.roadsFile): not valid: ${roads.why}`,
            ),
      );
    } catch (error) {
      out.push(
        fail(
          'roads',
          'road graph',
          `${p.roadsFile} (platform.roadsFile): ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
  }
  out.push(await mqttCheck(config, p.mqttUrl ?? null, timeoutMs));
  out.push(
    await tilesCheck(config, dataDir, config.map.tileUrl ?? null, somewhere, timeoutMs, fetchImpl),
  );
  if (p.eventsUrl !== undefined) {
    // Any answer of the events endpoint carries a Date header (a GET is refused, that is fine).
    const got = await httpGet(p.eventsUrl, timeoutMs, fetchImpl);
    out.push(
      got.ok
        ? clockSkewResult(got.headers.get('date'), got.sentAt, got.receivedAt, 'platform.eventsUrl')
        : fail('clock', 'clock', `platform.eventsUrl does not answer: ${got.reason}`),
    );
  } else {
    out.push(
      skip(
        'clock',
        'clock',
        'no platform to compare with (a file station without platform.eventsUrl)',
      ),
    );
  }
  return out;
}

async function remoteChecks(
  config: VigilConfig,
  dataDir: string,
  platform: Platform,
  timeoutMs: number,
  fetchImpl: FetchLike | undefined,
): Promise<CheckResult[]> {
  const baseUrl = platform.baseUrl!;
  const catalog = await checkCatalog(baseUrl, timeoutMs, fetchImpl);
  const [geometry, roads, mqtt, tiles] = await Promise.all([
    checkGeometry(baseUrl, timeoutMs, fetchImpl),
    checkRoads(baseUrl, timeoutMs, fetchImpl),
    mqttCheck(config, platform.mqttUrl, timeoutMs),
    tilesCheck(config, dataDir, platform.tileUrl, catalog.somewhere, timeoutMs, fetchImpl),
  ]);
  const clock = catalog.exchange
    ? clockSkewResult(
        catalog.exchange.headers.get('date'),
        catalog.exchange.sentAt,
        catalog.exchange.receivedAt,
        'the platform',
      )
    : skip('clock', 'clock', 'cannot compare: the platform does not answer (catalog, above)');
  return [catalog.result, geometry, roads, mqtt, tiles, clock];
}

async function mqttCheck(
  config: VigilConfig,
  mqttUrl: string | null,
  timeoutMs: number,
): Promise<CheckResult> {
  if (mqttUrl === null) {
    return warn(
      'mqtt',
      'MQTT',
      'no platform.mqttUrl: no realtime (camera status, units, alerts, unit orders)',
    );
  }
  let broker;
  try {
    broker = readMqttBroker(config.platform);
  } catch (error) {
    return fail('mqtt', 'MQTT', error instanceof Error ? error.message : String(error));
  }
  return checkMqtt(mqttUrl, broker, config.station.id, timeoutMs);
}

async function tilesCheck(
  config: VigilConfig,
  dataDir: string,
  tileUrl: string | null,
  somewhere: { lat: number; lng: number } | null,
  timeoutMs: number,
  fetchImpl: FetchLike | undefined,
): Promise<CheckResult> {
  if (tileUrl !== null) {
    return checkTile(tileUrl, somewhere, Math.min(14, config.map.maxZoom), timeoutMs, fetchImpl);
  }
  const cache = join(dataDir, 'tiles.mbtiles');
  if (existsSync(cache)) {
    return pass(
      'tiles',
      'map tiles',
      `no map.tileUrl: the map shows the tile cache only (${cache}, ${formatBytes(statSync(cache).size)})`,
    );
  }
  return warn(
    'tiles',
    'map tiles',
    'no map.tileUrl and no tile cache: the map has no base map (set map.tileUrl, or import an offline package with --import-tiles)',
  );
}
