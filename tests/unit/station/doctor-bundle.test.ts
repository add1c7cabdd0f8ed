/**
 * The support bundle (the password and the operators' hashes never in the zip, neither in its
 * bytes nor in any file once inflated), the zip itself, the MQTT check against a broker with a
 * password, the stored decoder budget, and the Electron app's own checks and flags as plain
 * functions (displays, GPU, --doctor / --support-bundle / --kiosk).
 */
import { Aedes, type AuthenticateError } from 'aedes';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/station/cache/database';
import {
  redactConfigText,
  scrub,
  supportBundleEntries,
  writeSupportBundle,
} from '../../../electron/station/doctor/bundle';
import {
  decoderBudgetResult,
  readStoredBudget,
  scanStoredBudget,
} from '../../../electron/station/doctor/budget';
import { checkMqtt } from '../../../electron/station/doctor/net-checks';
import { runDoctor } from '../../../electron/station/doctor/run';
import { zip } from '../../../electron/station/doctor/zip';
import { planWindows, type DisplayInfo } from '../../../electron/shell/display-planner';
import {
  displaysResult,
  findHevcDecode,
  videoDecodeResults,
} from '../../../electron/shell/doctor-checks';
import { parseLaunchMode } from '../../../electron/shell/launch-args';
import { deskWindowOptions } from '../../../electron/shell/window-options';

/** Reads a zip's entries (central directory) and inflates them: the test's own reader. */
function unzip(bytes: Buffer): Map<string, string> {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(bytes.readUInt32LE(at)).toBe(0x02014b50);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    out.set(name, inflateRawSync(bytes.subarray(dataAt, dataAt + size)).toString('utf8'));
    at += 46 + nameLength + extra;
  }
  return out;
}

// CI installs unzip (.ci/run): there a missing one fails the test instead of skipping it.
const hasUnzip = (() => {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('zip', () => {
  it('round-trips UTF-8 names and contents', () => {
    const bytes = zip([
      { name: 'a/说明.txt', data: '值机员\n' },
      { name: 'b.json', data: Buffer.from('{"x":1}') },
    ]);
    const files = unzip(bytes);
    expect(files.get('a/说明.txt')).toBe('值机员\n');
    expect(files.get('b.json')).toBe('{"x":1}');
  });
  it.skipIf(!hasUnzip && !process.env.CI)('is a zip `unzip -t` accepts (CRCs included)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vigil-zip-')), 't.zip');
    writeFileSync(file, zip([{ name: 'x.txt', data: 'hello '.repeat(1000) }]));
    expect(execFileSync('unzip', ['-t', file]).toString()).toContain('No errors detected');
  });
});

describe('redaction', () => {
  it('blots out secret-named keys and URL passwords, in valid JSON and in a broken file', () => {
    const good = redactConfigText(
      JSON.stringify({
        platform: { kind: 'http', mqttUrl: 'mqtt://u:pw-in-url@h:1883', mqttPassword: 'p4ss!' },
        x: { apiToken: 'tok-123' },
      }),
    );
    expect(good.text).not.toMatch(/p4ss|tok-123|pw-in-url/);
    expect(good.text).toContain('"mqttPassword": "***"');
    expect(good.secrets).toEqual(['p4ss!', 'tok-123']);
    const broken = redactConfigText('{ "platform": { "mqttPassword": "p4ss!", "a": "b" ');
    expect(broken.text).toBe('{ "platform": { "mqttPassword": "***", "a": "b" ');
    expect(broken.secrets).toEqual(['p4ss!']);
    expect(scrub('said p4ss! twice: p4ss!', ['p4ss!'])).toBe('said *** twice: ***');
  });
});

