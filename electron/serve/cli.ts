/**
 * `npm run serve -- [--port 5180] [--host 127.0.0.1] [--data DIR] [--config FILE] [--walls N]
 *                   [--cameras N] [--sim-port N] [--alert-interval MS] [--sim-failures on|off]
 *                   [--sim-unit-speed F] [--sim-units-obey]`
 * `npm run serve -- --import-tiles FILE [--data DIR] [--config FILE]`: merges an offline MBTiles
 *                   package into the tile cache (dataDir/tiles.mbtiles) and exits (the installer's step).
 * `node out/main/serve.js doctor [--config FILE] [--data DIR] [--json]` (`npm run doctor`): checks
 *                   the workstation (electron/station/doctor) and prints PASS / WARN / FAIL lines;
 *                   exit code 1 when a check failed.
 * `node out/main/serve.js support-bundle FILE.zip [--config FILE] [--data DIR]`: the doctor's
 *                   report, the redacted config, logs, database stats and versions in one zip.
 *
 * Starts the station core (on the built-in simulator unless the config names a platform) and the
 * browser host, prints the desk URL and each wall's URL one per line on stdout, then stays up
 * until interrupted. Logs go to stderr so stdout stays the list of URLs. On the simulator it
 * first prints `simulator: URL (…)` and `simulator admin: URL?token=… (…)`, the admin API's URL
 * with its token (random per start unless VIGIL_SIM_ADMIN_TOKEN is set; loopback only). The built-in
 * simulator's cameras fail and get repaired as time goes by (its live failures) unless
 * `--sim-failures off` (or VIGIL_SIM_FAILURES=off) says not to; tests run with it off.
 * `--sim-unit-speed F` (or VIGIL_SIM_UNIT_SPEED=F) makes its units on an order (a dispatch, a
 * warning) move F times as fast, 0.1-1000 (default 1): an e2e test sees a warning's visit in
 * seconds. `--sim-units-obey` (or VIGIL_SIM_UNITS_OBEY=1) makes every unit obey every warning
 * (by default ~10 % come late and ~10 % ignore it): a test that needs the visit gets it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createStation } from '../station';
import { ConfigError, loadConfig } from '../station/config';
import { startBrowserHost } from './browser-host';
import { loadOrCreateToken } from './token';

/**
 * The environment variable the built-in simulator takes its admin token from (the layers rule
 * keeps electron/sim out of the browser host, so its name is repeated from
 * electron/sim/admin-access.ts rather than imported).
 */
const simAdminTokenEnv = 'VIGIL_SIM_ADMIN_TOKEN';
/** Turns the built-in simulator's live failures on or off (electron/sim/failure-process.ts). */
const simFailuresEnv = 'VIGIL_SIM_FAILURES';
/** How fast the built-in simulator's units on an order move (electron/sim/index.ts). */
const simUnitSpeedEnv = 'VIGIL_SIM_UNIT_SPEED';
/** Every unit of the built-in simulator obeys every warning (electron/sim/index.ts). */
const simUnitsObeyEnv = 'VIGIL_SIM_UNITS_OBEY';

/** Where the cache lives when --data is not given: the OS's per-user data folder. */
export function defaultDataDir(): string {
  if (process.platform === 'win32' && process.env.APPDATA)
    return join(process.env.APPDATA, 'Vigil');
  const xdg = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(xdg, 'vigil');
}

/** out/main/serve.js → out/renderer; run from source (tsx) → ./out/renderer. */
function findRendererDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'renderer'), resolve('out', 'renderer')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!;
}

const positiveInt = (name: string, value: string | undefined, max: number): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new ConfigError(
      `--${name}: "${value}" is not a whole number from 0 to ${max}`,
      null,
      name,
    );
  }
  return n;
};

