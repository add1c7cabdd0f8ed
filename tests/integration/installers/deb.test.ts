/**
 * The DEB (`npm run dist:deb`, scripts/dist-deb.ts), built once here with the stand-in runtime
 * into a temp folder: its control fields, file list and conffiles (`dpkg-deb -f/-c/-I`), lintian
 * with no errors, and the package unpacked into a scratch root (`dpkg-deb -x`: `dpkg --root`
 * needs a dpkg database and root) running its own browser host on the simulator. Needs dpkg-deb
 * and lintian (apt: dpkg, lintian); where they are missing it skips and says which, except under
 * CI (.ci/run installs them), where that fails.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import builderConfig from '../../../electron-builder';
import { parseConfig } from '../../../electron/station/config';
import { debianVersion } from '../../../scripts/dist-deb';
import { onPath, stopGroup } from '../../shared/processes';

const repo = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  version: string;
};

const missingDpkg = onPath('dpkg-deb') ? null : 'dpkg-deb (apt: dpkg)';
const missingLintian = onPath('lintian') ? null : 'lintian (apt: lintian)';
const strict = Boolean(process.env.CI);

function sh(command: string, args: string[]): string {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  }
  return r.stdout;
}

describe.skipIf(missingDpkg !== null && !strict)(
  `the DEB (npm run dist:deb, stand-in runtime) ${missingDpkg ? `missing: ${missingDpkg}` : ''}`,
  () => {
    let work = '';
    let deb = '';
    let root = '';
    let files: string[] = [];
    const field = (name: string): string => sh('dpkg-deb', ['-f', deb, name]).trim();

    beforeAll(() => {
      expect(missingDpkg, 'dpkg-deb (.ci/run installs it)').toBeNull();
      work = mkdtempSync(join(tmpdir(), 'vigil-deb-test-'));
      const r = spawnSync(
        join(repo, 'node_modules', '.bin', 'tsx'),
        [join(repo, 'scripts', 'dist-deb.ts'), '--out', join(work, 'dist')],
        {
          cwd: repo,
          encoding: 'utf8',
          env: { ...process.env, VIGIL_ELECTRON_DIST: '' },
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      expect(r.status, `dist:deb failed:\n${r.stderr}`).toBe(0);
      expect(r.stderr).toContain('STAND-IN');
      deb = r.stdout.trim().split('\n').pop() ?? '';
      expect(deb).toBe(join(work, 'dist', `vigil_${debianVersion(pkg.version)}_amd64.deb`));
      // `dpkg-deb -c` lines: "-rwxr-xr-x root/root 123 2026-01-01 00:00 ./usr/bin/vigil"
      files = sh('dpkg-deb', ['-c', deb])
        .split('\n')
        .filter(Boolean)
        .map((line) => line.replace(/^.*? \.\//, '/').replace(/ -> .*$/, ''));
      root = join(work, 'root');
      sh('dpkg-deb', ['-x', deb, root]);
    }, 120_000);

    afterAll(() => {
      if (work) rmSync(work, { recursive: true, force: true });
    });

    it('has the control fields an installer and apt need', () => {
      expect(field('Package')).toBe('vigil');
      expect(field('Version')).toBe(pkg.version);
      expect(field('Architecture')).toBe('amd64');
      expect(field('Maintainer')).toBe(builderConfig.linux?.maintainer);
      expect(field('Maintainer')).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
      const depends = field('Depends').split(/,\s*/);
      // Electron's libraries, with the t64 names of Debian 13 / Ubuntu 24.04 as alternatives.
      for (const dep of [
        'libc6 (>= 2.28)',
        'libgtk-3-0 | libgtk-3-0t64',
        'libnss3',
        'libgbm1',
        'libasound2 | libasound2t64',
        'libxss1',
        'xdg-utils',
      ]) {
        expect(depends).toContain(dep);
      }
      expect(field('Recommends')).toContain('fonts-noto-cjk');
      expect(Number(field('Installed-Size'))).toBeGreaterThan(1000);
      // A stand-in build says so where apt and an installer look.
      expect(field('Description')).toMatch(/^TEST BUILD \(stand-in runtime/);
    });

    it('lays the app out under /opt/Vigil with launchers, desktop entries and icons', () => {
      for (const path of [
        '/opt/Vigil/vigil',
        '/opt/Vigil/resources/app/package.json',
        '/opt/Vigil/resources/app/out/main/index.js',
        '/opt/Vigil/resources/app/out/main/serve.js',
        '/opt/Vigil/resources/app/out/preload/index.cjs',
        '/opt/Vigil/resources/app/out/renderer/index.html',
        '/opt/Vigil/resources/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
        '/opt/Vigil/resources/app/node_modules/zod/package.json',
        '/opt/Vigil/resources/media/main-init.mp4',
        '/usr/bin/vigil',
        '/usr/bin/vigil-serve',
        '/usr/share/applications/vigil.desktop',
        '/usr/share/icons/hicolor/48x48/apps/vigil.png',
        '/usr/share/icons/hicolor/256x256/apps/vigil.png',
        '/usr/share/icons/hicolor/scalable/apps/vigil.svg',
        '/usr/share/doc/vigil/copyright',
        '/usr/share/doc/vigil/changelog.gz',
        '/etc/vigil/vigil.config.json',
        '/etc/xdg/autostart/vigil.desktop',
      ]) {
        expect(files, path).toContain(path);
      }
      // No source maps, no tests, no sources, no asar (the native binding is a plain file).
      expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
      expect(files.filter((f) => /\/(tests?|__tests__)\//.test(f))).toEqual([]);
      // (*.ts under resources/media are the simulator's MPEG-TS segments.)
      expect(
        files.filter((f) => /\.[mc]?tsx?$/.test(f) && !f.startsWith('/opt/Vigil/resources/media/')),
      ).toEqual([]);
      expect(files.filter((f) => f.includes('.asar'))).toEqual([]);
      expect(files.filter((f) => f.includes('/build/Release/') && f.endsWith('.node'))).toEqual([
        '/opt/Vigil/resources/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      ]);
      // No devDependencies.
      for (const dev of [
        'electron',
        'electron-builder',
        'electron-vite',
        'vite',
        'vitest',
        'typescript',
        'eslint',
        'prettier',
        'tsx',
        'playwright-core',
        '@playwright/test',
        'fast-check',
      ]) {
        const prefix = `/opt/Vigil/resources/app/node_modules/${dev}/`;
        expect(
          files.filter((f) => f.startsWith(prefix)),
          dev,
        ).toEqual([]);
      }
      // Owned by root, executables executable.
      const listing = sh('dpkg-deb', ['-c', deb]).split('\n').filter(Boolean);
      expect(listing.filter((line) => !line.includes(' root/root '))).toEqual([]);
      for (const exe of ['opt/Vigil/vigil', 'usr/bin/vigil', 'usr/bin/vigil-serve']) {
        expect(statSync(join(root, exe)).mode & 0o777, exe).toBe(0o755);
      }
    });

    it('marks the config and the autostart entry as conffiles, and ships a valid config', () => {
      const conffiles = sh('dpkg-deb', ['-I', deb, 'conffiles']).split('\n').filter(Boolean);
      expect(conffiles.sort()).toEqual([
        '/etc/vigil/vigil.config.json',
        '/etc/xdg/autostart/vigil.desktop',
      ]);
      // Unknown keys are errors in a config: the shipped default must load as it is.
      const configFile = join(root, 'etc', 'vigil', 'vigil.config.json');
      const config = parseConfig(JSON.parse(readFileSync(configFile, 'utf8')), configFile);
      expect(config.platform.kind).toBe('simulator');

      const autostart = readFileSync(join(root, 'etc/xdg/autostart/vigil.desktop'), 'utf8');
      expect(autostart).toMatch(/^Exec=vigil$/m);
      expect(autostart).not.toMatch(/^Hidden=true/m);
      const menu = readFileSync(join(root, 'usr/share/applications/vigil.desktop'), 'utf8');
      expect(menu).toMatch(/^Exec=vigil /m);
      expect(menu).toMatch(/^Icon=vigil$/m);
      if (onPath('desktop-file-validate')) {
        sh('desktop-file-validate', [join(root, 'usr/share/applications/vigil.desktop')]);
      }
      // The launchers and the maintainer script parse as POSIX shell.
      for (const script of ['usr/bin/vigil', 'usr/bin/vigil-serve']) {
        sh('sh', ['-n', join(root, script)]);
      }
      const control = join(work, 'control');
      sh('dpkg-deb', ['-e', deb, control]);
      sh('sh', ['-n', join(control, 'postinst')]);
      expect(existsSync(join(control, 'prerm'))).toBe(false);
    });

    it.skipIf(missingLintian !== null && !strict)(
      `passes lintian with no errors ${missingLintian ? `(missing: ${missingLintian})` : ''}`,
      () => {
        expect(missingLintian, 'lintian (.ci/run installs it)').toBeNull();
        // Overrides ship in the package (/usr/share/lintian/overrides/vigil, each with its
        // reason): dir-or-file-in-opt (an add-on package under /opt by design) and a false
        // embedded-library match. Warnings are allowed; errors are not.
        const r = spawnSync('lintian', ['--tag-display-limit', '0', deb], {
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        });
        const output = `${r.stdout}${r.stderr}`;
        const errors = output.split('\n').filter((line) => /^E: /.test(line));
        expect(errors, output).toEqual([]);
        expect(r.status === 0 || r.status === 2, output).toBe(true);
      },
      60_000,
    );

    it('runs its own browser host from a scratch root on the simulator', async () => {
      const data = join(work, 'data');
      const opt = join(root, 'opt', 'Vigil');
      let child: ChildProcess | null = null;
      const output: string[] = [];
      try {
        // What /usr/bin/vigil-serve runs, with the scratch root's paths; cwd far from the repo,
        // so the simulator's media come from the package.
        child = spawn(
          join(opt, 'vigil'),
          [
            join(opt, 'resources', 'app', 'out', 'main', 'serve.js'),
            '--port',
            '0',
            '--data',
            data,
            '--config',
            join(root, 'etc', 'vigil', 'vigil.config.json'),
            '--cameras',
            '200',
          ],
          {
            cwd: work,
            env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
            stdio: ['ignore', 'pipe', 'pipe'],
            detached: true,
          },
        );
        const c = child;
        c.stderr!.on('data', (chunk: Buffer) => output.push(String(chunk)));
        const desk = await new Promise<string>((resolveUrl, reject) => {
          let stdout = '';
          const timer = setTimeout(
            () => reject(new Error(`no desk URL after 60 s:\n${stdout}${output.join('')}`)),
            60_000,
          );
          c.stdout!.on('data', (chunk: Buffer) => {
            stdout += String(chunk);
            const m = /^desk: (\S+)$/m.exec(stdout);
            if (m) {
              clearTimeout(timer);
              resolveUrl(m[1]!);
            }
          });
          c.once('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`exited (${code}) before its desk URL:\n${stdout}${output.join('')}`));
          });
        });
        const res = await fetch(desk);
        expect(res.status, output.join('')).toBe(200);
        expect(await res.text()).toContain('<html');
        expect(existsSync(data)).toBe(true);
      } finally {
        if (child) await stopGroup(child);
      }
    }, 90_000);
  },
);
