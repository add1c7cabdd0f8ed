#!/usr/bin/env node
// `npm start [-- --data DIR --config FILE]`: runs Vigil.
//
// First Node: below the minimum it refuses in one line that says what to install; on Node 20 one
// line notes that Electron's own tooling asks for 22.12 (scripts/node-version.mjs).
//
// Where Electron's runtime is installed: make sure better-sqlite3 is built for Electron's ABI
// (probe it with Electron's own binary in Node mode; rebuild with @electron/rebuild only if it
// does not load), build with electron-vite unless out/ is current (scripts/build-if-stale.mjs),
// then start Electron on the built app.
//
// Where it is not, it tries to fetch it once (Electron 45 downloads its binary on first use, not
// at `npm ci`), unless ELECTRON_SKIP_BINARY_DOWNLOAD=1. Where that fails (an offline machine, as
// here and on CI): say so in one line and start the browser host instead (as `npm run serve`),
// which prints the desk URL and one URL per wall.
//
// Each step prints one `start:` line as it begins, so a first start is never silent.
//
// Never `require('electron')` to find the binary: when the binary is missing, electron's
// index.js tries to download it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';
import { probeBetterSqlite3 } from './ensure-native.mjs';
import { nodeCheckLine } from './node-version.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const passThrough = process.argv.slice(2);

/** The Electron executable if it is installed, else null (mirrors electron/index.js, no download). */
export function findElectronBinary() {
  let pkgDir;
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

function electronAbi() {
  try {
    return readFileSync(
      join(dirname(require.resolve('electron/package.json')), 'abi_version'),
      'utf8',
    ).trim();
  } catch {
    return '?';
  }
}

function ensureNativeForElectron(electron) {
  const runtime = { execPath: electron, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } };
  if (probeBetterSqlite3(runtime).ok) return true;
  const cli = join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js');
  if (!existsSync(cli)) {
    console.error(
      `start: better-sqlite3 is not built for Electron (ABI ${electronAbi()}) and @electron/rebuild is not installed: run npx @electron/rebuild -f -w better-sqlite3`,
    );
    return false;
  }
  console.error(
    `start: rebuilding better-sqlite3 for Electron (ABI ${electronAbi()}); npm test rebuilds it for Node`,
  );
  const rebuilt = spawn(process.execPath, [cli, '-f', '-w', 'better-sqlite3'], {
    cwd: root,
    stdio: 'inherit',
  });
  return new Promise((resolve) =>
    rebuilt.on('exit', (code) => {
      const ok = code === 0 && probeBetterSqlite3(runtime).ok;
      if (!ok) {
        console.error(
          'start: the rebuild failed (it needs Electron headers from the network or a local cache, and a compiler): see docs/native-modules.md',
        );
      }
      resolve(ok);
    }),
  );
}

/** Runs a child to completion with signals forwarded; resolves with its exit code. */
function run(command, args, options = {}) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    }),
  );
}

/**
 * Electron 45 installs no binary with `npm ci`: it is fetched on first use. Try that once (a
 * machine with no route out fails in well under a second), unless told not to.
 */
async function tryDownloadElectron() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') return null;
  const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  if (!existsSync(installer)) return null;
  console.log("start: fetching Electron's runtime (set ELECTRON_SKIP_BINARY_DOWNLOAD=1 to skip)");
  const code = await run(process.execPath, [installer], {
    stdio: ['ignore', 'ignore', 'ignore'],
    timeout: 300_000,
  });
  return code === 0 ? findElectronBinary() : null;
}

async function main() {
  const node = nodeCheckLine(process.version);
  if (node?.level === 'refuse') {
    console.error(`start: ${node.line}`);
    return 1;
  }
  if (node) console.log(`start: ${node.line}`);
  const electron = findElectronBinary() ?? (await tryDownloadElectron());
  if (!electron) {
    console.log(
      "start: Electron's runtime is not installed here and could not be fetched; starting the browser host instead — open the URLs below",
    );
    if (!buildIfStale({ prefix: 'start' })) return 1;
    console.log(
      'start: starting the station and the browser host (the built-in simulator unless vigil.config.json names a platform)…',
    );
    return run(process.execPath, [join(root, 'out', 'main', 'serve.js'), ...passThrough]);
  }
  if (!(await ensureNativeForElectron(electron))) return 1;
  if (!buildIfStale({ prefix: 'start' })) return 1;
  console.log('start: opening Electron: the desk, and a wall on each further display…');
  // ELECTRON_RUN_AS_NODE in the environment would turn the app into a plain Node process.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  return run(electron, ['.', ...passThrough], { env });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
