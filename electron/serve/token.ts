import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The browser host's secret, kept in the data folder (owner-only) so a wall page left open in a
 * kiosk browser reconnects after the host restarts, instead of needing a new URL.
 */
export function loadOrCreateToken(dataDir: string): string {
  const file = join(dataDir, 'serve-token');
  if (existsSync(file)) {
    const saved = readFileSync(file, 'utf8').trim();
    if (/^[A-Za-z0-9_-]{24,}$/.test(saved)) return saved;
  }
  const token = randomBytes(18).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}
