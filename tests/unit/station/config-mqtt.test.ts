/**
 * The broker's credentials and TLS keys of vigil.config.json (issue #10): accepted with
 * platform.mqttUrl, their files relative to the config file and read as PEM, and every misuse
 * stopped with a message naming the key. The PEM files are made by openssl (a test CA).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigError,
  loadConfig,
  parseConfig,
  readMqttBroker,
} from '../../../electron/station/config';
import { makeTestCa } from '../../integration/station/mosquitto';

// CI installs openssl (.ci/run): there a missing one fails these tests instead of skipping them.
const hasOpenssl = spawnSync('sh', ['-c', 'command -v openssl'], { stdio: 'ignore' }).status === 0;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-config-mqtt-'));
  mkdirSync(join(dir, 'pki'));
  if (hasOpenssl) makeTestCa(join(dir, 'pki'), 'good');
  writeFileSync(join(dir, 'pki', 'not-pem.pem'), 'hello');
  writeFileSync(
    join(dir, 'pki', 'broken.pem'),
    '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a config with this platform into dir and loads it. */
const load = (platform: Record<string, unknown>) => {
  const file = join(dir, 'vigil.config.json');
  writeFileSync(
    file,
    JSON.stringify({ platform: { kind: 'http', baseUrl: 'http://10.1.2.3', ...platform } }),
  );
  return loadConfig(file, { mustExist: true });
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

describe('platform.mqtt* keys', () => {
  it('keeps a bare platform.mqttUrl working, with no credentials', () => {
    const config = parseConfig({
      platform: { kind: 'file', catalogFile: 'c.csv', mqttUrl: 'mqtt://10.1.2.3:1883' },
    });
    expect(readMqttBroker(config.platform)).toEqual({});
  });

  it.skipIf(!hasOpenssl && !process.env.CI)(
    'reads credentials and PEM files given relative to the config file',
    () => {
      const config = load({
        mqttUrl: 'mqtts://10.1.2.3:8883',
        mqttUsername: 'vigil',
        mqttPassword: 's3cret',
        mqttCaFile: 'pki/good-ca.pem',
        mqttCertFile: 'pki/good-server.pem',
        mqttKeyFile: './pki/good-server.key',
      });
      expect(config.platform).toMatchObject({
        mqttCaFile: join(dir, 'pki', 'good-ca.pem'),
        mqttKeyFile: join(dir, 'pki', 'good-server.key'),
      });
      const broker = readMqttBroker(config.platform);
      expect(broker).toMatchObject({ username: 'vigil', password: 's3cret' });
      expect(broker.ca).toMatch(/^-----BEGIN CERTIFICATE-----/);
      expect(broker.cert).toMatch(/^-----BEGIN CERTIFICATE-----/);
      expect(broker.key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    },
  );

  it('stops on a CA file that is missing or not a PEM certificate, naming the key', () => {
    const missing = errorOf(() => load({ mqttUrl: 'mqtts://h:8883', mqttCaFile: 'pki/nope.pem' }));
    expect(missing.key).toBe('platform.mqttCaFile');
    expect(missing.message).toMatch(
      /vigil\.config\.json: platform\.mqttCaFile: .*pki\/nope\.pem: file not found$/,
    );
    expect(
      errorOf(() => load({ mqttUrl: 'mqtts://h', mqttCaFile: 'pki/not-pem.pem' })).message,
    ).toMatch(/platform\.mqttCaFile: .*not a PEM certificate/);
    expect(
      errorOf(() => load({ mqttUrl: 'mqtts://h', mqttCaFile: 'pki/broken.pem' })).message,
    ).toMatch(/platform\.mqttCaFile: .*not a readable PEM certificate/);
    expect(errorOf(() => load({ mqttUrl: 'mqtts://h', mqttCaFile: 'pki' })).message).toMatch(
      /platform\.mqttCaFile: .*cannot read/,
    );
  });

  it.skipIf(!hasOpenssl && !process.env.CI)('stops on a key file that is not a private key', () => {
    const e = errorOf(() =>
      load({
        mqttUrl: 'mqtts://h',
        mqttCertFile: 'pki/good-server.pem',
        mqttKeyFile: 'pki/good-ca.pem',
      }),
    );
    expect(e.key).toBe('platform.mqttKeyFile');
    expect(e.message).toMatch(/not a PEM private key/);
  });

  it('refuses keys that cannot work together, naming the key', () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ mqttUsername: 'vigil' }, 'platform.mqttUsername', /needs platform\.mqttUrl/],
      [
        { mqttUrl: 'mqtt://h', mqttPassword: 'x' },
        'platform.mqttPassword',
        /needs platform\.mqttUsername/,
      ],
      [
        { mqttUrl: 'mqtt://a:b@h', mqttUsername: 'vigil' },
        'platform.mqttUsername',
        /has a user name already/,
      ],
      [{ mqttUrl: 'mqtt://h', mqttCaFile: 'ca.pem' }, 'platform.mqttCaFile', /needs an mqtts:\/\//],
      [{ mqttUrl: 'mqtts://h', mqttCertFile: 'c.pem' }, 'platform.mqttKeyFile', /go together/],
      [{ mqttUrl: 'mqtts://h', mqttPasword: 'typo' }, 'platform.mqttPasword', /unknown key/],
    ];
    for (const [platform, key, problem] of cases) {
      const e = errorOf(() =>
        parseConfig({ platform: { kind: 'http', baseUrl: 'http://10.1.2.3', ...platform } }),
      );
      expect(e.key, JSON.stringify(platform)).toBe(key);
      expect(e.message).toMatch(problem);
    }
  });

  it('has no broker keys for the simulator', () => {
    expect(
      errorOf(() => parseConfig({ platform: { kind: 'simulator', mqttUsername: 'x' } })).key,
    ).toBe('platform.mqttUsername');
  });
});