/** `doctor` and `support-bundle`: they read the config themselves, and never start the host. */
async function doctorMain(command: 'doctor' | 'support-bundle', argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      config: { type: 'string' },
      json: { type: 'boolean' },
      timeout: { type: 'string' },
    },
    allowPositionals: command === 'support-bundle',
    strict: true,
  });
  const dataDir = resolve(values.data ?? defaultDataDir());
  const configPath = values.config ? resolve(values.config) : join(dataDir, 'vigil.config.json');
  const tokenFile = join(dataDir, 'serve-token');
  const { doctorCommand } = await import('../station/doctor/command');
  const { skip } = await import('../station/doctor/report');
  const timeoutMs = positiveInt('timeout', values.timeout, 60_000);
  return doctorCommand({
    command,
    ...(positionals[0] !== undefined ? { bundleFile: positionals[0] } : {}),
    json: values.json ?? false,
    host: 'browser host',
    configPath,
    configExplicit: values.config !== undefined,
    dataDir,
    ...(timeoutMs ? { timeoutMs } : {}),
    versions: { version: appVersion() },
    // The host's own token opens the desk and the walls: never in a bundle.
    secrets: existsSync(tokenFile) ? [readFileSync(tokenFile, 'utf8').trim()] : [],
    logNote: 'the terminal, or the journal of the service that runs it',
    hostChecks: (config) => [
      skip(
        'displays',
        'displays',
        `the browser host serves ${config?.walls.count ?? '?'} wall URLs (walls.count); displays and the walls they get are checked by the app (vigil --doctor)`,
      ),
      skip(
        'video-decode',
        'video decode',
        'hardware decode and H.265 depend on the browser that shows the walls; this host cannot tell (vigil --doctor can)',
      ),
      skip(
        'decoder-budget',
        'decoder budget',
        config && typeof config.walls.decoderBudget === 'number'
          ? `${config.walls.decoderBudget} streams per wall, forced by walls.decoderBudget`
          : "measured by each wall page's first start and kept in that browser's storage; this host cannot read it",
      ),
    ],
    out: (text) => void process.stdout.write(text),
  });
}

/** package.json's version: next to out/ when built, or the working folder's. */
function appVersion(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const file of [join(here, '..', '..', 'package.json'), resolve('package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'vigil' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not there: the next
    }
  }
  return 'unknown';
}