describe('the support bundle', () => {
  it('holds the report, the redacted config, db stats and versions, and never the password or a hash', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bundle-'));
    const password = 'Sup3r-Secret-MQTT-pw';
    const configPath = join(dataDir, 'vigil.config.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        platform: {
          kind: 'http',
          baseUrl: 'http://127.0.0.1:1',
          mqttUrl: 'mqtt://127.0.0.1:1',
          mqttUsername: 'station',
          mqttPassword: password,
        },
      }),
    );
    const hash = 'scrypt$N=16384$deadbeefcafebabe$0123456789abcdef';
    const db = openDatabase(join(dataDir, 'vigil.db'));
    db.prepare(
      "INSERT INTO operators (name, role, password_hash, created_at) VALUES ('张三', 'admin', ?, 0)",
    ).run(hash);
    db.close();
    mkdirSync(join(dataDir, 'logs'));
    writeFileSync(join(dataDir, 'logs', 'vigil.log'), `connecting with ${password}\nready\n`);

    const outcome = await runDoctor({
      host: 'browser host',
      configPath,
      configExplicit: true,
      dataDir,
      timeoutMs: 500,
    });
    expect(outcome.report.ok).toBe(false); // nothing listens on port 1
    const file = join(dataDir, 'bundle.zip');
    const written = writeSupportBundle(file, {
      outcome,
      configPath,
      dataDir,
      versions: { version: '0.1.0' },
    });
    const bytes = readFileSync(file);
    expect(written.bytes).toBe(bytes.length);
    expect(bytes.includes(Buffer.from(password))).toBe(false);
    const files = unzip(bytes);
    expect([...files.keys()].sort()).toEqual(
      [
        'config/effective.json',
        'config/vigil.config.json',
        'database.json',
        'doctor.json',
        'doctor.txt',
        'logs/vigil.log',
        'versions.json',
      ].map((n) => `vigil-support/${n}`),
    );
    for (const [name, text] of files) {
      expect(text, name).not.toContain(password);
      expect(text, name).not.toContain(hash);
      expect(text, name).not.toContain('deadbeefcafebabe');
    }
    expect(files.get('vigil-support/logs/vigil.log')).toBe('connecting with ***\nready\n');
    expect(files.get('vigil-support/doctor.txt')).toContain('FAIL  catalog');
    const stats = JSON.parse(files.get('vigil-support/database.json')!) as {
      schemaVersion: number;
      tables: Record<string, number>;
    };
    expect(stats.tables['operators']).toBe(1);
    const versions = JSON.parse(files.get('vigil-support/versions.json')!) as Record<
      string,
      string
    >;
    expect(versions['version']).toBe('0.1.0');
    expect(versions['node']).toBe(process.versions.node);
  });

  it('says where the logs are when the app keeps none, and that there is no config file', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bundle-'));
    const entries = supportBundleEntries({
      outcome: {
        report: { at: '', host: 'x', ok: true, checks: [] },
        config: null,
        database: null,
      },
      configPath: join(dataDir, 'vigil.config.json'),
      dataDir,
      versions: {},
      logNote: 'the journal',
    });
    const byName = new Map(entries.map((e) => [e.name, String(e.data)]));
    expect(byName.get('vigil-support/logs/README.txt')).toContain('keeps no log file');
    expect(byName.get('vigil-support/logs/README.txt')).toContain('the journal');
    expect(byName.get('vigil-support/config/README.txt')).toContain('No config file');
  });
});

describe('the MQTT check', () => {
  it('with the configured credentials PASSes; a wrong password FAILs in words, never printing it', async () => {
    const seen: string[] = [];
    const broker = await Aedes.createBroker({
      authenticate(client, username, password, done) {
        seen.push(client.id);
        if (username === 'station' && password?.toString() === 'right-pw') return done(null, true);
        done(Object.assign(new Error('no'), { returnCode: 4 }) as AuthenticateError, false);
      },
    });
    const server = createServer((socket) => broker.handle(socket));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ok = await checkMqtt(url, { username: 'station', password: 'right-pw' }, 's1', 3000);
      expect(ok.status).toBe('pass');
      expect(ok.detail).toContain('as station');
      const bad = await checkMqtt(url, { username: 'station', password: 'wrong-pw' }, 's1', 3000);
      expect(bad.status).toBe('fail');
      expect(bad.detail).toContain('not authorized');
      expect(bad.detail).not.toContain('wrong-pw');
      // Never the station's own client id: that would log a running station out.
      expect(seen.every((id) => id.startsWith('vigil-s1-doctor-'))).toBe(true);
    } finally {
      server.close();
      await new Promise<void>((r) => broker.close(() => r()));
    }
  });
});

/** A LevelDB log record as Chromium's localStorage writes it: key, length, 0x01 + latin-1 value. */
const record = (key: string, value: string) =>
  Buffer.concat([
    Buffer.from([0x01, key.length + 16]),
    Buffer.from(`_vigil://app\x00\x01${key}`, 'latin1'),
    Buffer.from([value.length + 1, 0x01]),
    Buffer.from(value, 'latin1'),
  ]);

