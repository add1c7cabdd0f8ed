/**
 * `vigil doctor`'s checks with fakes: a catalog server that answers, one that never does, one
 * that refuses; the clock from a Date header; the disk thresholds; the config and the cache
 * database (a newer schema FAILs); the report's format and exit code.
 */
import Database from 'better-sqlite3';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/station/cache/database';
import { latestVersion } from '../../../electron/station/cache/migrations';
import {
  checkConfig,
  checkDatabase,
  checkDiskSpace,
  diskSpaceResult,
  GB,
  MB,
} from '../../../electron/station/doctor/local-checks';
import {
  checkCatalog,
  checkGeometry,
  checkRoads,
  checkTile,
  clockSkewMs,
  clockSkewResult,
  tileAt,
} from '../../../electron/station/doctor/net-checks';
import { runDoctor } from '../../../electron/station/doctor/run';
import {
  exitCodeOf,
  formatReport,
  makeReport,
  pass,
  warn,
  fail,
  skip,
} from '../../../electron/station/doctor/report';

const catalog = {
  version: 'v1',
  areas: [
    { id: 'R1', name: '城区', level: 'region', parentId: null },
    { id: 'Z1', name: '一', level: 'zone', parentId: 'R1' },
    { id: 'G1', name: '甲', level: 'grid', parentId: 'Z1' },
  ],
  cameras: [
    {
      id: 'c1',
      name: '路口1',
      gridId: 'G1',
      kind: 'fixed',
      lat: 30.5,
      lng: 114.3,
      liveUrl: 'http://10.0.0.1/c1.m3u8',
      status: 'online',
    },
    {
      id: 'c2',
      name: '路口2',
      gridId: 'G1',
      kind: 'fixed',
      lat: 30.51,
      lng: 114.31,
      liveUrl: 'http://10.0.0.1/c2.m3u8',
      status: 'offline',
    },
  ],
};

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

describe('network checks against fake platforms', () => {
  let good: Server;
  let silent: Server;
  let goodUrl = '';
  let silentUrl = '';
  let closedUrl = '';
  let skewMs = 0;

  beforeAll(async () => {
    good = createServer((req, res) => {
      res.setHeader('Date', new Date(Date.now() + skewMs).toUTCString());
      if (req.url === '/api/v1/catalog') return res.end(JSON.stringify(catalog));
      if (req.url === '/api/v1/roads') {
        return res.end(
          JSON.stringify({
            version: 'r1',
            nodes: [
              [114.3, 30.5],
              [114.31, 30.51],
            ],
            edges: [[0, 1, 40, 0]],
          }),
        );
      }
      if (req.url?.startsWith('/tiles/')) return res.end(png);
      if (req.url === '/broken/api/v1/catalog') return res.end('{"version":"x"}');
      res.statusCode = 404;
      res.end();
    });
    goodUrl = await listen(good);
    // Accepts the connection and never answers.
    silent = createServer(() => {});
    silentUrl = await listen(silent);
    const closed = createServer();
    closedUrl = await listen(closed);
    await new Promise((r) => closed.close(r));
  });
  afterAll(() => {
    good.close();
    silent.closeAllConnections();
    silent.close();
  });

  it('a catalog server that answers: PASS with the camera count, and the exchange for the clock', async () => {
    const c = await checkCatalog(goodUrl, 2000);
    expect(c.result.status).toBe('pass');
    expect(c.result.detail).toContain('2 cameras (1 online), 3 areas');
    expect(c.somewhere).toEqual({ lat: 30.5, lng: 114.3 });
    expect(c.exchange?.headers.get('date')).toBeTruthy();
  });

  it('one that never answers: FAIL within the timeout, saying so', async () => {
    const t0 = Date.now();
    const c = await checkCatalog(silentUrl, 300);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(c.result.status).toBe('fail');
    expect(c.result.detail).toContain('no answer in 300 ms');
    expect(c.exchange).toBeNull();
  });

  it('one that is not there: FAIL with the reason (ECONNREFUSED)', async () => {
    const c = await checkCatalog(closedUrl, 2000);
    expect(c.result).toMatchObject({ status: 'fail', id: 'catalog' });
    expect(c.result.detail).toContain('ECONNREFUSED');
  });

  it('an answer that is not a catalog: FAIL naming what is wrong', async () => {
    const c = await checkCatalog(`${goodUrl}/broken`, 2000);
    expect(c.result.status).toBe('fail');
    expect(c.result.detail).toMatch(/not with a valid catalog: .*areas/);
  });

  it('no geometry (404) WARNs; a road graph PASSes with its size; a tile is an image', async () => {
    expect((await checkGeometry(goodUrl, 2000)).status).toBe('warn');
    const roads = await checkRoads(goodUrl, 2000);
    expect(roads).toMatchObject({ status: 'pass', detail: '2 nodes, 1 edges' });
    const tile = await checkTile(
      `${goodUrl}/tiles/{z}/{x}/{y}.png`,
      { lat: 30.5, lng: 114.3 },
      14,
      2000,
    );
    expect(tile.status).toBe('pass');
    const missing = await checkTile(`${goodUrl}/nope/{z}/{x}/{y}.png`, null, 14, 2000);
    expect(missing).toMatchObject({ status: 'fail' });
    expect(missing.detail).toContain('HTTP 404');
  });

  it('the clock from the platform Date header: 10 s ahead WARNs, 10 min FAILs', async () => {
    for (const [offset, status] of [
      [0, 'pass'],
      [-10_000, 'warn'],
      [10 * 60_000, 'fail'],
    ] as const) {
      skewMs = offset;
      const c = await checkCatalog(goodUrl, 2000);
      const e = c.exchange!;
      const r = clockSkewResult(e.headers.get('date'), e.sentAt, e.receivedAt, 'the platform');
      expect(r.status, `offset ${offset}`).toBe(status);
    }
    skewMs = 0;
  });
});

