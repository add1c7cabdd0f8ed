/**
 * The decoder budget a wall calibration measured on this machine. The wall windows keep it in
 * their localStorage (renderer/wall/decoder-budget.ts, key `vigil.decoderBudget`, and when it was
 * measured next to it). In the Electron app that storage is Chromium's LevelDB under the data
 * folder (`Local Storage/leveldb`); the doctor reads the value out of those files' bytes (a
 * best-effort scan: the key and its latin-1 value as Chromium writes them). In a browser it lives
 * in that browser's profile, which the browser host cannot read.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { VigilConfig } from '../config';
import { pass, skip, warn, type CheckResult } from './report';

/** Repeated from renderer/wall/decoder-budget.ts (the layers keep the renderer out of here). */
export const BUDGET_STORAGE_KEY = 'vigil.decoderBudget';

export interface StoredBudget {
  budget: number;
  /** ms since the epoch, when the calibration stored it (null if not found). */
  measuredAt: number | null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const key = escape(BUDGET_STORAGE_KEY);
// A log record: key, varint value length, value = 0x01 (latin-1) + the digits.
const logValue = new RegExp(`\\x01${key}([\\x02-\\x03])\\x01(\\d{1,2})`, 'g');
// A table entry: key, 8 bytes of sequence and type, value.
const tableValue = new RegExp(`\\x01${key}[\\s\\S]{8}\\x01(\\d{1,2})`, 'g');
const logMeasured = new RegExp(`\\x01${key}\\.measuredAt[\\s\\S]\\x01(\\d{12,14})`, 'g');
const tableMeasured = new RegExp(`\\x01${key}\\.measuredAt[\\s\\S]{8}\\x01(\\d{12,14})`, 'g');

const last = (re: RegExp, text: string, check?: (m: RegExpExecArray) => boolean): string | null => {
  let found: string | null = null;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!check || check(m)) found = m[m.length - 1] ?? null;
  }
  return found;
};

/** The last budget stored in one LevelDB file's bytes, or null. */
export function scanStoredBudget(bytes: Uint8Array, table: boolean): StoredBudget | null {
  const text = Buffer.from(bytes).toString('latin1');
  const raw = table
    ? last(tableValue, text)
    : last(logValue, text, (m) => (m[1]?.charCodeAt(0) ?? 0) - 1 === (m[2]?.length ?? -1));
  const budget = raw === null ? NaN : Number(raw);
  if (!Number.isInteger(budget) || budget < 1 || budget > 64) return null;
  const at = last(table ? tableMeasured : logMeasured, text);
  return { budget, measuredAt: at === null ? null : Number(at) };
}

/** The budget stored in `dataDir/Local Storage/leveldb`, newest file first; null if none. */
export function readStoredBudget(dataDir: string): StoredBudget | null {
  const dir = join(dataDir, 'Local Storage', 'leveldb');
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.log') || f.endsWith('.ldb'))
    .map((f) => ({ f, mtime: statSync(join(dir, f)).mtimeMs, size: statSync(join(dir, f)).size }))
    .filter((x) => x.size < 64 * 1024 * 1024)
    .sort((a, b) => b.mtime - a.mtime || (a.f.endsWith('.log') ? -1 : 1));
  for (const { f } of files) {
    const found = scanStoredBudget(readFileSync(join(dir, f)), f.endsWith('.ldb'));
    if (found) return found;
  }
  return null;
}

/**
 * The decoder budget line. `stored`: what this machine's wall windows keep (null: none yet),
 * or 'unknown' where this host cannot read it.
 */
export function decoderBudgetResult(
  setting: VigilConfig['walls']['decoderBudget'],
  stored: StoredBudget | null | 'unknown',
): CheckResult {
  const title = 'decoder budget';
  if (typeof setting === 'number') {
    return pass(
      'decoder-budget',
      title,
      `${setting} streams per wall, forced by walls.decoderBudget`,
    );
  }
  if (setting === 'calibrate') {
    return warn(
      'decoder-budget',
      title,
      'walls.decoderBudget is "calibrate": every wall start measures again (~20 s); set "auto" back once measured',
    );
  }
  if (stored === 'unknown') {
    return skip(
      'decoder-budget',
      title,
      "kept by the browser that shows the walls (its localStorage); this host cannot read it. Each wall page's first start measures it",
    );
  }
  if (stored === null) {
    return warn(
      'decoder-budget',
      title,
      'not measured on this machine yet: the first start of a wall measures it (≤ 20 s, the tiles play meanwhile)',
    );
  }
  const when =
    stored.measuredAt !== null
      ? `, measured ${new Date(stored.measuredAt).toISOString().slice(0, 10)}`
      : '';
  return pass('decoder-budget', title, `${stored.budget} streams per wall${when}`);
}