describe('the decoder budget stored on this machine', () => {
  it('is read from the wall windows’ localStorage files, the last write winning', () => {
    const bytes = Buffer.concat([
      record('vigil.decoderBudget', '9'),
      record('vigil.decoderBudget.measuredAt', '1764720000000'),
      record('vigil.language', 'zh-CN'),
      record('vigil.decoderBudget', '12'),
    ]);
    expect(scanStoredBudget(bytes, false)).toEqual({ budget: 12, measuredAt: 1764720000000 });
    expect(scanStoredBudget(record('vigil.decoderBudget', '99'), false)).toBeNull();
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-ls-'));
    expect(readStoredBudget(dataDir)).toBeNull();
    mkdirSync(join(dataDir, 'Local Storage', 'leveldb'), { recursive: true });
    writeFileSync(join(dataDir, 'Local Storage', 'leveldb', '000003.log'), bytes);
    expect(readStoredBudget(dataDir)?.budget).toBe(12);
  });
  it('says what it is: forced, measured, not yet, or not readable here', () => {
    expect(decoderBudgetResult(8, null)).toMatchObject({ status: 'pass' });
    expect(decoderBudgetResult('calibrate', null).status).toBe('warn');
    expect(decoderBudgetResult('auto', null).status).toBe('warn');
    expect(decoderBudgetResult('auto', 'unknown').status).toBe('skip');
    expect(
      decoderBudgetResult('auto', { budget: 12, measuredAt: Date.parse('2026-12-01') }).detail,
    ).toBe('12 streams per wall, measured 2026-12-01');
  });
});

const display = (id: number, x: number, width = 1920, height = 1080): DisplayInfo => ({
  id,
  bounds: { x, y: 0, width, height },
  workArea: { x, y: 0, width, height: height - 40 },
  scaleFactor: 1,
});

describe('the Electron app’s own checks, as plain functions', () => {
  it('displays: the walls the planner gives them, numbered like the app', () => {
    const displays = [display(1, 0), display(2, 1920), display(3, 3840)];
    const plan = planWindows(displays, null, { primaryDisplayId: 1 });
    const r = displaysResult(displays, plan);
    expect(r.status).toBe('pass');
    expect(r.detail).toBe(
      '3 displays; desk on display 1 (1920×1080 at 0,0); wall 1 fullscreen on display 2 (1920×1080 at 1920,0); wall 2 fullscreen on display 3 (1920×1080 at 3840,0)',
    );
    const one = [display(1, 0)];
    expect(displaysResult(one, planWindows(one, null, { primaryDisplayId: 1 })).status).toBe(
      'warn',
    );
    const split = [display(1, 0), display(2, 1920, 3840, 2160)];
    const splitPlan = planWindows(split, null, {
      primaryDisplayId: 1,
      splits: [{ width: 3840, height: 2160, cols: 2, rows: 2 }],
    });
    const s = displaysResult(split, splitPlan);
    expect(s.status).toBe('pass');
    expect(s.detail).toContain('wall 4 panel on part 4 of split display 2');
  });
  it('GPU: hardware decode from the feature status, H.265 from the decoder profiles', () => {
    const info = {
      gpuDevice: [{ vendorId: 4318 }],
      videoDecodeAcceleratorSupportedProfile: [
        { profile: 1, maxResolutionWidth: 4096 },
        { profile: 17, maxResolutionWidth: 8192 },
      ],
    };
    expect(findHevcDecode(info)).toBe(true);
    expect(findHevcDecode({ videoDecoding: [{ profile: 'hevc main' }] })).toBe(true);
    expect(findHevcDecode({ videoEncodeAcceleratorSupportedProfile: [{ profile: 17 }] })).toBe(
      false,
    );
    expect(findHevcDecode(null)).toBe(false);
    const [decode, h265] = videoDecodeResults({ video_decode: 'enabled' }, info);
    expect(decode?.status).toBe('pass');
    expect(h265?.status).toBe('pass');
    const off = videoDecodeResults({ video_decode: 'disabled_software' }, {});
    expect(off.map((r) => r.status)).toEqual(['warn', 'warn']);
  });
  it('flags: --doctor, --support-bundle FILE, --json, --kiosk; the kiosk desk window', () => {
    expect(parseLaunchMode(['electron', '.'])).toEqual({
      mode: 'app',
      bundleFile: null,
      json: false,
      kiosk: false,
    });
    expect(parseLaunchMode(['vigil', '--doctor', '--json'])).toMatchObject({
      mode: 'doctor',
      json: true,
    });
    expect(parseLaunchMode(['vigil', '--support-bundle', 'b.zip', '--data', 'd'])).toMatchObject({
      mode: 'support-bundle',
      bundleFile: 'b.zip',
    });
    expect(parseLaunchMode(['vigil', '--support-bundle=x.zip']).bundleFile).toBe('x.zip');
    expect(parseLaunchMode(['vigil', '--kiosk']).kiosk).toBe(true);
    const bounds = { x: 0, y: 0, width: 1920, height: 1080 };
    const kiosk = deskWindowOptions({ bounds, preload: '/p', devTools: false, kiosk: true });
    expect(kiosk).toMatchObject({ kiosk: true, fullscreen: true, frame: false });
    const plain = deskWindowOptions({ bounds, preload: '/p', devTools: false });
    expect(plain.kiosk).toBeUndefined();
    expect(plain.webPreferences?.sandbox).toBe(true);
  });
});
