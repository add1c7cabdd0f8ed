/**
 * `npm test` checks the Debian packages the tests need before running anything (issue #15,
 * newcomer friction): which are missing, and what it does about them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { debianPackages, missingPackages, setupPlan } from '../../../scripts/debian-packages.mjs';

const all = debianPackages({});
const everything = () => true;

describe('the Debian packages the tests need', () => {
  it('lists every package CI installed before this list existed', () => {
    expect(all.map((p) => p.name).sort()).toEqual(
      [
        'chromium',
        'ffmpeg',
        'fonts-noto-cjk',
        'libnginx-mod-rtmp',
        'lintian',
        'mosquitto',
        'msitools',
        'nginx',
        'openssl',
        'unzip',
        'wixl',
        'xvfb',
      ].sort(),
    );
  });

  it('misses nothing when every file and command is there', () => {
    expect(missingPackages(all, everything)).toEqual([]);
  });

  it('names the package whose file or command is missing', () => {
    const gone = new Set([
      '/usr/bin/chromium',
      'ffprobe',
      '/usr/lib/nginx/modules/ngx_rtmp_module.so',
    ]);
    expect(missingPackages(all, (t) => !gone.has(t))).toEqual([
      'chromium',
      'ffmpeg',
      'libnginx-mod-rtmp',
    ]);
  });

  it('takes nginx without its RTMP module as missing the module only', () => {
    const has = (t: string) => t !== '/usr/lib/nginx/modules/ngx_rtmp_module.so';
    expect(missingPackages(all, has)).toEqual(['libnginx-mod-rtmp']);
  });

  it('accepts either place of the CJK font', () => {
    const has = (t: string) => t !== '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
    expect(missingPackages(all, has)).toEqual([]);
    const none = (t: string) => !t.includes('NotoSansCJK');
    expect(missingPackages(all, none)).toEqual(['fonts-noto-cjk']);
  });

  it('looks for Chromium where VIGIL_CHROMIUM says', () => {
    const custom = debianPackages({ VIGIL_CHROMIUM: '/opt/chromium/chrome' });
    expect(missingPackages(custom, (t) => t !== '/usr/bin/chromium')).toEqual([]);
    expect(missingPackages(custom, (t) => t !== '/opt/chromium/chrome')).toEqual(['chromium']);
  });
});

describe('what npm test does about missing packages', () => {
  it('does nothing when none is missing', () => {
    expect(setupPlan({ missing: [], isRoot: false, hasAptGet: true })).toEqual({ action: 'ok' });
  });

  it('installs them as root with apt-get: update, then install', () => {
    expect(setupPlan({ missing: ['nginx', 'unzip'], isRoot: true, hasAptGet: true })).toEqual({
      action: 'install',
      commands: [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', '--no-install-recommends', 'nginx', 'unzip'],
      ],
    });
  });

  it('prints the one sudo line for a user who is not root', () => {
    expect(setupPlan({ missing: ['nginx', 'unzip'], isRoot: false, hasAptGet: true })).toEqual({
      action: 'ask',
      line: 'sudo apt-get install -y nginx unzip',
    });
  });

  it('names the packages where there is no apt-get, root or not', () => {
    const plan = setupPlan({ missing: ['ffmpeg'], isRoot: true, hasAptGet: false });
    expect(plan.action).toBe('ask');
    expect(plan.action === 'ask' && plan.line).toContain('ffmpeg');
  });
});

describe('CI and npm test share the list', () => {
  it('.ci/run installs through scripts/debian-packages.mjs and names no package itself', () => {
    const ci = readFileSync(new URL('../../../.ci/run', import.meta.url), 'utf8');
    expect(ci).toContain('node scripts/debian-packages.mjs');
    expect(ci).not.toMatch(/apt-get install/);
  });

  it('.ci/run runs exactly the README’s test command', () => {
    const ci = readFileSync(new URL('../../../.ci/run', import.meta.url), 'utf8');
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(readme).toMatch(/^npm test\b/m);
    expect(ci.trimEnd().split('\n').at(-1)).toBe('npm test');
  });
});
