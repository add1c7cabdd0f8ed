/**
 * `vigil support-bundle FILE.zip`: what the vendor needs to help, in one file: the doctor's
 * report (text and JSON), the config with its secrets blotted out, the logs if the app keeps any,
 * the cache's statistics (sizes, schema version, row counts: never a row), versions, and the
 * display layout the app remembers. It never holds a password, a token or an operator's hash:
 * secrets are blotted out by key in the config, and every text put in the zip is scrubbed again
 * of every secret value known (the MQTT password, tokens) before it is written.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import {
  arch,
  cpus,
  hostname,
  platform as osPlatform,
  release,
  totalmem,
  type as osType,
} from 'node:os';
import { join } from 'node:path';
import { redactUrlCredentials } from '../text-input';
import { DATABASE_FILE, formatBytes } from './local-checks';
import { formatReport } from './report';
import type { DoctorOutcome } from './run';
import { zip, type ZipEntry } from './zip';

/** Keys whose values are secrets, wherever they appear in the config. */
export const SECRET_KEY = /pass(word|wd)?$|secret|token|credential|api[-_]?key/i;
export const REDACTED = '***';

/** A parsed config value with every secret-named key's value, and URL passwords, blotted out. */
export function redactConfigValue(value: unknown): unknown {
  if (typeof value === 'string') return redactUrlCredentials(value);
  if (Array.isArray(value)) return value.map(redactConfigValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) && v !== null && v !== undefined ? REDACTED : redactConfigValue(v),
      ]),
    );
  }
  return value;
}

/** The string values of secret-named keys in a parsed config (to scrub them everywhere). */
export function secretValues(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => secretValues(v, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEY.test(k) && typeof v === 'string' && v !== '') out.push(v);
      else secretValues(v, out);
    }
  }
  return out;
}

/**
 * The config file's text, redacted: parsed and rewritten when it is JSON; otherwise (a file the
 * doctor found broken) line by line, blotting out the value of any secret-named key.
 */
export function redactConfigText(text: string): { text: string; secrets: string[] } {
  try {
    const raw = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
    return {
      text: `${JSON.stringify(redactConfigValue(raw), null, 2)}\n`,
      secrets: secretValues(raw),
    };
  } catch {
    const secrets: string[] = [];
    const redacted = text.replace(
      /("[^"]*"\s*:\s*)"((?:[^"\\]|\\.)*)"/g,
      (all, head: string, value: string) => {
        const k = /"([^"]*)"/.exec(head)?.[1] ?? '';
        if (!SECRET_KEY.test(k)) return all;
        if (value) secrets.push(value);
        return `${head}"${REDACTED}"`;
      },
    );
    return { text: redactUrlCredentials(redacted), secrets };
  }
}

/** Every known secret blotted out of a text (longest first, so a prefix never leaves a tail). */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...new Set(secrets)]
    .filter((x) => x.length >= 3)
    .sort((a, b) => b.length - a.length)) {
    out = out.split(s).join(REDACTED);
  }
  return redactUrlCredentials(out);
}

export interface SupportBundleOptions {
  outcome: DoctorOutcome;
  configPath: string;
  dataDir: string;
  /** "browser host" / "Electron app" and its version, Electron's versions … */
  versions: Record<string, string>;
  /** Secrets this host knows (the browser host's token): scrubbed from every file. */
  secrets?: readonly string[];
  /** Where the host writes its log, for the note when no log file is kept. */
  logNote?: string;
  now?: Date;
}

/** Log files the bundle takes from dataDir/logs (newest first), each its last MB. */
const LOG_DIR = 'logs';
const LOG_FILES = 5;
const LOG_TAIL_BYTES = 1024 * 1024;
/** Files of the data folder worth sending as they are (no secrets in them). */
const PLAIN_FILES = ['displays.json'];

