/**
 * `npm run dist:msi`: dist/Vigil-<version>-x64.msi, built on Linux with wixl (msitools) from a
 * fresh electron-vite build; checked by tests/integration/installers/msi.test.ts.
 *
 *   tsx scripts/dist-msi.ts [--out DIR]
 *
 * The MSI installs per machine, x64, into Program Files\Vigil: the Electron runtime for
 * win32-x64 with the app in resources\app (out/, a trimmed package.json and the production
 * node_modules) and the simulator's media in resources\media; a Start menu shortcut, a shortcut
 * in the common Startup folder (its own feature, AutoStart), the installer's properties in
 * HKLM\Software\Vigil (turned into %ProgramData%\Vigil\vigil.config.json at the first start:
 * electron/station/provision.ts). The fixed part is resources/windows/vigil.wxs; this script
 * stages the files and harvests them into a second WiX source.
 *
 * Where the runtime comes from (nothing is downloaded):
 * - VIGIL_ELECTRON_DIST_WIN=<dir>: an unpacked Electron for win32-x64 (electron-vX-win32-x64.zip
 *   of the version in package.json), and VIGIL_BETTER_SQLITE3_WIN=<file>: better_sqlite3.node
 *   built for that Electron on win32-x64 (better-sqlite3's prebuilt electron-vNNN-win32-x64).
 * - neither: a STAND-IN folder (a placeholder vigil.exe, no native binding). The MSI's product
 *   name and comments say it is a test build; it checks the packaging, it does not run.
 *
 * Unlike electron-builder's MSI/NSIS (a Windows build machine, `npm run dist`), no fuses are
 * flipped and the app is a folder, not an asar: the hardened release build stays electron-builder.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const template = join(root, 'resources', 'windows', 'vigil.wxs');

/** The Electron locales kept (electron-builder.ts's electronLanguages). */
const keptLocales = new Set(['zh-CN.pak', 'en-US.pak']);

interface PackageJson {
  name: string;
  version: string;
  description?: string;
  main: string;
  type?: string;
}

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
}

export interface MsiBuildOptions {
  /** Where the .msi goes. Default dist/. */
  outDir?: string;
  /** An unpacked Electron win32-x64; null: the stand-in. */
  electronDist?: string | null;
  /** better_sqlite3.node for that Electron on win32-x64. */
  sqliteBinding?: string | null;
  log?: (line: string) => void;
}

export interface MsiBuildResult {
  msi: string;
  standIn: boolean;
  files: number;
}

/** MSI ProductVersion from package.json's: major.minor.patch, within MSI's 255.255.65535. */
export function msiVersion(version: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(version);
  if (!m || Number(m[1]) > 255 || Number(m[2]) > 255 || Number(m[3]) > 65535) {
    throw new Error(
      `package.json version ${version}: an MSI needs major.minor.patch ≤ 255.255.65535`,
    );
  }
  return `${m[1]}.${m[2]}.${m[3]}`;
}

/** Never shipped: maps, sources, docs, tests, build leftovers. */
export function excluded(relPath: string): boolean {
  const parts = relPath.split('/');
  const name = parts[parts.length - 1] ?? '';
  if (/\.(map|ts|mts|cts|tsx|md|markdown|tsbuildinfo|flow|gyp|gypi|cc|c|h|hpp|o|a)$/i.test(name)) {
    return true;
  }
  if (/\.(test|spec)\.[cm]?js$/i.test(name)) return true;
  if (
    /^(\.npmignore|\.eslintrc.*|\.prettierrc.*|\.editorconfig|\.travis\.yml|tsconfig.*\.json)$/.test(
      name,
    )
  ) {
    return true;
  }
  const dirs = parts.slice(0, -1);
  return dirs.some((d) =>
    /^(test|tests|__tests__|spec|example|examples|docs|doc|coverage|benchmark|benchmarks|\.github)$/i.test(
      d,
    ),
  );
}

/** The production packages' folders (package-lock: not dev, not a dev-only optional peer). */
function productionPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && !entry.dev && !entry.devOptional)
    .map(([path]) => path)
    .filter((path) => !/(^|\/)node_modules\/@types\//.test(path))
    .filter((path) => existsSync(join(root, path)))
    .sort();
}

function copyTree(from: string, to: string, keep: (rel: string) => boolean, rel = ''): number {
  let count = 0;
  for (const entry of readdirSync(join(from, rel), { withFileTypes: true })) {
    const childRel = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      // Nested node_modules are copied as packages of their own (productionPackages lists them).
      if (entry.name === 'node_modules') continue;
      count += copyTree(from, to, keep, childRel);
    } else if (entry.isFile() && keep(childRel)) {
      mkdirSync(dirname(join(to, childRel)), { recursive: true });
      copyFileSync(join(from, childRel), join(to, childRel));
      count++;
    }
  }
  return count;
}

