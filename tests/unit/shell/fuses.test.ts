/**
 * The packaging config electron-builder loads (electron-builder.ts, imported as it is):
 * Electron's fuses flipped the way docs/architecture.md's security checklist says, and the asar
 * layout the asar fuses rely on. The type-check already refuses an unknown or missing fuse; this
 * pins each value. Whether the fuses really are flipped in a packaged binary needs `npm run dist`
 * and `npx @electron/fuses read --app <exe>` on a packaging machine: not checked here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import config, { electronFuses } from '../../../electron-builder';

describe('electron-builder config: fuses', () => {
  it('the config electron-builder reads carries the fuse list', () => {
    expect(config.electronFuses).toBe(electronFuses);
  });

  it('runAsNode off: ELECTRON_RUN_AS_NODE cannot turn the app into a plain Node', () => {
    expect(config.electronFuses?.runAsNode).toBe(false);
  });

  it('cookie encryption on', () => {
    expect(config.electronFuses?.enableCookieEncryption).toBe(true);
  });

  it('NODE_OPTIONS and --inspect / SIGUSR1 are ignored', () => {
    expect(config.electronFuses?.enableNodeOptionsEnvironmentVariable).toBe(false);
    expect(config.electronFuses?.enableNodeCliInspectArguments).toBe(false);
  });

  it('the app loads only from app.asar, checked against its embedded hash', () => {
    expect(config.electronFuses?.enableEmbeddedAsarIntegrityValidation).toBe(true);
    expect(config.electronFuses?.onlyLoadAppFromAsar).toBe(true);
  });

  it('file:// gets no extra privileges (the renderer is served from vigil://)', () => {
    expect(config.electronFuses?.grantFileProtocolExtraPrivileges).toBe(false);
  });

  it('decides every fuse, and no other', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

describe('electron-builder config: what the asar fuses rely on', () => {
  it('packs the app into app.asar, with asar integrity not switched off', () => {
    expect(config.asar).toBe(true);
    expect(config).not.toHaveProperty('disableAsarIntegrity');
  });

  it("unpacks only better-sqlite3's native binding (native code cannot load from an archive)", () => {
    expect(config.asarUnpack).toEqual(['**/node_modules/better-sqlite3/**/*.node']);
  });

  it('ships the build only: no sources, no source maps', () => {
    expect(config.files).toEqual(['out/**/*', 'package.json', '!**/*.map', '!**/*.{ts,tsx,md}']);
  });
});

describe('electron-builder config: found', () => {
  it('is the only config electron-builder finds (a yml or json beside it would win)', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const found = ['yml', 'yaml', 'json', 'json5', 'toml', 'js', 'cjs', 'ts'].filter((ext) =>
      existsSync(join(root, `electron-builder.${ext}`)),
    );
    expect(found).toEqual(['ts']);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as object;
    expect(pkg, 'a "build" key in package.json would win too').not.toHaveProperty('build');
  });
});
