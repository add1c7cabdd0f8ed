/**
 * Whether this machine can run the Electron suite, answered without ever launching (or
 * downloading) Electron: `require('electron')` downloads the binary when it is missing, and
 * launching a missing binary throws an uncaught exception that kills the Playwright runner.
 * Mirrors node_modules/electron/index.js: `path.txt` names the executable under `dist/`
 * (or under ELECTRON_OVERRIDE_DIST_PATH).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export function findElectronBinary(): string | null {
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? join(override, relative || 'electron')
    : relative
      ? join(pkgDir, 'dist', relative)
      : null;
  return candidate && existsSync(candidate) ? candidate : null;
}

/**
 * Whether better-sqlite3 loads in Electron (its binding is built for one ABI at a time:
 * docs/native-modules.md). Null when it does; otherwise the reason.
 */
export function nativeModuleProblem(electron: string): string | null {
  const result = spawnSync(
    electron,
    ['-e', "const D = require('better-sqlite3'); new D(':memory:').close();"],
    { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8', timeout: 60_000 },
  );
  if (result.status === 0) return null;
  const line = (result.stderr || String(result.error ?? ''))
    .split('\n')
    .find((l) => /NODE_MODULE_VERSION|Error/.test(l));
  return (line ?? 'it does not load').trim();
}
