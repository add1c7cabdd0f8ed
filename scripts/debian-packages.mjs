#!/usr/bin/env node
// The Debian packages the tests need, in ONE place: `npm test` (scripts/test-all.mjs) checks them
// before running anything, and CI (.ci/run) installs them with this same list.
//
//   node scripts/debian-packages.mjs            check; where missing, install them when running as
//                                               root with apt-get, else print the one
//                                               `sudo apt-get install -y …` line and exit 1
//   node scripts/debian-packages.mjs --check    check only (exit 1 when one is missing)
//   node scripts/debian-packages.mjs --names    the package names, one line (for scripts)
//
// Only Node's own modules here: CI runs it before `npm ci`.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Each package, why the tests need it, and what shows it is installed: every entry of `needs` must
 * be present, an entry being a list of alternatives; an absolute path is a file, anything else a
 * command on PATH (or in /usr/sbin, /sbin: a non-root PATH often lacks them).
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ name: string, why: string, needs: string[][] }[]}
 */
export function debianPackages(env = process.env) {
  return [
    {
      name: 'chromium',
      why: 'the e2e suite drives the real renderer in Debian Chromium (never `playwright install`)',
      needs: [[env.VIGIL_CHROMIUM || '/usr/bin/chromium']],
    },
    {
      name: 'ffmpeg',
      why: "ffprobe checks the simulator's media",
      needs: [['ffmpeg'], ['ffprobe']],
    },
    {
      name: 'xvfb',
      why: 'the Electron suite where its binary exists; screenshots of a real window',
      needs: [['Xvfb']],
    },
    {
      name: 'fonts-noto-cjk',
      why: 'Chinese text in Chromium (screenshots, text that must fit)',
      needs: [
        [
          '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
          '/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc',
        ],
      ],
    },
    {
      name: 'mosquitto',
      why: 'the real-peer and broker tests start their own Mosquitto (and mosquitto_passwd)',
      needs: [['mosquitto'], ['mosquitto_passwd']],
    },
    {
      name: 'nginx',
      why: 'the real-peer suite serves HLS from nginx on a free loopback port',
      needs: [['nginx']],
    },
    {
      name: 'libnginx-mod-rtmp',
      why: "nginx's RTMP module, which turns ffmpeg pushes into HLS",
      needs: [['/usr/lib/nginx/modules/ngx_rtmp_module.so']],
    },
    { name: 'openssl', why: "the broker test's CA and certificates", needs: [['openssl']] },
    { name: 'lintian', why: "the DEB's check (installers/deb.test.ts)", needs: [['lintian']] },
    { name: 'wixl', why: 'builds the MSI on Linux (installers/msi.test.ts)', needs: [['wixl']] },
    {
      name: 'msitools',
      why: "reads the MSI's tables back (msiinfo, msiextract)",
      needs: [['msiinfo'], ['msiextract']],
    },
    {
      name: 'unzip',
      why: "the support bundle's test checks the zip with `unzip -t`",
      needs: [['unzip']],
    },
  ];
}

/**
 * The packages whose files or commands are missing (pure: `has` says whether one exists).
 * @param {{ name: string, needs: string[][] }[]} packages
 * @param {(pathOrCommand: string) => boolean} has
 * @returns {string[]}
 */
export function missingPackages(packages, has) {
  return packages
    .filter((p) => !p.needs.every((alternatives) => alternatives.some((a) => has(a))))
    .map((p) => p.name);
}

/**
 * What to do about the missing packages (pure).
 * - nothing missing: `ok`;
 * - running as root on a machine with apt-get: `install`, the commands to run;
 * - else `ask`: the one line for the user to run, and stop.
 * @param {{ missing: string[], isRoot: boolean, hasAptGet: boolean }} situation
 * @returns {{ action: 'ok' } | { action: 'install', commands: string[][] } | { action: 'ask', line: string }}
 */
export function setupPlan({ missing, isRoot, hasAptGet }) {
  if (missing.length === 0) return { action: 'ok' };
  const install = ['apt-get', 'install', '-y', '--no-install-recommends', ...missing];
  if (isRoot && hasAptGet) return { action: 'install', commands: [['apt-get', 'update'], install] };
  const line = hasAptGet
    ? `sudo apt-get install -y ${missing.join(' ')}`
    : `install the Debian packages ${missing.join(' ')} (or your system's equivalents)`;
  return { action: 'ask', line };
}

const sbin = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

/** Whether a file exists (absolute path) or a command is on PATH (or in the sbin folders). */
export function present(thing, env = process.env) {
  if (thing.startsWith('/')) return existsSync(thing);
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...sbin];
  return dirs.some((dir) => {
    try {
      accessSync(join(dir, thing), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Checks the packages and installs the missing ones where it may. Prints what it does, each line
 * starting with `setup:`. Returns true when every package is there at the end.
 * @param {{ install?: boolean, log?: (line: string) => void }} [options]
 */
export function ensureDebianPackages({ install = true, log = (l) => console.log(l) } = {}) {
  const packages = debianPackages();
  const missing = missingPackages(packages, (t) => present(t));
  const plan = setupPlan({
    missing,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasAptGet: present('apt-get'),
  });
  if (plan.action === 'ok') {
    log(`setup: the ${packages.length} Debian packages the tests need are installed`);
    return true;
  }
  const why = packages.filter((p) => missing.includes(p.name)).map((p) => `  ${p.name}: ${p.why}`);
  log(`setup: the tests need Debian packages that are not installed:\n${why.join('\n')}`);
  if (plan.action === 'ask' || !install) {
    log(
      `setup: install them, then run the tests again:\n  ${plan.action === 'ask' ? plan.line : `sudo apt-get install -y ${missing.join(' ')}`}`,
    );
    return false;
  }
  for (const command of plan.commands) {
    log(`setup: ${command.join(' ')}`);
    const result = spawnSync(command[0], command.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) {
      log(`setup: \`${command.join(' ')}\` failed (exit ${result.status ?? result.error})`);
      return false;
    }
  }
  const still = missingPackages(packages, (t) => present(t));
  if (still.length > 0) {
    log(`setup: still missing after the install: ${still.join(', ')}`);
    return false;
  }
  log(`setup: installed ${missing.join(' ')}`);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const flag = process.argv[2];
  if (flag === '--names') {
    console.log(
      debianPackages()
        .map((p) => p.name)
        .join(' '),
    );
  } else if (flag === undefined || flag === '--check') {
    process.exitCode = ensureDebianPackages({ install: flag !== '--check' }) ? 0 : 1;
  } else {
    console.error(`debian-packages: unknown option ${flag} (--check, --names)`);
    process.exitCode = 2;
  }
}