export function supportBundleEntries(options: SupportBundleOptions): ZipEntry[] {
  const { outcome, configPath, dataDir } = options;
  const secrets: string[] = [...(options.secrets ?? [])];
  const envToken = process.env.VIGIL_SIM_ADMIN_TOKEN;
  if (envToken) secrets.push(envToken);
  const platform = outcome.config?.platform;
  if (platform && platform.kind !== 'simulator' && platform.mqttPassword) {
    secrets.push(platform.mqttPassword);
  }

  const text: { name: string; data: string }[] = [];
  text.push({ name: 'doctor.txt', data: formatReport(outcome.report) });
  text.push({ name: 'doctor.json', data: `${JSON.stringify(outcome.report, null, 2)}\n` });

  // The config, as the file says it (redacted), or the note that there is none.
  if (existsSync(configPath)) {
    const redacted = redactConfigText(readFileSync(configPath, 'utf8'));
    secrets.push(...redacted.secrets);
    text.push({ name: 'config/vigil.config.json', data: redacted.text });
  } else {
    text.push({
      name: 'config/README.txt',
      data: `No config file at ${configPath}: the defaults (the built-in simulator).\n`,
    });
  }
  if (outcome.config) {
    text.push({
      name: 'config/effective.json',
      data: `${JSON.stringify(redactConfigValue(outcome.config), null, 2)}\n`,
    });
  }

  // Logs: the app writes to stderr; a file only if someone keeps one in dataDir/logs.
  const logDir = join(dataDir, LOG_DIR);
  const logs = existsSync(logDir)
    ? readdirSync(logDir)
        .filter((f) => /\.(log|txt)$/.test(f))
        .map((f) => ({ f, mtime: statSync(join(logDir, f)).mtimeMs }))
        .sort((a, b) => b.mtime - a.mtime)
        .slice(0, LOG_FILES)
    : [];
  for (const { f } of logs) {
    const bytes = readFileSync(join(logDir, f));
    const tail = bytes.subarray(Math.max(0, bytes.length - LOG_TAIL_BYTES));
    text.push({ name: `logs/${f}`, data: tail.toString('utf8') });
  }
  if (logs.length === 0) {
    text.push({
      name: 'logs/README.txt',
      data:
        `Vigil keeps no log file: it writes its log to stderr${options.logNote ? ` (${options.logNote})` : ''}.\n` +
        `Nothing was found in ${logDir}. To send a log, run Vigil from a terminal with stderr\n` +
        `redirected into that folder (e.g. 2>> "${join(logDir, 'vigil.log')}") and make the bundle again.\n`,
    });
  }

  // The cache: sizes, schema version and row counts only (never a row: no operator's hash).
  const db = outcome.database;
  text.push({
    name: 'database.json',
    data: `${JSON.stringify(
      db
        ? {
            ...db,
            size: formatBytes(db.bytes + db.walBytes),
          }
        : { file: join(dataDir, DATABASE_FILE), present: false },
      null,
      2,
    )}\n`,
  });
  const tiles = join(dataDir, 'tiles.mbtiles');
  text.push({
    name: 'versions.json',
    data: `${JSON.stringify(
      {
        ...options.versions,
        node: process.versions.node,
        os: `${osType()} ${release()} (${osPlatform()} ${arch()})`,
        host: hostname(),
        cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
        memory: formatBytes(totalmem()),
        dataDir,
        configPath,
        tileCache: existsSync(tiles) ? formatBytes(statSync(tiles).size) : 'none',
      },
      null,
      2,
    )}\n`,
  });
  for (const f of PLAIN_FILES) {
    const file = join(dataDir, f);
    if (existsSync(file)) text.push({ name: `data/${f}`, data: readFileSync(file, 'utf8') });
  }
  return text.map(({ name, data }) => ({
    name: `vigil-support/${name}`,
    data: scrub(data, secrets),
  }));
}

/** Writes the bundle; returns the file's size and its entries' names. */
export function writeSupportBundle(
  file: string,
  options: SupportBundleOptions,
): { bytes: number; names: string[] } {
  const entries = supportBundleEntries(options);
  const bytes = zip(entries, options.now);
  writeFileSync(file, bytes, { mode: 0o600 });
  return { bytes: bytes.length, names: entries.map((e) => e.name) };
}
