import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../electron/station/config';
import {
  configFromProperties,
  machineConfigPath,
  parseRegQuery,
  provisionMachineConfig,
  withMachineConfig,
  type InstallerProperties,
} from '../../../electron/station/provision';

let programData: string;
beforeEach(() => {
  programData = mkdtempSync(join(tmpdir(), 'vigil-provision-'));
});
afterEach(() => rmSync(programData, { recursive: true, force: true }));

const good: InstallerProperties = {
  PLATFORMURL: 'http://10.1.2.3:8080',
  MQTTURL: 'mqtt://10.1.2.3:1883',
  STATIONID: 'hall-2-desk-1',
  ROLE: 'chief',
};

const errorOf = (fn: () => unknown): ConfigError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('configFromProperties', () => {
  it('maps the four properties to their keys', () => {
    expect(configFromProperties(good)).toEqual({
      platform: { kind: 'http', baseUrl: 'http://10.1.2.3:8080', mqttUrl: 'mqtt://10.1.2.3:1883' },
      station: { id: 'hall-2-desk-1', role: 'chief' },
    });
  });

  it('leaves out what is not given, and gives null for nothing (empty values are not given)', () => {
    expect(configFromProperties({ STATIONID: ' desk-7 ', ROLE: 'Watcher' })).toEqual({
      station: { id: 'desk-7', role: 'watcher' },
    });
    expect(configFromProperties({ PLATFORMURL: 'https://p.example' })).toEqual({
      platform: { kind: 'http', baseUrl: 'https://p.example' },
    });
    expect(configFromProperties({})).toBeNull();
    expect(
      configFromProperties({ PLATFORMURL: '', MQTTURL: ' ', STATIONID: '', ROLE: '' }),
    ).toBeNull();
  });

  it.each([
    ['PLATFORMURL', 'ftp://10.1.2.3', 'platform.baseUrl', 'http(s) URL'],
    ['PLATFORMURL', 'not a url', 'platform.baseUrl', 'http(s) URL'],
    ['MQTTURL', 'http://10.1.2.3:1883', 'platform.mqttUrl', 'mqtt(s)://'],
    ['STATIONID', 'desk 1/2', 'station.id', 'letters, digits'],
    ['ROLE', 'wall', 'station.role', 'watcher'],
  ] as const)('%s=%s fails naming the property and %s', (name, value, key, problem) => {
    const error = errorOf(() => configFromProperties({ ...good, [name]: value }));
    expect(error.key).toBe(key);
    expect(error.message).toContain(`${name}="${value}"`);
    expect(error.message).toContain(`(${key})`);
    expect(error.message).toContain(problem);
  });

  it('refuses MQTTURL without PLATFORMURL (the simulator has its own broker)', () => {
    const error = errorOf(() => configFromProperties({ MQTTURL: 'mqtt://10.1.2.3:1883' }));
    expect(error.key).toBe('platform.mqttUrl');
    expect(error.message).toContain('MQTTURL');
    expect(error.message).toContain('needs PLATFORMURL');
  });
});

describe('parseRegQuery', () => {
  it('reads our values from reg.exe output, empty ones as empty', () => {
    const output = [
      '',
      'HKEY_LOCAL_MACHINE\\Software\\Vigil',
      '    PLATFORMURL    REG_SZ    http://10.1.2.3:8080',
      '    MQTTURL    REG_SZ    ',
      '    STATIONID    REG_SZ    desk-1',
      '    ROLE    REG_SZ',
      '    InstallDir    REG_SZ    C:\\Program Files\\Vigil\\',
      '    Version    REG_SZ    0.1.0',
      '',
      'HKEY_LOCAL_MACHINE\\Software\\Vigil\\Shortcuts',
      '',
    ].join('\r\n');
    expect(parseRegQuery(output)).toEqual({
      PLATFORMURL: 'http://10.1.2.3:8080',
      MQTTURL: '',
      STATIONID: 'desk-1',
      ROLE: '',
    });
  });
});

describe('provisionMachineConfig', () => {
  const file = () => machineConfigPath(programData);

  it('writes %ProgramData%\\Vigil\\vigil.config.json that loads as the properties say', () => {
    const result = provisionMachineConfig(programData, () => good);
    expect(result).toEqual({ file: file(), outcome: 'written', error: null });
    const config = loadConfig(file(), { mustExist: true });
    expect(config.platform).toMatchObject({
      kind: 'http',
      baseUrl: 'http://10.1.2.3:8080',
      mqttUrl: 'mqtt://10.1.2.3:1883',
    });
    expect(config.station).toMatchObject({ id: 'hall-2-desk-1', role: 'chief' });
    // No temporary file left beside it.
    expect(readdirSync(join(programData, 'Vigil'))).toEqual(['vigil.config.json']);
  });

  it('never overwrites an existing file (an upgrade keeps the config), nor reads the registry', () => {
    mkdirSync(join(programData, 'Vigil'));
    writeFileSync(file(), '{ "station": { "id": "edited-by-hand" } }\n');
    let read = 0;
    const result = provisionMachineConfig(programData, () => {
      read++;
      return good;
    });
    expect(result.outcome).toBe('kept');
    expect(read).toBe(0);
    expect(readFileSync(file(), 'utf8')).toContain('edited-by-hand');
  });

  it('writes nothing for a bad property, and says which', () => {
    const result = provisionMachineConfig(programData, () => ({ ...good, ROLE: 'wall' }));
    expect(result.outcome).toBe('none');
    expect(result.error).toBeInstanceOf(ConfigError);
    expect((result.error as ConfigError).key).toBe('station.role');
    expect(existsSync(file())).toBe(false);
    expect(existsSync(join(programData, 'Vigil'))).toBe(false);
  });

  it('does nothing without the registry key or with every property empty', () => {
    expect(provisionMachineConfig(programData, () => null)).toMatchObject({
      outcome: 'none',
      error: null,
    });
    expect(provisionMachineConfig(programData, () => ({ PLATFORMURL: '' }))).toMatchObject({
      outcome: 'none',
      error: null,
    });
    expect(existsSync(file())).toBe(false);
  });

  it('says when the file cannot be written', () => {
    // A file where the Vigil folder should be.
    writeFileSync(join(programData, 'Vigil'), '');
    const result = provisionMachineConfig(programData, () => good);
    expect(result.error?.message).toContain("cannot write the installer's config");
  });
});

describe('withMachineConfig', () => {
  const paths = { dataDir: '/d', configPath: '/d/vigil.config.json', configExplicit: false };
  it('uses the machine config when it exists or failed to be made, else leaves the paths', () => {
    expect(withMachineConfig(paths, null)).toBe(paths);
    expect(withMachineConfig(paths, { file: '/pd/c.json', outcome: 'none', error: null })).toBe(
      paths,
    );
    for (const machine of [
      { file: '/pd/c.json', outcome: 'kept', error: null },
      { file: '/pd/c.json', outcome: 'written', error: null },
      { file: '/pd/c.json', outcome: 'none', error: new Error('bad') },
    ] as const) {
      expect(withMachineConfig(paths, machine)).toEqual({
        dataDir: '/d',
        configPath: '/pd/c.json',
        configExplicit: true,
      });
    }
  });
});
