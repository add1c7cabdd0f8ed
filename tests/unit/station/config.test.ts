import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConfigError,
  configKeyDocs,
  loadConfig,
  parseConfig,
  VigilConfigSchema,
} from '../../../electron/station/config';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (text: string): string => {
  const file = join(dir, 'vigil.config.json');
  writeFileSync(file, text);
  return file;
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

describe('loadConfig', () => {
  it('gives the simulator defaults with no file', () => {
    const config = loadConfig();
    expect(config.platform).toEqual({
      kind: 'simulator',
      cameras: 26000,
      units: 400,
      seed: 1,
      port: 0,
      mqttPort: 0,
      // A random alert every 10 minutes, not every minute (a demo stays readable).
      alertIntervalMs: 600_000,
    });
    expect(config.station).toEqual({
      id: 'station-1',
      operator: '值机员',
      role: 'watcher',
      idleLockMinutes: 15,
      timeZone: 'Asia/Shanghai',
    });
    expect(config.walls).toEqual({
      count: 2,
      cols: 2,
      rows: 2,
      splitDisplays: [],
      decoderBudget: 'auto',
      memoryLimitMb: 3072,
      pageReloadHours: 6,
    });
    expect(config.serve).toEqual({ host: '127.0.0.1', port: 5180 });
    expect(config.outbox).toEqual({ retryBaseMs: 1000, retryMaxMs: 60000 });
    expect(config.upstream).toEqual({ catalogPollMs: 60000, timeoutMs: 5000 });
    expect(config.security).toEqual({ streamHosts: [], tileHosts: [], externalHosts: [] });
    expect(config.locale).toBe('auto');
    expect(loadConfig(join(dir, 'missing.json')).platform.kind).toBe('simulator');
  });

  it("reads the simulator's alert interval: 0 is never, a negative one is refused", () => {
    const file = join(dir, 'alerts.json');
    writeFileSync(file, JSON.stringify({ platform: { kind: 'simulator', alertIntervalMs: 0 } }));
    const platform = loadConfig(file).platform;
    expect(platform.kind === 'simulator' && platform.alertIntervalMs).toBe(0);
    writeFileSync(file, JSON.stringify({ platform: { kind: 'simulator', alertIntervalMs: -1 } }));
    expect(() => loadConfig(file)).toThrow(/platform\.alertIntervalMs/);
  });

  it('refuses a missing file when it must exist', () => {
    const file = join(dir, 'missing.json');
    expect(errorOf(() => loadConfig(file, { mustExist: true })).message).toBe(
      `${file}: file not found`,
    );
  });

  it('reads a good file (with a BOM) and resolves the catalog file next to it', () => {
    const file = write(
      '\uFEFF' +
        JSON.stringify({
          platform: { kind: 'file', catalogFile: './cameras.csv', mqttUrl: 'mqtt://10.0.0.1:1883' },
          station: { id: 'desk-7', role: 'chief' },
          walls: { cols: 3, rows: 3 },
          security: { streamHosts: ['http://cdn.local:8080'] },
        }),
    );
    const config = loadConfig(file);
    expect(config.platform).toEqual({
      kind: 'file',
      catalogFile: join(dir, 'cameras.csv'),
      mqttUrl: 'mqtt://10.0.0.1:1883',
    });
    expect(config.station).toMatchObject({ id: 'desk-7', operator: '值机员', role: 'chief' });
    expect(config.station.idleLockMinutes).toBe(15);
    expect(config.walls).toEqual({
      count: 2,
      cols: 3,
      rows: 3,
      splitDisplays: [],
      decoderBudget: 'auto',
      memoryLimitMb: 3072,
      pageReloadHours: 6,
    });
  });

  it('accepts an http platform', () => {
    const config = parseConfig({ platform: { kind: 'http', baseUrl: 'https://vp.local:8443' } });
    expect(config.platform).toEqual({ kind: 'http', baseUrl: 'https://vp.local:8443' });
  });

  it('names the file when the JSON is bad', () => {
    const file = write('{ "platform": { "kind": "http", } ');
    const error = errorOf(() => loadConfig(file));
    expect(error.message).toMatch(new RegExp(`^${escape(file)}: not valid JSON`));
    expect(error.key).toBeNull();
  });

  it('names the key and the problem for a bad value', () => {
    const file = write(JSON.stringify({ platform: { kind: 'http', baseUrl: 'ftp://x' } }));
    const error = errorOf(() => loadConfig(file));
    expect(error.message).toBe(`${file}: platform.baseUrl: must be an http(s) URL`);
    expect(error.key).toBe('platform.baseUrl');
  });

  it('refuses credentials in an http URL (fetch would refuse every request later)', () => {
    for (const [config, key] of [
      [
        { platform: { kind: 'http', baseUrl: 'http://vigil:secret@10.1.2.3:8080' } },
        'platform.baseUrl',
      ],
      [
        { platform: { kind: 'file', catalogFile: 'c.json', eventsUrl: 'http://u@h/e' } },
        'platform.eventsUrl',
      ],
      [{ map: { tileUrl: 'https://gis:pw@tiles.example/{z}/{x}/{y}.png' } }, 'map.tileUrl'],
    ] as const) {
      const error = errorOf(() => parseConfig(config));
      expect(error.key).toBe(key);
      expect(error.message).toContain('must not carry a user name or password');
      expect(error.message).not.toContain('secret');
    }
    // An @ later in the URL (a path or query) is not a credential.
    expect(() =>
      parseConfig({ platform: { kind: 'http', baseUrl: 'http://10.1.2.3:8080/a@b?c=@' } }),
    ).not.toThrow();
  });

  it('names the key for a wrong type', () => {
    const error = errorOf(() => parseConfig({ walls: { cols: '3' } }));
    expect(error.message).toBe('vigil.config.json: walls.cols: expected number, received string');
  });

  it('reads a display split, and names the split that would make monitors too small', () => {
    const split = { width: 3840, height: 2160, cols: 2, rows: 2 };
    expect(parseConfig({ walls: { splitDisplays: [split] } }).walls.splitDisplays).toEqual([split]);
    const error = errorOf(() =>
      parseConfig({
        walls: { splitDisplays: [{ width: 1280, height: 720, cols: 8, rows: 8 }, split] },
      }),
    );
    expect(error.message).toBe(
      'vigil.config.json: walls.splitDisplays.0: each logical monitor must be at least 160×120',
    );
  });

  it('reads a decoder budget: a number 1-64 forces it, "calibrate" measures at every start', () => {
    expect(parseConfig({ walls: { decoderBudget: 12 } }).walls.decoderBudget).toBe(12);
    expect(parseConfig({ walls: { decoderBudget: 'calibrate' } }).walls.decoderBudget).toBe(
      'calibrate',
    );
    expect(() => parseConfig({ walls: { decoderBudget: 0 } })).toThrow(/walls\.decoderBudget/);
    expect(() => parseConfig({ walls: { decoderBudget: 'fast' } })).toThrow(/walls\.decoderBudget/);
  });

  it('reads the wall memory guard limit: 0 turns it off, under 512 MB is refused', () => {
    expect(parseConfig({ walls: { memoryLimitMb: 4096 } }).walls.memoryLimitMb).toBe(4096);
    expect(parseConfig({ walls: { memoryLimitMb: 0 } }).walls.memoryLimitMb).toBe(0);
    expect(() => parseConfig({ walls: { memoryLimitMb: 100 } })).toThrow(/walls\.memoryLimitMb/);
    expect(() => parseConfig({ walls: { memoryLimitMb: '2G' } })).toThrow(/walls\.memoryLimitMb/);
  });

  it('reads the browser walls’ scheduled reload: 0 turns it off, under an hour or over a week is refused', () => {
    expect(parseConfig({ walls: { pageReloadHours: 12 } }).walls.pageReloadHours).toBe(12);
    expect(parseConfig({ walls: { pageReloadHours: 0 } }).walls.pageReloadHours).toBe(0);
    for (const bad of [0.25, 200, -1, '6h'])
      expect(() => parseConfig({ walls: { pageReloadHours: bad } })).toThrow(
        /walls\.pageReloadHours/,
      );
  });

  it('reads the origins links may open in the system browser; anything but an origin is refused', () => {
    expect(
      parseConfig({ security: { externalHosts: ['https://help.vigil.local'] } }).security
        .externalHosts,
    ).toEqual(['https://help.vigil.local']);
    for (const bad of ['help.vigil.local', 'https://help.vigil.local/manual', 'file:///c:/', 7]) {
      expect(
        errorOf(() => parseConfig({ security: { externalHosts: [bad] } })).key,
        String(bad),
      ).toBe('security.externalHosts.0');
    }
  });

  it('names an unknown key (a typo)', () => {
    expect(errorOf(() => parseConfig({ station: { operater: '张三' } })).message).toBe(
      'vigil.config.json: station.operater: unknown key',
    );
    expect(errorOf(() => parseConfig({ walls: {}, wall: {} })).message).toBe(
      'vigil.config.json: wall: unknown key',
    );
    expect(
      errorOf(() => parseConfig({ platform: { kind: 'http', baseUrl: 'http://a', camreas: 1 } }))
        .message,
    ).toBe('vigil.config.json: platform.camreas: unknown key');
  });

  it('names a bad platform kind, a bad role, a missing required key', () => {
    expect(errorOf(() => parseConfig({ platform: { kind: 'ftp' } })).message).toBe(
      'vigil.config.json: platform.kind: must be "simulator", "http" or "file"',
    );
    expect(errorOf(() => parseConfig({ station: { role: 'boss' } })).key).toBe('station.role');
    expect(errorOf(() => parseConfig({ platform: { kind: 'file' } })).key).toBe(
      'platform.catalogFile',
    );
    expect(
      errorOf(() => parseConfig({ outbox: { retryBaseMs: 5000, retryMaxMs: 1000 } })).key,
    ).toBe('outbox.retryMaxMs');
    expect(errorOf(() => parseConfig([])).message).toBe('vigil.config.json: must be a JSON object');
  });

  it('refuses a config that is not UTF-8, saying what it looks like (GBK here)', () => {
    // {"station": {"operator": "张三"}} saved as GBK: 张 = D5C5, 三 = C8FD.
    const file = join(dir, 'vigil.config.json');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('{\n  "station": { "operator": "'),
        Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]),
        Buffer.from('" }\n}\n'),
      ]),
    );
    const error = errorOf(() => loadConfig(file));
    expect(error.message).toBe(
      `${file}: not UTF-8 (line 2; it looks like GBK/GB18030; save it as UTF-8)`,
    );
    expect(error.key).toBeNull();
  });

  it('reads UTF-16 with a BOM (LE or BE), refuses UTF-16 without one', () => {
    const json = JSON.stringify({ station: { operator: '张三' } });
    const le = Buffer.from(json, 'utf16le');
    const be = Buffer.from(le).swap16();
    const file = join(dir, 'vigil.config.json');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), le]));
    expect(loadConfig(file).station.operator).toBe('张三');
    writeFileSync(file, Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    expect(loadConfig(file).station.operator).toBe('张三');
    writeFileSync(file, le);
    expect(errorOf(() => loadConfig(file)).message).toBe(
      `${file}: not UTF-8 (it looks like UTF-16LE without a byte-order mark; save it as UTF-8)`,
    );
  });

  it('refuses a key given twice, naming its path and lines (JSON.parse keeps the last)', () => {
    const file = write(
      '{\n  "station": {\n    "operator": "张三",\n    "role": "chief",\n    "operator": "李四"\n  }\n}',
    );
    const error = errorOf(() => loadConfig(file));
    expect(error.message).toBe(`${file}: station.operator: key given twice (lines 3 and 5)`);
    expect(error.key).toBe('station.operator');
    const split = { width: 3840, height: 2160, rows: 2 };
    const nested = write(
      `{"walls": {"splitDisplays": [${JSON.stringify(split).replace('}', ', "cols": 2, "cols": 4}')}]}}`,
    );
    expect(errorOf(() => loadConfig(nested)).key).toBe('walls.splitDisplays.0.cols');
    // The same key in two objects is no repeat; nor is one inside a string.
    const fine = write(
      '{"station": {"id": "a"}, "serve": {"host": "127.0.0.1", "port": 5180}, "locale": "en"}',
    );
    expect(loadConfig(fine).serve.port).toBe(5180);
  });

  it('trims the operator name and requires one (no control characters)', () => {
    expect(parseConfig({ station: { operator: '  张三 ' } }).station.operator).toBe('张三');
    for (const bad of ['', '   ', '张\n三', 'x'.repeat(65)]) {
      expect(errorOf(() => parseConfig({ station: { operator: bad } })).key, bad).toBe(
        'station.operator',
      );
    }
  });

  it('cuts a long bad key in the message', () => {
    const long = 'k'.repeat(1_000_000);
    const error = errorOf(() => parseConfig({ station: { [long]: 1 } }));
    expect(error.message.length).toBeLessThan(200);
    expect(error.message).toBe(`vigil.config.json: station.${'k'.repeat(60)}…: unknown key`);
  });

  it('reads the tile cache bound: 2048 MB by default, 16 MB at least', () => {
    expect(parseConfig({}).map.tileCacheMb).toBe(2048);
    expect(parseConfig({ map: { tileCacheMb: 512 } }).map.tileCacheMb).toBe(512);
    for (const bad of [0, 8, 1.5, '2G', 2_000_000]) {
      expect(errorOf(() => parseConfig({ map: { tileCacheMb: bad } })).key, String(bad)).toBe(
        'map.tileCacheMb',
      );
    }
  });

  it('documents every key', () => {
    const keys = new Set<string>();
    const walk = (shape: Record<string, unknown>, prefix: string) => {
      for (const [k, v] of Object.entries(shape)) {
        const key = prefix + k;
        keys.add(key);
        const inner = unwrap(v);
        if (inner && 'shape' in inner) walk(inner.shape as Record<string, unknown>, `${key}.`);
        if (inner && 'options' in inner && Array.isArray(inner.options)) {
          for (const o of inner.options as { shape?: Record<string, unknown> }[])
            if (o.shape) walk(o.shape, `${key}.`);
        }
      }
    };
    walk(VigilConfigSchema.shape, '');
    expect(keys).toContain('platform.baseUrl');
    expect(keys).toContain('outbox.retryMaxMs');
    for (const key of keys) expect(configKeyDocs, key).toHaveProperty([key]);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Peels defaults/optionals/pipes off a zod schema to reach the object or union inside. */
function unwrap(schema: unknown): Record<string, unknown> | null {
  let s = schema as { def?: { innerType?: unknown; in?: unknown; schema?: unknown } } | undefined;
  for (let i = 0; i < 10 && s?.def; i++) {
    const next = s.def.innerType ?? s.def.in ?? s.def.schema;
    if (!next) break;
    s = next as typeof s;
  }
  return (s as Record<string, unknown> | undefined) ?? null;
}

describe('station.idleLockMinutes', () => {
  it('is a whole number of minutes from 0 (never) to 720, 15 by default', () => {
    expect(parseConfig({}).station.idleLockMinutes).toBe(15);
    expect(parseConfig({ station: { idleLockMinutes: 0 } }).station.idleLockMinutes).toBe(0);
    for (const idleLockMinutes of [-1, 721, 1.5, '15']) {
      expect(() => parseConfig({ station: { idleLockMinutes } })).toThrow(
        /station\.idleLockMinutes/,
      );
    }
  });
});

describe('station.timeZone', () => {
  it('is an IANA zone, Asia/Shanghai by default; an unknown zone fails naming the key', () => {
    expect(parseConfig({}).station.timeZone).toBe('Asia/Shanghai');
    expect(parseConfig({ station: { timeZone: 'Asia/Urumqi' } }).station.timeZone).toBe(
      'Asia/Urumqi',
    );
    expect(parseConfig({ station: { timeZone: 'UTC' } }).station.timeZone).toBe('UTC');
    for (const timeZone of ['Mars/Olympus', '', 'GMT+8:00', 8]) {
      expect(() => parseConfig({ station: { timeZone } })).toThrow(/station\.timeZone/);
    }
  });
});
