#!/usr/bin/env node
// Run before the tests (under plain Node): makes sure better-sqlite3's native binding loads in
// this Node. The same node_modules also serves Electron, whose ABI differs (Electron 45 is
// NODE_MODULE_VERSION 140, Node 20 is 115): after `npm start` rebuilt the binding for Electron,
// Node cannot load it ("was compiled against a different Node.js version using
// NODE_MODULE_VERSION …"), so this script rebuilds it for Node and says so. See
// docs/native-modules.md.
//
// Also a module: scripts/start.mjs uses probeBetterSqlite3() with Electron's binary.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const PROBE = "const D = require('better-sqlite3'); new D(':memory:').close();";

/**
 * Loads better-sqlite3 in a child process (never in this one: a loaded .node file is locked on
 * Windows and could not be rebuilt) with the given runtime.
 * @param {{ execPath?: string, env?: NodeJS.ProcessEnv }} [runtime]
 * @returns {{ ok: true } | { ok: false, compiled: number | null, required: number | null, message: string }}
 */
export function probeBetterSqlite3(runtime = {}) {
  const result = spawnSync(runtime.execPath ?? process.execPath, ['-e', PROBE], {
    env: runtime.env ?? process.env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status === 0) return { ok: true };
  const output = `${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  const versions = /NODE_MODULE_VERSION (\d+)[\s\S]*?NODE_MODULE_VERSION (\d+)/.exec(output);
  const firstLine =
    output.split('\n').find((line) => /Error|NODE_MODULE_VERSION/.test(line)) ?? output.trim();
  return {
    ok: false,
    compiled: versions ? Number(versions[1]) : null,
    required: versions ? Number(versions[2]) : null,
    message: firstLine.trim().slice(0, 300),
  };
}

/** npm, portable: on Windows npm is a .cmd, which Node spawns only through a shell. */
export function runNpm(args, options = {}) {
  return spawnSync('npm', args, {
    stdio: 'inherit',
    shell: process.platform === 'win32',
    ...options,
  });
}

function main() {
  const probe = probeBetterSqlite3();
  if (probe.ok) return 0;
  if (probe.compiled === null) {
    console.error(`ensure-native: better-sqlite3 does not load in Node: ${probe.message}`);
    return 1;
  }
  console.error(
    `ensure-native: better-sqlite3 is built for NODE_MODULE_VERSION ${probe.compiled} (Electron's); ` +
      `Node ${process.version} needs ${probe.required}: running npm rebuild better-sqlite3`,
  );
  const rebuild = runNpm(['rebuild', 'better-sqlite3']);
  const again = probeBetterSqlite3();
  if (rebuild.status !== 0 || !again.ok) {
    console.error(
      `ensure-native: the rebuild did not fix it (${again.ok ? 'npm rebuild failed' : again.message}); ` +
        'it needs a compiler or the prebuilt binary from the network',
    );
    return 1;
  }
  console.error(
    'ensure-native: better-sqlite3 rebuilt for Node; run npm start again to use Electron',
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main();
}
