/**
 * `npm run dist:deb [-- --arch amd64|arm64] [--out DIR] [--keep-stage]`: the Debian package,
 * dist/vigil_<version>_<arch>.deb, laid out here and built with `dpkg-deb --root-owner-group`
 * (no fakeroot, no fpm). docs/installing.md ("DEB") is the installer's side of it.
 *
 *   /opt/Vigil/                    the Electron runtime (its `electron` renamed `vigil`)
 *   /opt/Vigil/resources/app/      out/ (no source maps), package.json, production node_modules
 *                                  (better-sqlite3's binding built for this runtime; no asar)
 *   /opt/Vigil/resources/media/    the simulator's media segments
 *   /usr/bin/vigil, vigil-serve    launchers (the app; the browser host on the runtime as Node)
 *   /usr/share/applications/vigil.desktop, /usr/share/icons/hicolor/…/apps/vigil.{png,svg}
 *   /etc/vigil/vigil.config.json   conffile: the machine's config, kept across upgrades
 *   /etc/xdg/autostart/vigil.desktop  conffile: the walls start after login
 *
 * The runtime: VIGIL_ELECTRON_DIST names an unpacked Electron for Linux (the electron npm
 * package's dist/ after its download, or electron-v<version>-linux-<arch>.zip from a mirror,
 * unzipped). Its better-sqlite3 is then rebuilt for its ABI with @electron/rebuild (headers from
 * ELECTRON_REBUILD_DIST_URL or npm_config_nodedir on an offline machine), its fuses are flipped
 * from electron-builder.ts (two left as the DEB needs them, see debFuses) and the binding is loaded
 * by the runtime before the package is built. Without it a STAND-IN runtime is packaged (a shell
 * script that runs `node` for ELECTRON_RUN_AS_NODE=1 and refuses anything else): a TEST BUILD,
 * said in the package's description and here, enough to run vigil-serve. arm64 needs a runtime.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  renameSync,
  rmSync,
  closeSync,
  writeFileSync,
} from 'node:fs';
import { arch as hostArch, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import builderConfig, { electronFuses } from '../electron-builder';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const linuxFiles = join(repo, 'resources', 'linux');

type DebArch = 'amd64' | 'arm64';

/**
 * What Electron 45 and the better-sqlite3 binding need on Debian 10+/Kylin V10/UOS 20 (glibc 2.28
 * and newer); the t64 alternatives are the names in Debian 13 and Ubuntu 24.04.
 */
export const debDepends = [
  'libc6 (>= 2.28)',
  'libstdc++6',
  'libgtk-3-0 | libgtk-3-0t64',
  'libnss3',
  'libnotify4',
  'libxss1',
  'libxtst6',
  'xdg-utils',
  'libatspi2.0-0 | libatspi2.0-0t64',
  'libuuid1',
  'libsecret-1-0',
  'libgbm1',
  'libdrm2',
  'libxkbcommon0',
  'libasound2 | libasound2t64',
];

/**
 * electron-builder.ts's fuses, with two the DEB needs the other way: runAsNode (vigil-serve runs
 * the browser host on the packaged runtime as Node; the Windows build keeps it off) and
 * onlyLoadAppFromAsar (the app is a folder, resources/app; Linux has no asar integrity check).
 */
export const debFuses = {
  ...electronFuses,
  runAsNode: true,
  onlyLoadAppFromAsar: false,
  enableEmbeddedAsarIntegrityValidation: false,
} as const;

/** package.json's semver as a Debian version: a pre-release sorts before the release (~). */
export function debianVersion(version: string): string {
  return version.replace(/\+.*$/, '').replace('-', '~');
}

function log(line: string): void {
  process.stderr.write(`dist:deb: ${line}\n`);
}

