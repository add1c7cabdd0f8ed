/**
 * `npm start` checks Node first (issue #15, newcomer friction): the README's requirement is what
 * the packages' engines ask for, and below it the start refuses with what to install.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { minimum, nodeCheckLine, nodeSupport } from '../../../scripts/node-version.mjs';

describe('which Node runs Vigil', () => {
  it.each([
    ['v18.20.4', false, false],
    ['v20.18.3', false, false],
    ['v20.19.0', true, false],
    ['v20.20.2', true, false],
    ['v21.7.3', false, false],
    ['v22.11.0', false, false],
    ['v22.12.0', true, true],
    ['v24.3.0', true, true],
  ])('%s: runs %s, Electron tooling %s', (version, ok, electronTooling) => {
    expect(nodeSupport(version)).toEqual({ ok, electronTooling });
  });

  it('refuses an old Node in one line that says what to install', () => {
    const check = nodeCheckLine('v18.20.4');
    expect(check?.level).toBe('refuse');
    expect(check?.line).toContain('v18.20.4');
    expect(check?.line).toMatch(/install Node\.js 22/);
    expect(check?.line).not.toContain('\n');
  });

  it('notes on Node 20 that Electron tooling asks for 22.12, in one line', () => {
    const check = nodeCheckLine('v20.20.2');
    expect(check?.level).toBe('note');
    expect(check?.line).toContain('22.12');
    expect(check?.line).not.toContain('\n');
  });

  it('says nothing on Node 22.12 and newer', () => {
    expect(nodeCheckLine('v22.12.0')).toBeNull();
  });

  it('matches what the build tools ask for (vite, electron-vite: ^20.19.0 || >=22.12.0)', () => {
    for (const name of ['vite', 'electron-vite']) {
      const pkg = JSON.parse(
        readFileSync(
          new URL(`../../../node_modules/${name}/package.json`, import.meta.url),
          'utf8',
        ),
      ) as { engines: { node: string } };
      expect(pkg.engines.node).toBe(`^${minimum}.0 || >=22.12.0`);
    }
  });
});
