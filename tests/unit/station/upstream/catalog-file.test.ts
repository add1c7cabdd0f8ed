import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../../electron/station/cache/catalog-store';
import { openDatabase, type CacheDatabase } from '../../../../electron/station/cache/database';
import {
  CatalogFileError,
  readCatalogFile,
} from '../../../../electron/station/upstream/catalog-file';
import { CatalogService } from '../../../../electron/station/upstream/catalog-service';
import { CatalogClient } from '../../../../electron/station/upstream/catalog-client';
import { LinkMonitor } from '../../../../electron/station/upstream/link-state';

const header = 'id,name,region,zone,grid,kind,lat,lng,heading,fov,range,liveUrl,subUrl';
const row = (id: string, lat = '35.4012', extra = '') =>
  `${id},钢山街${id}号,城区,钢山派出所,钢山一网格,fixed,${lat},116.9731,90,60,120,http://vp.local/live/${id}.m3u8,${extra}`;

let dir: string;
let db: CacheDatabase;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-catalog-file-'));
  db = openDatabase(join(dir, 'vigil.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogFileError);
    return (error as Error).message;
  }
  throw new Error('expected a CatalogFileError');
};

describe('catalog file', () => {
  it('reads a CSV with a BOM and derives the areas from the names', () => {
    const file = write(
      'cameras.csv',
      '\uFEFF' +
        [
          header,
          row('c1'),
          row('c2'),
          '',
          'c3,路口,城区,北关派出所,北关一网格,checkpoint,35.5,117,,,,http://vp.local/c3.m3u8,',
        ].join('\r\n'),
    );
    const catalog = readCatalogFile(file);
    expect(catalog.version).toMatch(/^file:[0-9a-f]{16}$/);
    expect(catalog.cameras.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    expect(catalog.areas).toEqual([
      { id: '城区', name: '城区', level: 'region', parentId: null },
      { id: '城区/钢山派出所', name: '钢山派出所', level: 'zone', parentId: '城区' },
      {
        id: '城区/钢山派出所/钢山一网格',
        name: '钢山一网格',
        level: 'grid',
        parentId: '城区/钢山派出所',
      },
      { id: '城区/北关派出所', name: '北关派出所', level: 'zone', parentId: '城区' },
      {
        id: '城区/北关派出所/北关一网格',
        name: '北关一网格',
        level: 'grid',
        parentId: '城区/北关派出所',
      },
    ]);
    expect(catalog.cameras[0]).toMatchObject({
      gridId: '城区/钢山派出所/钢山一网格',
      lat: 35.4012,
      heading: 90,
      status: 'unknown',
    });
    expect(catalog.cameras[2]).not.toHaveProperty('heading');
  });

  it('reports a bad number with its line and column', () => {
    const lines = [header, row('c1'), row('c2')];
    for (let i = 0; i < 13; i++) lines.push(row(`x${i}`));
    lines.push(row('c17', '"35,4"'));
    const file = write('cameras.csv', lines.join('\n'));
    expect(messageOf(() => readCatalogFile(file))).toBe(
      'cameras.csv: line 17, lat: "35,4" is not a number',
    );
  });

  it('reports a bad value, a missing column, an empty cell, a repeated id', () => {
    const bad = (name: string, lines: string[]) =>
      messageOf(() => readCatalogFile(write(name, lines.join('\n'))));
    expect(bad('a.csv', [header, row('c1', '95')])).toMatch(/^a\.csv: line 2, lat: "95" /);
    expect(bad('b.csv', [header.replace(',lat,', ',latt,'), row('c1')])).toMatch(
      /^b\.csv: line 1: missing column "lat"/,
    );
    expect(bad('c.csv', [header, row('c1').replace('fixed', '')])).toBe(
      'c.csv: line 2, kind: is empty',
    );
    expect(bad('d.csv', [header, row('c1').replace('fixed', 'dome')])).toMatch(
      /^d\.csv: line 2, kind: "dome"/,
    );
    expect(bad('e.csv', [header, row('c1'), row('c1')])).toBe(
      'e.csv: line 3, id: "c1" repeats line 2',
    );
    expect(bad('f.csv', [header, row('c1').replace('http://', 'ftp://')])).toMatch(
      /^f\.csv: line 2, liveUrl: .*must be an http\(s\) URL/,
    );
  });

  it('reads JSON, with the hash as version when it has none, and names a bad field', () => {
    const body = {
      areas: [
        { id: 'R1', name: '城区', level: 'region', parentId: null },
        { id: 'Z1', name: '钢山', level: 'zone', parentId: 'R1' },
        { id: 'G1', name: '一网格', level: 'grid', parentId: 'Z1' },
      ],
      cameras: [
        {
          id: 'c1',
          name: 'a',
          gridId: 'G1',
          kind: 'fixed',
          lat: 35,
          lng: 117,
          liveUrl: 'http://x/a.m3u8',
          status: 'online',
        },
      ],
    };
    const catalog = readCatalogFile(write('catalog.json', JSON.stringify(body)));
    expect(catalog.version).toMatch(/^file:/);
    expect(catalog.cameras).toHaveLength(1);
    const bad = structuredClone(body);
    (bad.cameras[0] as { lat: number }).lat = 95;
    expect(messageOf(() => readCatalogFile(write('bad.json', JSON.stringify(bad))))).toMatch(
      /^bad\.json: cameras\[0\]\.lat: /,
    );
    const orphan = structuredClone(body);
    orphan.cameras[0]!.gridId = 'G9';
    expect(messageOf(() => readCatalogFile(write('o.json', JSON.stringify(orphan))))).toBe(
      'o.json: cameras[0].gridId: no grid "G9" in areas',
    );
    expect(messageOf(() => readCatalogFile(write('x.json', '{"areas": [')))).toMatch(
      /^x\.json: not valid JSON/,
    );
  });

  it('a bad file leaves the cache untouched', async () => {
    const file = write('cameras.csv', [header, row('c1'), row('c2')].join('\n'));
    const store = new CatalogStore(db);
    const links: unknown[] = [];
    const service = new CatalogService({
      store,
      origin: { kind: 'file', path: file },
      pollMs: 60_000,
      link: (input) => links.push(input),
      onChanged: () => {},
      onCameraStatus: () => {},
    });
    service.loadCache();
    expect(await service.refresh()).toBe('updated');
    const before = store.load();
    expect(before?.catalog.cameras).toHaveLength(2);

    write('cameras.csv', [header, row('c1'), row('c2'), row('c3', 'north')].join('\n'));
    expect(await service.refresh()).toBe('rejected');
    expect(store.load()).toEqual(before);
    expect(service.get()?.cameras).toHaveLength(2);
    expect(links).toContainEqual({
      kind: 'catalog-rejected',
      detail: 'cameras.csv: line 4, lat: "north" is not a number',
    });
    expect(await service.refresh()).toBe('rejected');
    write('cameras.csv', [header, row('c1'), row('c2')].join('\n'));
    expect(await service.refresh()).toBe('unchanged');
  });

  it('refuses a GBK CSV instead of garbling its names; reads UTF-16 with a BOM', () => {
    const gbk = Buffer.concat([
      Buffer.from(`${header}\n`),
      Buffer.from(row('c1').replace('钢山街c1号', 'GBK-NAME')),
    ]);
    // 钢山 in GBK, in place of the ASCII placeholder.
    const at = gbk.indexOf('GBK-NAME');
    const bytes = Buffer.concat([
      gbk.subarray(0, at),
      Buffer.from([0xb8, 0xd6, 0xc9, 0xbd]),
      gbk.subarray(at + 'GBK-NAME'.length),
    ]);
    const file = join(dir, 'cameras.csv');
    writeFileSync(file, bytes);
    expect(messageOf(() => readCatalogFile(file))).toBe(
      'cameras.csv: not UTF-8 (line 2; it looks like GBK/GB18030; save it as UTF-8)',
    );
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from([header, row('c1')].join('\r\n'), 'utf16le'),
    ]);
    writeFileSync(file, utf16);
    expect(readCatalogFile(file).cameras[0]!.name).toBe('钢山街c1号');
  });

  it('cuts a 1M-character bad value in the message', () => {
    const huge = 'x'.repeat(1_000_000);
    const file = write('cameras.csv', [header, row('c1').replace('钢山街c1号', huge)].join('\n'));
    const message = messageOf(() => readCatalogFile(file));
    expect(message.length).toBeLessThan(300);
    expect(message).toMatch(/^cameras\.csv: line 2, name: "x{100}…" /);
    const number = write('n.csv', [header, row('c1', '1'.repeat(1_000_000) + 'x')].join('\n'));
    expect(messageOf(() => readCatalogFile(number))).toBe(
      `n.csv: line 2, lat: "${'1'.repeat(100)}…" is not a number`,
    );
  });

  it('a file station without a usable catalog is degraded, saying why, not online', async () => {
    const file = join(dir, 'cameras.csv');
    const views: string[] = [];
    const monitor = new LinkMonitor({ http: false, mqtt: false }, 'none', (v) =>
      views.push(`${v.state}: ${v.detail ?? ''}`),
    );
    const service = new CatalogService({
      store: new CatalogStore(db),
      origin: { kind: 'file', path: file },
      pollMs: 60_000,
      link: (input) => monitor.update(input),
      onChanged: () => {},
      onCameraStatus: () => {},
    });
    service.loadCache();
    expect(await service.refresh()).toBe('rejected');
    expect(service.get()).toBeNull();
    expect(monitor.get()).toMatchObject({
      state: 'degraded',
      detail: `catalog rejected: cameras.csv: file missing (${file})`,
    });
    write('cameras.csv', [header, row('c1', 'north')].join('\n'));
    expect(await service.refresh()).toBe('rejected');
    expect(monitor.get()).toMatchObject({
      state: 'degraded',
      detail: 'catalog rejected: cameras.csv: line 2, lat: "north" is not a number',
    });
    write('cameras.csv', [header, row('c1')].join('\n'));
    expect(await service.refresh()).toBe('updated');
    expect(monitor.get()).toMatchObject({ state: 'online', detail: null, catalogSource: 'file' });
  });

  it('a file that is good again after a rejection clears the link (same version as held)', async () => {
    const file = write('cameras.csv', [header, row('c1')].join('\n'));
    const monitor = new LinkMonitor({ http: false, mqtt: true }, 'none', () => {});
    monitor.update({ kind: 'mqtt-up' });
    const service = new CatalogService({
      store: new CatalogStore(db),
      origin: { kind: 'file', path: file },
      pollMs: 60_000,
      link: (input) => monitor.update(input),
      onChanged: () => {},
      onCameraStatus: () => {},
    });
    service.loadCache();
    expect(await service.refresh()).toBe('updated');
    write('cameras.csv', [header, row('c1', '95')].join('\n'));
    expect(await service.refresh()).toBe('rejected');
    expect(monitor.get().state).toBe('degraded');
    write('cameras.csv', [header, row('c1')].join('\n'));
    expect(await service.refresh()).toBe('unchanged');
    expect(monitor.get()).toMatchObject({ state: 'online', detail: null });
  });

  it('the platform answering 304 after a rejected catalog clears the link', async () => {
    const good = {
      version: 'v1',
      areas: [{ id: 'r1', name: '城区', level: 'region', parentId: null }],
      cameras: [],
    };
    const answers = [
      () => Response.json({ ...good, areas: [{ ...good.areas[0], level: 'grid' }] }),
      () => Response.json(good),
      () => Response.json({ ...good, version: 'v2', cameras: [{ id: 'c1' }] }),
      () => new Response(null, { status: 304 }),
    ];
    const fetch = (async () => answers.shift()!()) as typeof globalThis.fetch;
    const monitor = new LinkMonitor({ http: true, mqtt: false }, 'none', () => {});
    const service = new CatalogService({
      store: new CatalogStore(db),
      origin: {
        kind: 'platform',
        client: new CatalogClient({ baseUrl: 'http://vp.local', timeoutMs: 1000, fetch }),
      },
      pollMs: 60_000,
      link: (input) => monitor.update(input),
      onChanged: () => {},
      onCameraStatus: () => {},
    });
    service.loadCache();
    // No catalog at all (the platform's is invalid): degraded, with why.
    expect(await service.refresh()).toBe('rejected');
    expect(monitor.get()).toMatchObject({ state: 'degraded' });
    expect(monitor.get().detail).toMatch(/^catalog rejected: /);
    expect(await service.refresh()).toBe('updated');
    expect(monitor.get().state).toBe('online');
    expect(await service.refresh()).toBe('rejected');
    expect(monitor.get().state).toBe('degraded');
    expect(await service.refresh()).toBe('unchanged'); // 304: v1, the catalog held, is current
    expect(monitor.get()).toMatchObject({ state: 'online', detail: null });
  });
});