describe('clock skew from a Date header', () => {
  const at = Date.parse('2026-12-03T04:00:00.000Z');
  it('takes the middle of the header second and of the exchange', () => {
    expect(clockSkewMs('Thu, 03 Dec 2026 04:00:00 GMT', at + 400, at + 600)).toBe(0);
    expect(clockSkewMs('Thu, 03 Dec 2026 03:59:50 GMT', at, at)).toBe(9500);
    expect(clockSkewMs('not a date', at, at)).toBeNull();
  });
  it('words: ahead or behind, and the thresholds (5 s, 5 min)', () => {
    const r = (header: string) => clockSkewResult(header, at + 500, at + 500, 'the platform');
    expect(r('Thu, 03 Dec 2026 04:00:00 GMT')).toMatchObject({
      status: 'pass',
      detail: 'this machine is within a second of the platform',
    });
    expect(r('Thu, 03 Dec 2026 04:00:04 GMT').status).toBe('pass');
    expect(r('Thu, 03 Dec 2026 04:00:07 GMT')).toMatchObject({ status: 'warn' });
    expect(r('Thu, 03 Dec 2026 04:00:07 GMT').detail).toContain('7.0 s behind the platform');
    expect(r('Thu, 03 Dec 2026 03:50:00 GMT').status).toBe('fail');
    expect(r('Thu, 03 Dec 2026 03:50:00 GMT').detail).toContain('10 min ahead of the platform');
    expect(clockSkewResult(null, at, at, 'x').status).toBe('warn');
  });
});

describe('disk space', () => {
  it('FAILs under 200 MB, WARNs under 2 GB, PASSes above', () => {
    expect(diskSpaceResult(199 * MB, '/d').status).toBe('fail');
    expect(diskSpaceResult(201 * MB, '/d').status).toBe('warn');
    expect(diskSpaceResult(2 * GB - 1, '/d').status).toBe('warn');
    expect(diskSpaceResult(2 * GB, '/d')).toMatchObject({
      status: 'pass',
      detail: '2.0 GB free on /d',
    });
  });
  it('reads the file system of the nearest existing folder', () => {
    const seen: string[] = [];
    const r = checkDiskSpace('/tmp/does/not/exist/yet', (p) => {
      seen.push(p);
      return { bavail: 100, bsize: 1024 * 1024 };
    });
    expect(seen).toEqual(['/tmp']);
    expect(r.status).toBe('fail');
  });
});

