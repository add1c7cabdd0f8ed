#!/usr/bin/env node
// `node scripts/build-if-stale.mjs [--force]`: builds out/ with electron-vite unless it is current.
// `npm start`, `npm run serve` and `npm run screenshots` go through it, so a second start does not
// rebuild what has not changed.
//
// out/ is current when the stamp written after the last build (out/.build-stamp.json) names the
// same hash of the inputs (every file under renderer/, electron/, shared/, the build's configs and
// the lockfile: a changed, added or removed file rebuilds), and out/'s entry files are still the
// ones that build wrote (a build by another command, `npm run build` or `npm test`, on other
// sources, rebuilds).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Folders whose every file goes into the build, and the single files that shape it. */
export const inputDirs = ['renderer', 'electron', 'shared'];
export const inputFiles = [
  'electron.vite.config.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.base.json',
  'tsconfig.node.json',
  'tsconfig.web.json',
  'tsconfig.shared.json',
];
/** What a build writes and a start needs: checked to exist and to be the stamped build's. */
export const outputFiles = ['out/main/index.js', 'out/main/serve.js', 'out/renderer/index.html'];
export const stampFile = 'out/.build-stamp.json';

function listFiles(root, dir) {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  const files = [];
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(root, path));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/** sha256 over the inputs' paths and contents, in a fixed order. */
export function inputsHash(root = repoRoot) {
  const files = [
    ...inputDirs.flatMap((d) => listFiles(root, d)),
    ...inputFiles.filter((f) => existsSync(join(root, f))),
  ]
    .map((f) => relative(root, join(root, f)).split(sep).join('/'))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Each output's size and mtime, or null when one is missing. */
function outputsSignature(root) {
  const signature = {};
  for (const file of outputFiles) {
    const path = join(root, file);
    if (!existsSync(path)) return null;
    const s = statSync(path);
    signature[file] = `${s.size}:${Math.round(s.mtimeMs)}`;
  }
  return signature;
}

/**
 * Whether out/ is current, and why not.
 * @returns {{ current: true } | { current: false, reason: string }}
 */
export function buildStatus(root = repoRoot) {
  const outputs = outputsSignature(root);
  if (!outputs) return { current: false, reason: 'out/ has not been built' };
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, stampFile), 'utf8'));
  } catch {
    return { current: false, reason: 'out/ has no build stamp' };
  }
  if (stamp.inputs !== inputsHash(root)) {
    return { current: false, reason: 'sources changed since the last build' };
  }
  if (JSON.stringify(stamp.outputs) !== JSON.stringify(outputs)) {
    return { current: false, reason: 'out/ was rebuilt by another command' };
  }
  return { current: true };
}

/** Records that out/ was just built from the sources as they are. */
export function writeStamp(root = repoRoot) {
  const outputs = outputsSignature(root);
  if (!outputs) return;
  writeFileSync(
    join(root, stampFile),
    `${JSON.stringify({ inputs: inputsHash(root), outputs, builtAt: new Date().toISOString() }, null, 2)}\n`,
  );
}

/**
 * Builds out/ unless current. Prints one line either way (prefixed, e.g. `start:`).
 * @returns {boolean} true when out/ is current at the end
 */
export function buildIfStale({ prefix = 'build', force = false, root = repoRoot } = {}) {
  const status = force ? { current: false, reason: 'asked to' } : buildStatus(root);
  if (status.current) {
    console.log(
      `${prefix}: out/ is current (no source changed since the last build), not rebuilding`,
    );
    return true;
  }
  console.log(
    `${prefix}: building the core, the preload and the renderer into out/ (${status.reason})…`,
  );
  const started = Date.now();
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build', '--logLevel', 'error'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`${prefix}: the build failed (electron-vite build, exit ${result.status})`);
    return false;
  }
  writeStamp(root);
  console.log(`${prefix}: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = buildIfStale({ force: process.argv.includes('--force') }) ? 0 : 1;
}
