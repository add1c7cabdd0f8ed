/**
 * The doctor's checks of this machine: the config file, the data folder (writable, free space),
 * the cache database (opens, its schema not newer than this build's). No network.
 */
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, statSync, statfsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { latestVersion } from '../cache/migrations';
import { ConfigError, loadConfig, type VigilConfig } from '../config';
import { fail, pass, warn, type CheckResult } from './report';

export const GB = 1024 ** 3;
export const MB = 1024 ** 2;
/** Below this much free space the doctor warns (the cache grows by ~1.6 GB a day of tracks). */
export const DISK_WARN_BYTES = 2 * GB;
/** Below this much the cache may fail to commit: the doctor fails. */
export const DISK_FAIL_BYTES = 200 * MB;

export const DATABASE_FILE = 'vigil.db';

export function formatBytes(bytes: number): string {
  if (bytes >= GB) return `${(bytes / GB).toFixed(1)} GB`;
  if (bytes >= MB) return `${(bytes / MB).toFixed(0)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}

export interface ConfigCheck {
  result: CheckResult;
  /** The config in use, or null when the file is not valid. */
  config: VigilConfig | null;
}

/**
 * Loads the config the way the hosts do (`explicit`: --config named it, so a missing file is an
 * error); a bad file FAILs with loadConfig's message, which names the file and the key.
 */
export function checkConfig(path: string, explicit: boolean): ConfigCheck {
  const exists = existsSync(path);
  try {
    const config = loadConfig(exists || explicit ? path : undefined, { mustExist: explicit });
    const what = describePlatform(config);
    return {
      config,
      result: exists
        ? pass('config', 'config', `${path} is valid; ${what}`)
        : pass('config', 'config', `no file at ${path}: the defaults, ${what}`),
    };
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : String(error);
    return { config: null, result: fail('config', 'config', message) };
  }
}

export function describePlatform(config: VigilConfig): string {
  const p = config.platform;
  if (p.kind === 'simulator') return `the built-in simulator (${p.cameras} cameras)`;
  if (p.kind === 'http') return `platform ${p.baseUrl}`;
  return `catalog file ${p.catalogFile}`;
}

/** The data folder exists and is writable, or can be made (its nearest existing parent is). */
export function checkDataFolder(dataDir: string): CheckResult {
  let dir = dataDir;
  while (!existsSync(dir)) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  try {
    if (!statSync(dir).isDirectory()) {
      return fail('data-folder', 'data folder', `${dir} is not a folder`);
    }
    accessSync(dir, constants.W_OK);
  } catch (error) {
    return fail(
      'data-folder',
      'data folder',
      `${dir} is not writable by this account (${codeOf(error)}): the cache cannot be kept`,
    );
  }
  return dir === dataDir
    ? pass('data-folder', 'data folder', `${dataDir} is writable`)
    : pass('data-folder', 'data folder', `${dataDir} does not exist yet; made at first start`);
}

/** Free space thresholds: FAIL under 200 MB, WARN under 2 GB. */
export function diskSpaceResult(freeBytes: number, where: string): CheckResult {
  const free = `${formatBytes(freeBytes)} free on ${where}`;
  if (freeBytes < DISK_FAIL_BYTES) {
    return fail(
      'disk',
      'disk space',
      `${free}: under ${formatBytes(DISK_FAIL_BYTES)}, the cache cannot keep operator actions; free some space`,
    );
  }
  if (freeBytes < DISK_WARN_BYTES) {
    return warn(
      'disk',
      'disk space',
      `${free}: under ${formatBytes(DISK_WARN_BYTES)}; unit tracks take ~1.6 GB a day (map.trackRetentionDays)`,
    );
  }
  return pass('disk', 'disk space', free);
}

/** Free bytes for this account on the file system of `dataDir` (or its nearest parent). */
export function checkDiskSpace(
  dataDir: string,
  statfs: (path: string) => { bavail: number; bsize: number } = statfsSync,
): CheckResult {
  let dir = dataDir;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  try {
    const s = statfs(dir);
    return diskSpaceResult(Number(s.bavail) * Number(s.bsize), dir);
  } catch (error) {
    return warn('disk', 'disk space', `cannot tell for ${dir}: ${codeOf(error)}`);
  }
}

export interface DatabaseStats {
  file: string;
  /** Bytes of the file and its write-ahead log. */
  bytes: number;
  walBytes: number;
  schemaVersion: number;
  /** The newest schema this build knows. */
  supportedVersion: number;
  /** Row count per table (counts only: no row is read). */
  tables: Record<string, number>;
}

/** Opens the cache read-only (never migrates it) and counts; null when there is none yet. */
export function readDatabaseStats(dataDir: string): DatabaseStats | null {
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 2000');
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const names = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as { name: string }[];
    const tables: Record<string, number> = {};
    for (const { name } of names) {
      const row = db.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as {
        n: number;
      };
      tables[name] = row.n;
    }
    const wal = `${file}-wal`;
    return {
      file,
      bytes: statSync(file).size,
      walBytes: existsSync(wal) ? statSync(wal).size : 0,
      schemaVersion,
      supportedVersion: latestVersion(),
      tables,
    };
  } finally {
    db.close();
  }
}

/** The cache opens, and was not written by a newer Vigil (migrations refuse that). */
export function databaseResult(stats: DatabaseStats | null, dataDir: string): CheckResult {
  if (stats === null) {
    return pass(
      'database',
      'cache database',
      `none yet in ${dataDir}; made at first start (schema ${latestVersion()})`,
    );
  }
  const size = formatBytes(stats.bytes + stats.walBytes);
  if (stats.schemaVersion > stats.supportedVersion) {
    return fail(
      'database',
      'cache database',
      `${stats.file} has schema version ${stats.schemaVersion}, this Vigil knows up to ${stats.supportedVersion}: ` +
        'it was written by a newer Vigil and will be refused. Install that version again, or start ' +
        'this one with the data folder it used before the upgrade (docs/installing.md, "Upgrade and rollback")',
    );
  }
  const upgrade =
    stats.schemaVersion < stats.supportedVersion
      ? `; upgraded to ${stats.supportedVersion} at the next start`
      : '';
  return pass(
    'database',
    'cache database',
    `${stats.file} opens (${size}, schema ${stats.schemaVersion}${upgrade})`,
  );
}

export function checkDatabase(dataDir: string): {
  result: CheckResult;
  stats: DatabaseStats | null;
} {
  try {
    const stats = readDatabaseStats(dataDir);
    return { result: databaseResult(stats, dataDir), stats };
  } catch (error) {
    return {
      stats: null,
      result: fail(
        'database',
        'cache database',
        `${join(dataDir, DATABASE_FILE)} does not open: ${error instanceof Error ? error.message : String(error)}`,
      ),
    };
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}