describe('config and cache database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-doctor-'));

  it('a bad config FAILs with the file and the key named; no file is the simulator', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ platform: { kind: 'http', baseUrl: 'ftp://x' } }));
    const bad = checkConfig(file, true);
    expect(bad.config).toBeNull();
    expect(bad.result.status).toBe('fail');
    expect(bad.result.detail).toBe(`${file}: platform.baseUrl: must be an http(s) URL`);
    const none = checkConfig(join(dir, 'vigil.config.json'), false);
    expect(none.result.status).toBe('pass');
    expect(none.result.detail).toContain('the built-in simulator');
    expect(checkConfig(join(dir, 'missing.json'), true).result.detail).toContain('file not found');
  });

  it('a cache opens read-only with its schema and row counts; a newer schema FAILs', () => {
    const data = mkdtempSync(join(tmpdir(), 'vigil-doctor-db-'));
    expect(checkDatabase(data).result.status).toBe('pass'); // none yet
    openDatabase(join(data, 'vigil.db')).close();
    const ok = checkDatabase(data);
    expect(ok.result.status).toBe('pass');
    expect(ok.stats?.schemaVersion).toBe(latestVersion());
    expect(ok.stats?.tables['operators']).toBe(0);
    const db = new Database(join(data, 'vigil.db'));
    db.pragma(`user_version = ${latestVersion() + 1}`);
    db.close();
    const newer = checkDatabase(data);
    expect(newer.result.status).toBe('fail');
    expect(newer.result.detail).toContain('written by a newer Vigil');
  });
});

describe('runDoctor', () => {
  it('a config problem the host found first (the MSI provisioning) FAILs the config, the platform unchecked', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-doctor-run-'));
    const { report, config } = await runDoctor({
      host: 'Electron app',
      configPath: join(dataDir, 'vigil.config.json'),
      configExplicit: false,
      dataDir,
      configError: 'HKLM\\Software\\Vigil: PLATFORMURL: must be an http(s) URL',
      hostChecks: () => [pass('displays', 'displays', '2 displays')],
    });
    expect(config).toBeNull();
    expect(report.ok).toBe(false);
    // (disk: whatever this machine has free)
    expect(report.checks.filter((c) => c.id !== 'disk').map((c) => `${c.id}:${c.status}`)).toEqual([
      'config:fail',
      'data-folder:pass',
      'database:pass',
      'platform:skip',
      'displays:pass',
    ]);
    expect(report.checks[0]?.detail).toContain('PLATFORMURL');
  });
});

describe('the report', () => {
  it('one aligned line per check; exit code 1 only on a FAIL', () => {
    const ok = makeReport(
      'browser host',
      [pass('a', 'config', 'fine'), warn('b', 'MQTT', 'slow'), skip('c', 'x', 'n/a')],
      new Date(0),
    );
    expect(exitCodeOf(ok)).toBe(0);
    expect(formatReport(ok).split('\n')).toEqual([
      'vigil doctor (browser host, 1970-01-01T00:00:00.000Z)',
      'PASS  config  fine',
      'WARN  MQTT    slow',
      'SKIP  x       n/a',
      '1 passed, 1 warnings, 0 failed, 1 not checked here: ready',
      '',
    ]);
    const bad = makeReport('x', [pass('a', 'a', 'a'), fail('b', 'b', 'down')]);
    expect(exitCodeOf(bad)).toBe(1);
    expect(formatReport(bad)).toContain('FAIL  b  down');
  });
  it('tiles: the XYZ tile of a point', () => {
    expect(tileAt(0, 0, 1)).toEqual({ z: 1, x: 1, y: 1 });
    expect(tileAt(30.5, 114.3, 14)).toEqual({ z: 14, x: 13393, y: 6733 });
  });
});
