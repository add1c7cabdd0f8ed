import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLaunchArgs, resolvePaths } from '../../../electron/shell/launch-args';

describe('parseLaunchArgs', () => {
  it('reads --data and --config in both forms, ignoring Chromium switches', () => {
    expect(
      parseLaunchArgs([
        '/usr/bin/vigil',
        '--enable-logging',
        '--data',
        '/tmp/d',
        '--config=/etc/v.json',
      ]),
    ).toEqual({ dataDir: '/tmp/d', configPath: '/etc/v.json' });
    expect(parseLaunchArgs(['electron', '.', '--data=/x'])).toEqual({
      dataDir: '/x',
      configPath: null,
    });
  });

  it('does not take the next switch as a value', () => {
    expect(parseLaunchArgs(['--data', '--config', 'c.json'])).toEqual({
      dataDir: null,
      configPath: 'c.json',
    });
  });
});

describe('resolvePaths', () => {
  it('defaults to userData and the config file inside the data folder', () => {
    expect(resolvePaths({ dataDir: null, configPath: null }, '/home/u/.config/Vigil', '/')).toEqual(
      {
        dataDir: '/home/u/.config/Vigil',
        configPath: join('/home/u/.config/Vigil', 'vigil.config.json'),
        configExplicit: false,
      },
    );
  });

  it('resolves relative paths against the working folder', () => {
    const paths = resolvePaths({ dataDir: 'data', configPath: 'v.json' }, '/ud', '/work');
    expect(paths).toEqual({
      dataDir: resolve('/work', 'data'),
      configPath: resolve('/work', 'v.json'),
      configExplicit: true,
    });
  });
});
