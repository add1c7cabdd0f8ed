/**
 * The MSI (`npm run dist:msi`, scripts/dist-msi.ts), built once here with the stand-in runtime
 * into a temp folder and read back with msitools: its Property, Upgrade, File, Registry and
 * Shortcut tables (`msiinfo export`), its files unpacked (`msiextract`), and the installer's
 * properties carried through the Registry table the way msiexec formats it into the config the
 * first start writes (electron/station/provision.ts). Needs wixl and msitools (apt: wixl,
 * msitools); where they are missing it skips and says which, except under CI (.ci/run installs
 * them), where that fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import builderConfig from '../../../electron-builder';
import { loadConfig } from '../../../electron/station/config';
import { provisionMachineConfig, parseRegQuery } from '../../../electron/station/provision';
import { onPath } from '../../shared/processes';

const repo = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
const upgradeCode = '{5B0B6F0E-7E7A-4C47-9A51-2F3F8A6C1D42}';

const missing = [
  onPath('wixl') ? null : 'wixl (apt: wixl)',
  onPath('msiinfo') && onPath('msiextract') ? null : 'msiinfo, msiextract (apt: msitools)',
].filter((m): m is string => m !== null);
const strict = Boolean(process.env.CI);

function sh(command: string, args: string[], cwd?: string): string {
  const r = spawnSync(command, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...(cwd ? { cwd } : {}),
  });
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  }
  return r.stdout;
}

type Row = Record<string, string>;

/** `msiinfo export` output: column names, column types, the table's keys, then the rows. */
function table(msi: string, name: string): Row[] {
  const lines = sh('msiinfo', ['export', msi, name]).split(/\r?\n/);
  const columns = (lines[0] ?? '').split('\t');
  return lines
    .slice(3)
    .filter((l) => l !== '')
    .map((line) => {
      const cells = line.split('\t');
      return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
    });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'));
}

