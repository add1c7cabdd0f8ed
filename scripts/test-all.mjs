#!/usr/bin/env node
// `npm test`: every suite, in order, then ONE closing line that sums them all:
//   N passed, N failed, N skipped
// First the Debian packages the tests need (scripts/debian-packages.mjs, the list CI installs):
// as root with apt-get the missing ones are installed; elsewhere it prints the one
// `sudo apt-get install -y …` line and stops before running anything, closing with
// `0 passed, 1 failed`.
// Suites: static checks (types, lint, format), vitest (unit + integration under Node), the build,
// Playwright (e2e in Debian Chromium through the browser host; the Electron suite, which reports
// itself skipped where the binary is missing). A runner that crashes without a report counts as
// one failure, never as nothing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { writeStamp } from './build-if-stale.mjs';
import { ensureDebianPackages } from './debian-packages.mjs';

const root = new URL('..', import.meta.url).pathname;

// 0. The Debian packages; without them the suites would fail in ways that do not say why.
process.stdout.write(
  '\n=== setup: the Debian packages the tests need (scripts/debian-packages.mjs)\n',
);
if (!ensureDebianPackages()) {
  process.stdout.write(
    '\nsetup        not run: Debian packages missing (above)\n0 passed, 1 failed\n',
  );
  process.exit(1);
}

const reports = join(root, 'node_modules', '.cache', 'vigil-test');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
process.env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1';

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
const bin = (name) => join(root, 'node_modules', '.bin', name);

function run(title, command, args, env = {}) {
  process.stdout.write(`\n=== ${title}: ${[command, ...args].join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { code: result.status ?? 1, seconds, error: result.error };
}

/** `run`, without blocking this process: the static checks beside it print when they end. */
function runAsync(title, command, args) {
  process.stdout.write(`\n=== ${title}: ${[command, ...args].join(' ')}\n`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: process.env });
    const done = (code, error) =>
      resolve({ code, seconds: ((Date.now() - started) / 1000).toFixed(1), error });
    child.on('error', (error) => done(1, error));
    child.on('close', (code) => done(code ?? 1));
  });
}

function count(suite, passed, failed, skipped, seconds) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(
    `${suite.padEnd(12)} ${passed} passed, ${failed} failed, ${skipped} skipped (${seconds}s)`,
  );
}

function check(suite, command, args) {
  const { code, seconds } = run(suite, command, args);
  count(suite, code === 0 ? 1 : 0, code === 0 ? 0 : 1, 0, seconds);
  return code === 0;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// better-sqlite3 must be built for Node's ABI (npm start may have rebuilt it for Electron).
if (existsSync(join(root, 'scripts', 'ensure-native.mjs'))) {
  check('native', process.execPath, [join(root, 'scripts', 'ensure-native.mjs')]);
}

// 1. Static checks: a wrong import across a seam fails here (eslint) and in the type-check.
// The three static checks read the tree and write nothing the others read: run side by side
// (about half a minute of CI saved), each one's output printed whole when it ends.
function checkAside(suite, command, args) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: process.env });
    // Below the tests' priority: they take the idle time of vitest's integration tests (servers
    // waiting on timers and sockets) without slowing what those tests time.
    try {
      setPriority(child.pid, 10);
    } catch {
      // Not allowed here: they run at the same priority.
    }
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    let ended = false;
    const done = (code) => {
      if (ended) return;
      ended = true;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n=== ${suite}: ${[command, ...args].join(' ')}\n${out}`);
      count(suite, code === 0 ? 1 : 0, code === 0 ? 0 : 1, 0, seconds);
      resolve(code === 0);
    };
    child.on('error', (error) => {
      out += String(error);
      done(1);
    });
    child.on('close', (code) => done(code ?? 1));
  });
}
// They run beside vitest (below), at a lower priority: about a minute of CI saved.
const staticChecks = Promise.all([
  checkAside('types', bin('tsc'), ['-b']),
  checkAside('lint', bin('eslint'), ['.', '--max-warnings', '0']),
  checkAside('format', bin('prettier'), ['--check', '.', '--log-level', 'warn']),
]);

// 2. Unit and integration tests under Node.
{
  const out = join(reports, 'vitest.json');
  const { code, seconds } = await runAsync('vitest', bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  const report = readJson(out);
  if (report) {
    const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    const failed = report.numFailedTests + (code !== 0 && report.numFailedTests === 0 ? 1 : 0);
    count('vitest', report.numPassedTests, failed, skipped, seconds);
  } else {
    count('vitest', 0, 1, 0, seconds);
  }
}

await staticChecks;

// 3. The build (main, preload, renderer): e2e runs what it produces.
const built = check('build', bin('electron-vite'), ['build']);
// `npm start` and `npm run serve` need not rebuild what this built (scripts/build-if-stale.mjs).
if (built) writeStamp();

// 4. End to end in Chromium (and the Electron suite, skipped with its reason where no binary).
if (built) {
  const out = join(reports, 'playwright.json');
  const { code, seconds } = run(
    'playwright',
    bin('playwright'),
    ['test', '--project=e2e', '--project=electron', '--reporter=list,json'],
    {
      PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    },
  );
  const report = readJson(out);
  if (report?.stats) {
    const { expected = 0, unexpected = 0, skipped = 0, flaky = 0 } = report.stats;
    // A flaky test (passed only on retry) is reported as a failure: it hides a real problem.
    const failed = unexpected + flaky + (code !== 0 && unexpected + flaky === 0 ? 1 : 0);
    count('playwright', expected, failed, skipped, seconds);
  } else {
    count('playwright', 0, 1, 0, seconds);
  }
} else {
  lines.push('playwright   not run: the build failed (counted as 1 failed)');
  totals.failed += 1;
}

process.stdout.write(`\n${lines.join('\n')}\n`);
const skippedPart = totals.skipped ? `, ${totals.skipped} skipped` : '';
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed${skippedPart}\n`);
process.exit(totals.failed > 0 ? 1 : 0);
