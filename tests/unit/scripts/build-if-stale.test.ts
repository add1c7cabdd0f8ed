/**
 * `npm start` and `npm run serve` skip the build when out/ is current (issue #15, newcomer
 * friction): a changed file under renderer/, electron/, shared/ or a config rebuilds; anything
 * else does not.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildStatus, outputFiles, writeStamp } from '../../../scripts/build-if-stale.mjs';

let root: string;
const put = (file: string, text: string) => {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
};
/** What electron-vite writes. */
const build = () => {
  for (const f of outputFiles) put(f, `built ${f}`);
  writeStamp(root);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vigil-stamp-'));
  put('renderer/desk/Desk.tsx', 'export const a = 1;');
  put('electron/serve/cli.ts', 'export const b = 1;');
  put('shared/api.ts', 'export const c = 1;');
  put('electron.vite.config.ts', 'export default {};');
  put('package.json', '{}');
  put('README.md', '# Vigil');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('whether out/ is current', () => {
  it('is not before the first build', () => {
    expect(buildStatus(root)).toEqual({ current: false, reason: 'out/ has not been built' });
  });

  it('is not when out/ exists without a stamp (built by an older start)', () => {
    for (const f of outputFiles) put(f, 'x');
    expect(buildStatus(root)).toMatchObject({ current: false, reason: 'out/ has no build stamp' });
  });

  it('is right after a build', () => {
    build();
    expect(buildStatus(root)).toEqual({ current: true });
  });

  it.each([
    'renderer/desk/Desk.tsx',
    'electron/serve/cli.ts',
    'shared/api.ts',
    'electron.vite.config.ts',
    'package.json',
  ])('is not once %s changed', (file) => {
    build();
    put(file, 'changed');
    expect(buildStatus(root)).toEqual({
      current: false,
      reason: 'sources changed since the last build',
    });
  });

  it('is not once a source file is added or removed', () => {
    build();
    put('shared/new.ts', 'export {};');
    expect(buildStatus(root).current).toBe(false);
    rmSync(join(root, 'shared/new.ts'));
    expect(buildStatus(root).current).toBe(true);
    rmSync(join(root, 'shared/api.ts'));
    expect(buildStatus(root).current).toBe(false);
  });

  it('stays current when only a file outside the inputs changed, or a source was only touched', () => {
    build();
    put('README.md', '# Vigil, edited');
    put('tests/unit/x.test.ts', 'changed');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'renderer/desk/Desk.tsx'), later, later);
    expect(buildStatus(root)).toEqual({ current: true });
  });

  it('is not when another command rebuilt out/ since the stamp', () => {
    build();
    // Another size (a rebuild within the same millisecond as the stamp keeps the mtime).
    put('out/main/serve.js', `rebuilt from other sources ${'x'.repeat(1000)}`);
    expect(buildStatus(root)).toEqual({
      current: false,
      reason: 'out/ was rebuilt by another command',
    });
  });

  it('is not when an output went missing', () => {
    build();
    rmSync(join(root, 'out/renderer/index.html'));
    expect(buildStatus(root).current).toBe(false);
  });
});