function isPe(file: string): boolean {
  const head = readFileSync(file).subarray(0, 2).toString('latin1');
  return head === 'MZ';
}

/** The runtime: the given Electron win32-x64 (electron.exe → vigil.exe), or the stand-in. */
function stageRuntime(
  stage: string,
  electronDist: string | null,
  version: string,
  log: (line: string) => void,
): void {
  if (electronDist === null) {
    writeFileSync(
      join(stage, 'vigil.exe'),
      `Vigil ${version} STAND-IN: not a Windows program. This MSI was built without ` +
        'VIGIL_ELECTRON_DIST_WIN (an unpacked Electron win32-x64) and only tests the packaging.\r\n',
    );
    return;
  }
  const exe = join(electronDist, 'electron.exe');
  if (!existsSync(exe) || !isPe(exe)) {
    throw new Error(
      `VIGIL_ELECTRON_DIST_WIN=${electronDist}: no electron.exe (a Windows program) in it; ` +
        'give the folder of an unpacked electron-v*-win32-x64.zip',
    );
  }
  const given = existsSync(join(electronDist, 'version'))
    ? readFileSync(join(electronDist, 'version'), 'utf8').trim()
    : '?';
  const wanted = (
    JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  if (given !== wanted) {
    log(`warning: VIGIL_ELECTRON_DIST_WIN is Electron ${given}, package.json has ${wanted}`);
  }
  copyTree(electronDist, stage, (rel) => {
    if (rel === 'resources/default_app.asar') return false;
    if (rel.startsWith('locales/')) return keptLocales.has(rel.slice('locales/'.length));
    return true;
  });
  rmSync(join(stage, 'vigil.exe'), { force: true });
  copyFileSync(exe, join(stage, 'vigil.exe'));
  rmSync(join(stage, 'electron.exe'));
}

/**
 * resources/app: a fresh electron-vite build (never ./out, which tests may be using; no source
 * maps), a trimmed package.json, the production node_modules.
 */
function stageApp(
  stage: string,
  work: string,
  pkg: PackageJson,
  sqliteBinding: string | null,
): number {
  const app = join(stage, 'resources', 'app');
  const out = join(work, 'out');
  const build = spawnSync(
    join(root, 'node_modules', '.bin', 'electron-vite'),
    ['build', '--outDir', out, '--logLevel', 'warn'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (build.status !== 0 || !existsSync(join(out, 'main', 'index.js'))) {
    throw new Error(
      `electron-vite build failed (${build.status ?? build.signal}): ${build.stderr}`,
    );
  }
  let count = copyTree(out, join(app, 'out'), (rel) => !excluded(rel));
  // productName decides the data folder: %APPDATA%\Vigil.
  const trimmed = {
    name: pkg.name,
    productName: 'Vigil',
    version: pkg.version,
    description: pkg.description,
    main: pkg.main,
    type: pkg.type,
  };
  writeFileSync(join(app, 'package.json'), `${JSON.stringify(trimmed, null, 2)}\n`);
  count++;
  for (const path of productionPackages()) {
    const isSqlite = path === 'node_modules/better-sqlite3';
    count += copyTree(join(root, path), join(app, path), (rel) => {
      if (isSqlite) return rel === 'package.json' || rel === 'LICENSE' || rel.startsWith('lib/');
      return !excluded(rel) && !rel.endsWith('.node');
    });
  }
  if (sqliteBinding !== null) {
    if (!isPe(sqliteBinding)) {
      throw new Error(`VIGIL_BETTER_SQLITE3_WIN=${sqliteBinding}: not a Windows DLL`);
    }
    const target = join(
      app,
      'node_modules',
      'better-sqlite3',
      'build',
      'Release',
      'better_sqlite3.node',
    );
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(sqliteBinding, target);
    count++;
  }
  return count;
}

const xml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const hash = (s: string): string => createHash('sha1').update(s).digest('hex');

/** A GUID fixed by the path, so a component keeps its id from build to build. */
export function componentGuid(relPath: string): string {
  const h = hash(`vigil-msi:${relPath.toLowerCase()}`);
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`.toUpperCase();
}

/**
 * The staged files as a WiX fragment: one component per file, ComponentGroup AppFiles. Sources
 * are relative to the stage (wixl runs there: it refuses absolute Source paths).
 */
function harvest(stage: string): { wxs: string; files: number } {
  const refs: string[] = [];
  const walk = (dir: string, depth: number): string => {
    const pad = '  '.repeat(depth);
    let body = '';
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    );
    for (const entry of entries) {
      const full = join(dir, entry.name);
      const rel = relative(stage, full).split(sep).join('/');
      const id = hash(rel).slice(0, 24);
      if (entry.isDirectory()) {
        body += `${pad}<Directory Id="d_${id}" Name="${xml(entry.name)}">\n`;
        body += walk(full, depth + 1);
        body += `${pad}</Directory>\n`;
      } else {
        refs.push(`c_${id}`);
        body +=
          `${pad}<Component Id="c_${id}" Guid="${componentGuid(rel)}" Win64="yes">` +
          `<File Id="f_${id}" Name="${xml(entry.name)}" Source="${xml(rel)}" KeyPath="yes"/>` +
          `</Component>\n`;
      }
    }
    return body;
  };
  const tree = walk(stage, 3);
  const wxs =
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<!-- Generated by scripts/dist-msi.ts: the staged app files. -->\n' +
    '<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">\n  <Fragment>\n' +
    '    <DirectoryRef Id="INSTALLDIR">\n' +
    tree +
    '    </DirectoryRef>\n    <ComponentGroup Id="AppFiles">\n' +
    refs.map((r) => `      <ComponentRef Id="${r}"/>\n`).join('') +
    '    </ComponentGroup>\n  </Fragment>\n</Wix>\n';
  return { wxs, files: refs.length };
}

export function buildMsi(options: MsiBuildOptions = {}): MsiBuildResult {
  const log = options.log ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
  const version = msiVersion(pkg.version);
  const electronDist = options.electronDist ?? null;
  const sqliteBinding = options.sqliteBinding ?? null;
  if (electronDist !== null && sqliteBinding === null) {
    throw new Error(
      'VIGIL_ELECTRON_DIST_WIN is set but VIGIL_BETTER_SQLITE3_WIN is not: a real build needs ' +
        'better_sqlite3.node built for that Electron on win32-x64',
    );
  }
  const standIn = electronDist === null;
  const which = spawnSync('wixl', ['--version'], { encoding: 'utf8' });
  if (which.error || which.status !== 0) {
    throw new Error('wixl not found: install the Debian package `wixl` (msitools)');
  }

  const work = mkdtempSync(join(tmpdir(), 'vigil-msi-'));
  try {
    const stage = join(work, 'stage');
    mkdirSync(stage, { recursive: true });
    stageRuntime(stage, electronDist, pkg.version, log);
    stageApp(stage, work, pkg, sqliteBinding);
    const media = join(root, 'resources', 'media');
    if (existsSync(media)) copyTree(media, join(stage, 'resources', 'media'), () => true);
    else log('resources/media missing (scripts/make-media.sh): the simulator will have no video');

    const { wxs, files } = harvest(stage);
    const filesWxs = join(work, 'files.wxs');
    writeFileSync(filesWxs, wxs);

    const outDir = resolve(options.outDir ?? join(root, 'dist'));
    mkdirSync(outDir, { recursive: true });
    const msi = join(outDir, `Vigil-${pkg.version}-x64.msi`);
    rmSync(msi, { force: true });
    const productName = standIn ? 'Vigil (TEST BUILD, stand-in runtime)' : 'Vigil';
    const comments = standIn
      ? 'TEST BUILD with a stand-in runtime: checks the packaging, does not run.'
      : 'Video-wall and dispatch workstation.';
    const args = [
      '-a',
      'x64',
      '-D',
      `ProductName=${productName}`,
      '-D',
      `Version=${version}`,
      '-D',
      'Manufacturer=Vigil',
      '-D',
      `Comments=${comments}`,
      '-o',
      msi,
      template,
      filesWxs,
    ];
    log(
      `wixl: ${files} files${standIn ? ' (stand-in runtime)' : ''} → ${relative(root, msi) || msi}`,
    );
    const r = spawnSync('wixl', args, {
      cwd: stage,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0 || !existsSync(msi)) {
      throw new Error(
        `wixl failed (${r.status ?? r.signal}): ${r.stderr.trim() || r.stdout.trim()}`,
      );
    }
    log(`${basename(msi)}: ${(statSync(msi).size / 1024 / 1024).toFixed(1)} MB`);
    return { msi, standIn, files };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function main(): void {
  const argv = process.argv.slice(2);
  let outDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--out' && argv[i + 1]) outDir = argv[++i];
    else if (arg.startsWith('--out=')) outDir = arg.slice('--out='.length);
    else throw new Error(`unknown argument ${arg} (usage: dist-msi.ts [--out DIR])`);
  }
  const env = (name: string): string | null => {
    const value = process.env[name];
    return value ? resolve(value) : null;
  };
  buildMsi({
    ...(outDir !== undefined ? { outDir } : {}),
    electronDist: env('VIGIL_ELECTRON_DIST_WIN'),
    sqliteBinding: env('VIGIL_BETTER_SQLITE3_WIN'),
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`dist:msi: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