describe.skipIf(missing.length > 0 && !strict)(
  `the MSI (npm run dist:msi, stand-in runtime) ${missing.length ? `missing: ${missing.join(', ')}` : ''}`,
  () => {
    let work = '';
    let msi = '';
    let property: Record<string, string> = {};
    /** Install paths (Program Files\Vigil\…) of the File table, "/"-separated. */
    let installed: string[] = [];

    beforeAll(() => {
      expect(missing, 'wixl and msitools (.ci/run installs them)').toEqual([]);
      work = mkdtempSync(join(tmpdir(), 'vigil-msi-test-'));
      const r = spawnSync(
        join(repo, 'node_modules', '.bin', 'tsx'),
        [join(repo, 'scripts', 'dist-msi.ts'), '--out', join(work, 'dist')],
        {
          cwd: repo,
          encoding: 'utf8',
          env: { ...process.env, VIGIL_ELECTRON_DIST_WIN: '', VIGIL_BETTER_SQLITE3_WIN: '' },
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      expect(r.status, `dist:msi failed:\n${r.stderr}`).toBe(0);
      expect(r.stdout).toContain('stand-in runtime');
      msi = join(work, 'dist', `Vigil-${pkg.version}-x64.msi`);
      expect(existsSync(msi)).toBe(true);
      property = Object.fromEntries(table(msi, 'Property').map((r) => [r.Property!, r.Value!]));

      // Each file's folder, up the Directory table to INSTALLDIR.
      const dirs = new Map(table(msi, 'Directory').map((d) => [d.Directory!, d]));
      const dirOf = new Map(table(msi, 'Component').map((c) => [c.Component!, c.Directory_!]));
      const pathOf = (id: string): string => {
        if (id === 'INSTALLDIR') return '';
        const d = dirs.get(id);
        if (!d) throw new Error(`directory ${id} outside INSTALLDIR`);
        const name = d.DefaultDir!.split('|').pop()!;
        const parent = pathOf(d.Directory_Parent!);
        return parent ? `${parent}/${name}` : name;
      };
      installed = table(msi, 'File').map((f) => {
        const dir = pathOf(dirOf.get(f.Component_!)!);
        const name = f.FileName!.split('|').pop()!;
        return dir ? `${dir}/${name}` : name;
      });
    });
    afterAll(() => {
      if (work) rmSync(work, { recursive: true, force: true });
    });

    it('is a per-machine x64 MSI of this version with the fixed upgrade code, marked a test build', () => {
      expect(property.ProductName).toMatch(/^Vigil \(TEST BUILD/);
      expect(property.ProductVersion).toBe(pkg.version);
      expect(property.UpgradeCode).toBe(upgradeCode);
      // The same code as electron-builder's MSI: either kind upgrades the other.
      expect(`{${builderConfig.msi?.upgradeCode?.toUpperCase()}}`).toBe(upgradeCode);
      expect(property.Manufacturer).toBe('Vigil');
      expect(property.ALLUSERS).toBe('1');
      expect(property.ProductCode).toMatch(/^\{[0-9A-F-]{36}\}$/);
      const summary = sh('msiinfo', ['suminfo', msi]);
      expect(summary).toMatch(/^Template: x64;1033$/m);
      expect(summary).toMatch(/^Comments: TEST BUILD/m);
      expect(existsSync(msi) && statSync(msi).size).toBeLessThan(100 * 1024 * 1024);
    });

    it('removes an older Vigil before installing (major upgrade) and refuses a downgrade', () => {
      const upgrade = table(msi, 'Upgrade');
      const older = upgrade.find((u) => u.ActionProperty === 'WIX_UPGRADE_DETECTED');
      const newer = upgrade.find((u) => u.ActionProperty === 'WIX_DOWNGRADE_DETECTED');
      expect(older).toMatchObject({
        UpgradeCode: upgradeCode,
        VersionMin: '',
        VersionMax: pkg.version,
      });
      expect(newer).toMatchObject({
        UpgradeCode: upgradeCode,
        VersionMin: pkg.version,
        VersionMax: '',
      });
      const sequence = table(msi, 'InstallExecuteSequence').map((s) => s.Action);
      expect(sequence).toContain('FindRelatedProducts');
      expect(sequence).toContain('RemoveExistingProducts');
      expect(table(msi, 'LaunchCondition').map((c) => c.Condition)).toContain(
        'NOT WIX_DOWNGRADE_DETECTED',
      );
      expect(property.SecureCustomProperties).toContain('WIX_UPGRADE_DETECTED');
    });

    it('installs vigil.exe and resources\\app (the build, package.json, production node_modules)', () => {
      for (const file of [
        'vigil.exe',
        'resources/app/package.json',
        'resources/app/out/main/index.js',
        'resources/app/out/preload/index.cjs',
        'resources/app/out/renderer/index.html',
        'resources/app/node_modules/better-sqlite3/lib/index.js',
        'resources/app/node_modules/mqtt/package.json',
        'resources/app/node_modules/zod/package.json',
      ]) {
        expect(installed, file).toContain(file);
      }
      expect(installed.some((f) => f.startsWith('resources/media/'))).toBe(true);
      expect(installed.filter((f) => f.endsWith('.map'))).toEqual([]);
      // (resources/media's .ts files are MPEG-TS video segments, not TypeScript.)
      expect(installed.filter((f) => /^resources\/app\/.*\.(ts|tsx|md)$/.test(f))).toEqual([]);
      expect(installed.filter((f) => /(^|\/)(tests?|__tests__)\//.test(f))).toEqual([]);
      expect(installed.filter((f) => /\.(test|spec)\.[cm]?js$/.test(f))).toEqual([]);
      // Development packages stay out; the Linux better_sqlite3.node too (no Windows one given).
      for (const dev of ['electron', 'vitest', 'typescript', 'electron-builder', '@types']) {
        expect(installed.filter((f) => f.startsWith(`resources/app/node_modules/${dev}/`))).toEqual(
          [],
        );
      }
      expect(installed.filter((f) => f.endsWith('.node'))).toEqual([]);
      // Every file its own 64-bit component, so an upgrade replaces exactly what changed.
      const components = table(msi, 'Component');
      expect(components.every((c) => (Number(c.Attributes) & 256) === 256)).toBe(true);
    });

    it('writes the four installer properties to HKLM\\Software\\Vigil', () => {
      const ours = table(msi, 'Registry').filter(
        (r) => r.Key!.replace(/\\$/, '') === 'Software\\Vigil',
      );
      for (const name of ['PLATFORMURL', 'MQTTURL', 'STATIONID', 'ROLE']) {
        const row = ours.find((r) => r.Name === name);
        expect(row, name).toMatchObject({ Root: '2', Value: `[${name}]` });
      }
      expect(ours.find((r) => r.Name === 'Version')?.Value).toBe(pkg.version);
    });

    it('has a Start menu shortcut and one in the common Startup folder (its own feature)', () => {
      const shortcuts = table(msi, 'Shortcut');
      const dirs = new Map(table(msi, 'Directory').map((d) => [d.Directory!, d.Directory_Parent!]));
      const menu = shortcuts.find((s) => dirs.get(s.Directory_!) === 'ProgramMenuFolder');
      const startup = shortcuts.find((s) => s.Directory_ === 'StartupFolder');
      expect(menu).toMatchObject({
        Name: 'Vigil',
        Target: '[INSTALLDIR]vigil.exe',
        WkDir: 'INSTALLDIR',
      });
      expect(startup).toMatchObject({ Name: 'Vigil', Target: '[INSTALLDIR]vigil.exe' });
      const features = table(msi, 'FeatureComponents');
      expect(features).toContainEqual({ Feature_: 'AutoStart', Component_: startup!.Component_ });
      expect(features).toContainEqual({ Feature_: 'Vigil', Component_: menu!.Component_ });
    });

    it('unpacks to Vigil\\vigil.exe + resources\\app, every file of the File table, no Linux binary', () => {
      const into = join(work, 'extract');
      sh('msiextract', ['-C', into, msi]);
      const files = filesUnder(join(into, 'Vigil'));
      expect(files.sort()).toEqual([...installed].sort());
      const app = JSON.parse(
        readFileSync(join(into, 'Vigil', 'resources', 'app', 'package.json'), 'utf8'),
      ) as Record<string, unknown>;
      expect(app).toMatchObject({
        productName: 'Vigil',
        version: pkg.version,
        main: 'out/main/index.js',
        type: 'module',
      });
      expect(readFileSync(join(into, 'Vigil', 'vigil.exe'), 'utf8')).toContain('STAND-IN');
      const elf = files.filter((f) =>
        readFileSync(join(into, 'Vigil', f))
          .subarray(0, 4)
          .equals(Buffer.from('\x7fELF', 'latin1')),
      );
      expect(elf).toEqual([]);
    });

    /** What msiexec writes for the Registry table's rows, as `reg query` prints it. */
    const regQueryAfterInstall = (props: Record<string, string>): string => {
      const rows = table(msi, 'Registry').filter(
        (r) => r.Key!.replace(/\\$/, '') === 'Software\\Vigil',
      );
      const format = (value: string) =>
        value.replace(/\[([A-Z_]+)\]/g, (_, p: string) => props[p] ?? '');
      return [
        'HKEY_LOCAL_MACHINE\\Software\\Vigil',
        ...rows.map((r) => `    ${r.Name}    REG_SZ    ${format(r.Value!)}`),
      ].join('\r\n');
    };

    it('carries msiexec … PLATFORMURL= MQTTURL= STATIONID= ROLE= into vigil.config.json', () => {
      const programData = join(work, 'ProgramData');
      const reg = regQueryAfterInstall({
        PLATFORMURL: 'http://10.1.2.3:8080',
        MQTTURL: 'mqtt://10.1.2.3:1883',
        STATIONID: 'hall-1-wall',
        ROLE: 'watcher',
        INSTALLDIR: 'C:\\Program Files\\Vigil\\',
      });
      const result = provisionMachineConfig(programData, () => parseRegQuery(reg));
      expect(result.error).toBeNull();
      expect(result.outcome).toBe('written');
      const config = loadConfig(join(programData, 'Vigil', 'vigil.config.json'), {
        mustExist: true,
      });
      expect(config.platform).toMatchObject({
        kind: 'http',
        baseUrl: 'http://10.1.2.3:8080',
        mqttUrl: 'mqtt://10.1.2.3:1883',
      });
      expect(config.station).toMatchObject({ id: 'hall-1-wall', role: 'watcher' });

      // An upgrade with other properties keeps the file.
      const again = provisionMachineConfig(programData, () =>
        parseRegQuery(regQueryAfterInstall({ PLATFORMURL: 'http://10.9.9.9' })),
      );
      expect(again.outcome).toBe('kept');
      expect(loadConfig(again.file).platform).toMatchObject({ baseUrl: 'http://10.1.2.3:8080' });
    });

    it('a bad property fails the first start naming it, and writes nothing', () => {
      const programData = join(work, 'ProgramData-bad');
      const reg = regQueryAfterInstall({ PLATFORMURL: 'http://10.1.2.3:8080', ROLE: 'wall' });
      const result = provisionMachineConfig(programData, () => parseRegQuery(reg));
      expect(result.error?.message).toContain('ROLE="wall" (station.role)');
      expect(existsSync(join(programData, 'Vigil', 'vigil.config.json'))).toBe(false);
    });
  },
);