function run(command: string, args: string[], options: SpawnSyncOptions = {}): void {
  const r = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${r.error?.message ?? r.status})`);
  }
}

/** The ELF machine of a binary: x86-64 → amd64, AArch64 → arm64. */
function elfArch(file: string): DebArch | null {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(20);
  try {
    readSync(fd, head, 0, 20, 0);
  } finally {
    closeSync(fd);
  }
  if (head.readUInt32BE(0) !== 0x7f454c46) return null;
  const machine = head.readUInt16LE(18);
  return machine === 0x3e ? 'amd64' : machine === 0xb7 ? 'arm64' : null;
}

interface Runtime {
  /** The unpacked Electron, or null for the stand-in. */
  dir: string | null;
  version: string | null;
  arch: DebArch;
}

function findRuntime(wanted: DebArch | undefined): Runtime {
  const given = process.env.VIGIL_ELECTRON_DIST;
  if (!given) {
    if (wanted && wanted !== 'amd64') {
      throw new Error(`--arch ${wanted} needs a runtime: set VIGIL_ELECTRON_DIST`);
    }
    return { dir: null, version: null, arch: 'amd64' };
  }
  const dir = resolve(given);
  const binary = join(dir, 'electron');
  if (!existsSync(binary)) throw new Error(`VIGIL_ELECTRON_DIST=${dir}: no "electron" in it`);
  const arch = elfArch(binary);
  if (!arch) throw new Error(`${binary}: not an x86-64 or AArch64 ELF executable`);
  if (wanted && wanted !== arch) throw new Error(`--arch ${wanted}, but ${binary} is ${arch}`);
  const versionFile = join(dir, 'version');
  const version = existsSync(versionFile)
    ? readFileSync(versionFile, 'utf8').trim().replace(/^v/, '')
    : null;
  if (!version) throw new Error(`${dir}: no "version" file (an unpacked Electron has one)`);
  return { dir, version, arch };
}

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
  link?: boolean;
}

/** The production packages of package-lock.json (paths like node_modules/a/node_modules/b). */
export function productionPackages(lock: { packages: Record<string, LockEntry> }): string[] {
  return Object.entries(lock.packages)
    .filter(([path, p]) => path.startsWith('node_modules/') && !p.dev && !p.devOptional && !p.link)
    .map(([path]) => path)
    .sort();
}

const junkDirs = new Set([
  'test',
  'tests',
  '__tests__',
  'example',
  'examples',
  'benchmarks',
  '.github',
  'docs',
]);
const junkFile =
  /(\.map|\.md|\.markdown|\.[mc]?tsx?|\.tsbuildinfo|\.gyp|\.gypi|\.c|\.cc|\.h)$|^\.(npmignore|eslintrc.*|prettierrc.*|travis\.yml|editorconfig|gitattributes)$/i;

/** Drops what a running app never reads (unless `keepAll`); keeps licences. Modes 0755/0644. */
function tidyTree(dir: string, keepAll = false): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) {
      if (!keepAll && junkDirs.has(name)) rmSync(path, { recursive: true, force: true });
      else {
        chmodSync(path, 0o755);
        tidyTree(path, keepAll);
        if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
      }
    } else if (!keepAll && junkFile.test(name) && !/^licen[cs]e/i.test(name)) {
      rmSync(path);
    } else {
      chmodSync(path, 0o644);
    }
  }
}

function copyProductionModules(appDir: string): string[] {
  const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const copied: string[] = [];
  for (const path of productionPackages(lock)) {
    const from = join(repo, path);
    if (!existsSync(from)) {
      if (lock.packages[path]?.optional) continue; // another platform's optional package
      throw new Error(`${path} is in package-lock.json but not installed: run npm ci`);
    }
    // Nested node_modules are packages of their own in the lock (copied as such, or dev-only).
    cpSync(from, join(appDir, path), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => relative(from, src).split('/')[0] !== 'node_modules',
    });
    copied.push(path);
  }
  return copied;
}

/** better-sqlite3: only the binding and its loader stay; the sources and objects go. */
function trimBetterSqlite3(appDir: string, arch: DebArch): void {
  const dir = join(appDir, 'node_modules', 'better-sqlite3');
  for (const name of ['deps', 'src', 'binding.gyp'])
    rmSync(join(dir, name), { recursive: true, force: true });
  const binding = join(dir, 'build', 'Release', 'better_sqlite3.node');
  const keep = join(tmpdir(), `vigil-deb-binding-${process.pid}.node`);
  copyFileSync(binding, keep);
  rmSync(join(dir, 'build'), { recursive: true, force: true });
  mkdirSync(dirname(binding), { recursive: true });
  renameSync(keep, binding);
  const hostDeb = hostArch() === 'x64' ? 'amd64' : hostArch() === 'arm64' ? 'arm64' : null;
  if (hostDeb === arch) run('strip', ['--strip-unneeded', binding]);
  chmodSync(binding, 0o644);
}

/** Display columns: a CJK character takes two. */
function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u2e80-\uffef]/.test(ch) ? 2 : 1;
  return n;
}

/** The extended description's lines, at most 72 columns (Chinese runs are cut anywhere). */
function wrapDescription(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    let gap = line ? ' ' : '';
    while (rest) {
      let take = '';
      for (const ch of rest) {
        if (columns(line + gap + take + ch) > 72) break;
        take += ch;
      }
      const wholeFits = take === rest;
      if (!wholeFits && (!/[\u2e80-\uffef]/.test(rest) || take === '') && line) {
        lines.push(line); // a latin word goes whole onto the next line
        line = '';
        gap = '';
        continue;
      }
      if (take === '') take = [...rest][0] ?? '';
      line += gap + take;
      rest = rest.slice(take.length);
      gap = '';
      if (rest) {
        lines.push(line);
        line = '';
      }
    }
  }
  if (line) lines.push(line);
  return lines;
}

function walkFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isDirectory()) walkFiles(path, out);
    else out.push(path);
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      arch: { type: 'string' },
      out: { type: 'string', default: 'dist' },
      'keep-stage': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.arch !== undefined && values.arch !== 'amd64' && values.arch !== 'arm64') {
    throw new Error(`--arch: "${values.arch}" is not amd64 or arm64`);
  }
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    description: string;
    main: string;
    type: string;
    dependencies: Record<string, string>;
  };
  const runtime = findRuntime(values.arch as DebArch | undefined);
  const version = debianVersion(pkg.version);
  const outDir = resolve(repo, values.out);
  const debFile = join(outDir, `vigil_${version}_${runtime.arch}.deb`);
  const stage = mkdtempSync(join(tmpdir(), 'vigil-deb-'));
  const root = join(stage, 'root');
  const opt = join(root, 'opt', 'Vigil');
  const app = join(opt, 'resources', 'app');
  try {
    // ---- the runtime
    if (runtime.dir) {
      log(`runtime: Electron ${runtime.version} (${runtime.arch}) from ${runtime.dir}`);
      cpSync(runtime.dir, opt, { recursive: true, verbatimSymlinks: true });
      renameSync(join(opt, 'electron'), join(opt, 'vigil'));
      rmSync(join(opt, 'resources', 'default_app.asar'), { force: true });
      const locales = join(opt, 'locales');
      if (existsSync(locales)) {
        for (const name of readdirSync(locales)) {
          if (!['zh-CN.pak', 'en-US.pak'].includes(name)) rmSync(join(locales, name));
        }
      }
      for (const file of walkFiles(opt)) {
        const exec = ['vigil', 'chrome-sandbox', 'chrome_crashpad_handler'].includes(
          relative(opt, file),
        );
        if (!lstatSync(file).isSymbolicLink()) chmodSync(file, exec ? 0o755 : 0o644);
      }
      const { flipFuses, FuseVersion, FuseV1Options } = await import('@electron/fuses');
      await flipFuses(join(opt, 'vigil'), {
        version: FuseVersion.V1,
        strictlyRequireAllFuses: true,
        [FuseV1Options.RunAsNode]: debFuses.runAsNode,
        [FuseV1Options.EnableCookieEncryption]: debFuses.enableCookieEncryption,
        [FuseV1Options.EnableNodeOptionsEnvironmentVariable]:
          debFuses.enableNodeOptionsEnvironmentVariable,
        [FuseV1Options.EnableNodeCliInspectArguments]: debFuses.enableNodeCliInspectArguments,
        [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]:
          debFuses.enableEmbeddedAsarIntegrityValidation,
        [FuseV1Options.OnlyLoadAppFromAsar]: debFuses.onlyLoadAppFromAsar,
        [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]:
          debFuses.loadBrowserProcessSpecificV8Snapshot,
        [FuseV1Options.GrantFileProtocolExtraPrivileges]: debFuses.grantFileProtocolExtraPrivileges,
      });
    } else {
      log('runtime: STAND-IN (no VIGIL_ELECTRON_DIST): a TEST BUILD, no Electron in it');
      mkdirSync(opt, { recursive: true });
      copyFileSync(join(linuxFiles, 'standin-runtime'), join(opt, 'vigil'));
      chmodSync(join(opt, 'vigil'), 0o755);
      mkdirSync(join(opt, 'resources'), { recursive: true });
    }

    // ---- the app: a fresh electron-vite build (never touches ./out, which tests may be using)
    run(
      join(repo, 'node_modules', '.bin', 'electron-vite'),
      ['build', '--outDir', join(app, 'out'), '--logLevel', 'warn'],
      {
        cwd: repo,
      },
    );
    writeFileSync(
      join(app, 'package.json'),
      `${JSON.stringify(
        {
          name: pkg.name,
          // Electron names the user's data folder after it: ~/.config/Vigil.
          productName: 'Vigil',
          version: pkg.version,
          description: pkg.description,
          main: pkg.main,
          type: pkg.type,
          dependencies: pkg.dependencies,
        },
        null,
        2,
      )}\n`,
    );
    const modules = copyProductionModules(app);
    log(`${modules.length} production packages copied`);
    if (runtime.dir && runtime.version) {
      log(`rebuilding better-sqlite3 for Electron ${runtime.version} (${runtime.arch})`);
      run(
        join(repo, 'node_modules', '.bin', 'electron-rebuild'),
        [
          '--version',
          runtime.version,
          '--arch',
          runtime.arch === 'amd64' ? 'x64' : 'arm64',
          '--module-dir',
          app,
          '--only',
          'better-sqlite3',
          '--force',
        ],
        { cwd: app },
      );
    }
    trimBetterSqlite3(app, runtime.arch);
    tidyTree(join(app, 'node_modules'));
    tidyTree(join(app, 'out'));
    // The media: MPEG-TS segments are *.ts, kept whole.
    cpSync(join(repo, 'resources', 'media'), join(opt, 'resources', 'media'), { recursive: true });
    tidyTree(join(opt, 'resources', 'media'), true);

    // The binding must load in the packaged runtime (where this machine can run it).
    const hostDeb = hostArch() === 'x64' ? 'amd64' : hostArch() === 'arm64' ? 'arm64' : null;
    if (hostDeb === runtime.arch) {
      const probe = spawnSync(
        join(opt, 'vigil'),
        ['-e', "const D = require('better-sqlite3'); new D(':memory:').close();"],
        { cwd: app, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8' },
      );
      if (probe.status !== 0) {
        throw new Error(`better-sqlite3 does not load in the packaged runtime:\n${probe.stderr}`);
      }
      log('better-sqlite3 loads in the packaged runtime');
    }

    // ---- system files
    const put = (from: string, to: string, mode: number): void => {
      const dest = join(root, to);
      mkdirSync(dirname(dest), { recursive: true });
      copyFileSync(join(linuxFiles, from), dest);
      chmodSync(dest, mode);
    };
    put('vigil', 'usr/bin/vigil', 0o755);
    put('vigil-serve', 'usr/bin/vigil-serve', 0o755);
    put('vigil.desktop', 'usr/share/applications/vigil.desktop', 0o644);
    put('vigil-autostart.desktop', 'etc/xdg/autostart/vigil.desktop', 0o644);
    put('vigil.config.json', 'etc/vigil/vigil.config.json', 0o644);
    for (const size of [48, 128, 256]) {
      put(
        `icons/vigil-${size}.png`,
        `usr/share/icons/hicolor/${size}x${size}/apps/vigil.png`,
        0o644,
      );
    }
    put('icons/vigil.svg', 'usr/share/icons/hicolor/scalable/apps/vigil.svg', 0o644);
    put('copyright', 'usr/share/doc/vigil/copyright', 0o644);
    put('lintian-overrides', 'usr/share/lintian/overrides/vigil', 0o644);
    const changelog = [
      `vigil (${version}) stable; urgency=medium`,
      '',
      `  * Vigil ${pkg.version}${runtime.dir ? '' : ' (TEST BUILD: stand-in runtime, no Electron)'}.`,
      "    See the project's git history for changes.",
      '',
      ` -- ${builderConfig.linux?.maintainer ?? 'Vigil'}  ${new Date(0).toUTCString().replace('GMT', '+0000')}`,
      '',
    ].join('\n');
    writeFileSync(
      join(root, 'usr/share/doc/vigil/changelog.gz'),
      gzipSync(changelog, { level: 9 }),
    );
    chmodSync(join(root, 'usr/share/doc/vigil/changelog.gz'), 0o644);
    for (const dir of walkFiles(root).map((f) => dirname(f))) chmodSync(dir, 0o755);

    // ---- DEBIAN/
    const debian = join(root, 'DEBIAN');
    mkdirSync(debian, { recursive: true });
    const files = walkFiles(root).filter((f) => !f.startsWith(debian));
    let bytes = 0;
    const sums: string[] = [];
    for (const file of files) {
      const stat = lstatSync(file);
      bytes += stat.size;
      if (stat.isSymbolicLink() || file.startsWith(join(root, 'etc'))) continue;
      sums.push(
        `${createHash('md5').update(readFileSync(file)).digest('hex')}  ${relative(root, file)}`,
      );
    }
    writeFileSync(join(debian, 'md5sums'), `${sums.join('\n')}\n`);
    writeFileSync(
      join(debian, 'conffiles'),
      '/etc/vigil/vigil.config.json\n/etc/xdg/autostart/vigil.desktop\n',
    );
    copyFileSync(join(linuxFiles, 'postinst'), join(debian, 'postinst'));
    chmodSync(join(debian, 'postinst'), 0o755);
    const linux = builderConfig.linux ?? {};
    const synopsis = runtime.dir
      ? (linux.synopsis ?? pkg.description)
      : 'TEST BUILD (stand-in runtime, no Electron) of Vigil';
    const long = [
      ...(runtime.dir
        ? []
        : [
            'This package was built without an Electron runtime: /opt/Vigil/vigil is a',
            'stand-in that only runs the browser host (vigil-serve) with node. Not for',
            'a workstation.',
            '.',
          ]),
      ...wrapDescription(linux.description ?? pkg.description),
    ];
    const recommends = builderConfig.deb?.recommends;
    const control = [
      'Package: vigil',
      `Version: ${version}`,
      `Architecture: ${runtime.arch}`,
      `Maintainer: ${linux.maintainer ?? 'Vigil'}`,
      `Installed-Size: ${Math.ceil(bytes / 1024)}`,
      `Depends: ${debDepends.join(', ')}`,
      ...(Array.isArray(recommends) && recommends.length > 0
        ? [`Recommends: ${recommends.join(', ')}`]
        : []),
      'Section: video',
      'Priority: optional',
      `Description: ${synopsis}`,
      ...long.map((line) => ` ${line}`),
      '',
    ].join('\n');
    writeFileSync(join(debian, 'control'), control);
    chmodSync(join(debian, 'control'), 0o644);
    chmodSync(join(debian, 'md5sums'), 0o644);
    chmodSync(join(debian, 'conffiles'), 0o644);

    mkdirSync(outDir, { recursive: true });
    rmSync(debFile, { force: true });
    run('dpkg-deb', ['--root-owner-group', '-Zxz', '--build', root, debFile], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    log(
      `${relative(process.cwd(), debFile) || debFile}${runtime.dir ? '' : ' (TEST BUILD: stand-in runtime)'}`,
    );
    process.stdout.write(`${debFile}\n`);
  } finally {
    if (values['keep-stage']) log(`stage kept: ${stage}`);
    else rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