async function main(): Promise<void> {
  // The command may follow flags: the DEB's vigil-serve puts `--config /etc/vigil/…` first.
  const rest = process.argv.slice(2);
  const at = rest.findIndex(
    (arg, i) =>
      (arg === 'doctor' || arg === 'support-bundle') &&
      !['--data', '--config', '--timeout'].includes(rest[i - 1] ?? ''),
  );
  const command = rest[at];
  if (command === 'doctor' || command === 'support-bundle') {
    const args = [...rest.slice(0, at), ...rest.slice(at + 1)];
    const code = await doctorMain(command, args);
    // Exit now: a refused MQTT client's connect timer would hold the process for its timeout.
    process.stdout.write('', () => process.exit(code));
    return;
  }
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      config: { type: 'string' },
      walls: { type: 'string' },
      cameras: { type: 'string' },
      'sim-port': { type: 'string' },
      'alert-interval': { type: 'string' },
      'sim-failures': { type: 'string' },
      'sim-unit-speed': { type: 'string' },
      'sim-units-obey': { type: 'boolean' },
      renderer: { type: 'string' },
      'import-tiles': { type: 'string' },
    },
    strict: true,
  });
  const dataDir = resolve(values.data ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true });
  const configPath = values.config ? resolve(values.config) : join(dataDir, 'vigil.config.json');
  const config = loadConfig(existsSync(configPath) || values.config ? configPath : undefined);

  // ---- map: offline tile package import, without starting the station
  if (values['import-tiles'] !== undefined) {
    const { MbTilesCache } = await import('../station/map/mbtiles');
    const { tilesFileName } = await import('../station/map/map-capability');
    const cache = new MbTilesCache(join(dataDir, tilesFileName), config.map.tileCrs);
    try {
      const r = cache.importPackage(resolve(values['import-tiles']));
      process.stdout.write(
        `imported ${r.tiles} tiles (zoom ${r.minZoom}-${r.maxZoom}) into ${cache.file}; ${r.cachedTiles} tiles cached\n`,
      );
    } finally {
      cache.close();
    }
    return;
  }
  // ---- end map

  const port = positiveInt('port', values.port, 65535) ?? config.serve.port;
  const walls = positiveInt('walls', values.walls, 16) ?? config.walls.count;
  const cameras = positiveInt('cameras', values.cameras, 200_000);
  const simPort = positiveInt('sim-port', values['sim-port'], 65535);
  // The simulator's random alert, ms (0: never); default platform.alertIntervalMs (10 minutes).
  const alertInterval = positiveInt('alert-interval', values['alert-interval'], 7 * 86_400_000);
  const simFailures = values['sim-failures'];
  if (simFailures !== undefined && simFailures !== 'on' && simFailures !== 'off') {
    throw new ConfigError(
      `--sim-failures: "${simFailures}" is not on or off`,
      null,
      'sim-failures',
    );
  }
  const unitSpeed = values['sim-unit-speed'];
  if (unitSpeed !== undefined) {
    const f = Number(unitSpeed);
    if (unitSpeed.trim() === '' || !Number.isFinite(f) || f < 0.1 || f > 1000) {
      throw new ConfigError(
        `--sim-unit-speed: "${unitSpeed}" is not a number from 0.1 to 1000`,
        null,
        'sim-unit-speed',
      );
    }
  }
  if (
    cameras !== undefined ||
    simPort !== undefined ||
    alertInterval !== undefined ||
    simFailures !== undefined ||
    unitSpeed !== undefined ||
    values['sim-units-obey'] !== undefined
  ) {
    if (config.platform.kind !== 'simulator') {
      throw new ConfigError(
        '--cameras, --sim-port, --alert-interval, --sim-failures, --sim-unit-speed and --sim-units-obey are for the built-in simulator; the config names a platform',
        configPath,
        'platform.kind',
      );
    }
    if (cameras !== undefined) config.platform.cameras = cameras;
    if (simPort !== undefined) config.platform.port = simPort;
    if (alertInterval !== undefined) config.platform.alertIntervalMs = alertInterval;
  }

  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  // The simulator's admin token: chosen here (startSimulator reads it from the environment) so
  // this process can print it for the person who runs it.
  if (config.platform.kind === 'simulator' && !process.env[simAdminTokenEnv]) {
    process.env[simAdminTokenEnv] = randomBytes(24).toString('base64url');
  }
  // Live failures on unless the flag (or the environment) says off; startSimulator reads it.
  if (config.platform.kind === 'simulator') {
    process.env[simFailuresEnv] = simFailures ?? process.env[simFailuresEnv] ?? 'on';
    if (unitSpeed !== undefined) process.env[simUnitSpeedEnv] = unitSpeed;
    if (values['sim-units-obey']) process.env[simUnitsObeyEnv] = '1';
  }
  const station = await createStation({ config, dataDir, wallCount: Math.max(1, walls), log });
  const host = await startBrowserHost({
    station,
    token: loadOrCreateToken(dataDir),
    rendererDir: values.renderer ? resolve(values.renderer) : findRendererDir(),
    host: values.host ?? config.serve.host,
    port,
    log,
  });

  // The simulated platform first (its admin API drives faults in a demo), then the pages.
  if (station.simulator) {
    const { baseUrl, mqttUrl } = station.simulator;
    const adminUrl = `${baseUrl}/admin?token=${process.env[simAdminTokenEnv] ?? ''}`;
    process.stdout.write(`simulator: ${baseUrl} (MQTT ${mqttUrl})\n`);
    process.stdout.write(
      `simulator admin: ${adminUrl} (loopback only; npm run sim -- fault <kind> <cameraId> --admin '${adminUrl}')\n`,
    );
  }
  process.stdout.write(`desk: ${host.deskUrl}\n`);
  host.wallUrls.forEach((url, i) => process.stdout.write(`wall ${i + 1}: ${url}\n`));
  log(`data: ${dataDir}`);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await station.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`vigil serve: ${message}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
