/**
 * Polling a catalog file (issue #11 item 5): an unchanged file is not parsed again (a
 * 100,000-row file froze the event loop for seconds at every poll), an unchanged rejected file is
 * not logged again, a restart on the cached catalog of the same file does not parse it. Parses
 * are counted at csv-parse itself, so the count does not depend on the service's own counters.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CatalogStore } from '../../../../electron/station/cache/catalog-store';
import { openDatabase, type CacheDatabase } from '../../../../electron/station/cache/database';
import { CatalogService } from '../../../../electron/station/upstream/catalog-service';

const parses = vi.hoisted(() => ({ n: 0 }));
vi.mock('csv-parse/sync', async (importOriginal) => {
  const original = await importOriginal<typeof import('csv-parse/sync')>();
  return {
    ...original,
    parse: ((...args: Parameters<typeof original.parse>) => {
      parses.n++;
      return original.parse(...args);
    }) as typeof original.parse,
  };
});

const header = 'id,name,region,zone,grid,kind,lat,lng,heading,fov,range,liveUrl,subUrl';
const rows = (n: number, lat = '35.4') =>
  Array.from(
    { length: n },
    (_, i) =>
      `c${i},路口${i},城区,钢山派出所,一网格,fixed,${lat},116.97,,,,http://vp.local/c${i}.m3u8,`,
  );

let dir: string;
let db: CacheDatabase;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-catalog-poll-'));
  db = openDatabase(join(dir, 'vigil.db'));
  parses.n = 0;
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes the file with an mtime a minute ago (an mtime of "now" is not trusted alone). */
function write(lines: string[], ageMs = 60_000): string {
  const file = join(dir, 'cameras.csv');
  writeFileSync(file, [header, ...lines].join('\n'));
  const t = new Date(Date.now() - ageMs);
  utimesSync(file, t, t);
  return file;
}

function service(file: string, log: string[] = []) {
  const s = new CatalogService({
    store: new CatalogStore(db),
    origin: { kind: 'file', path: file },
    pollMs: 60_000,
    link: () => {},
    onChanged: () => {},
    onCameraStatus: () => {},
    log: (line) => log.push(line),
  });
  s.loadCache();
  return s;
}

describe('polling a catalog file', () => {
  it('parses an unchanged file once; a touched file with the same bytes is hashed, not parsed', async () => {
    const file = write(rows(2000));
    const s = service(file);
    expect(await s.refresh()).toBe('updated');
    expect(parses.n).toBe(1);
    for (let i = 0; i < 3; i++) expect(await s.refresh()).toBe('unchanged');
    expect(parses.n).toBe(1);
    expect(s.fileCounters).toEqual({ reads: 1, parses: 1 }); // not even read again
    write(rows(2000), 30_000); // same bytes, new mtime
    expect(await s.refresh()).toBe('unchanged');
    expect(parses.n).toBe(1);
    write(rows(2001));
    expect(await s.refresh()).toBe('updated');
    expect(parses.n).toBe(2);
    expect(s.get()?.cameras).toHaveLength(2001);
  });

  it('re-reads (but does not parse) a file whose mtime is too fresh to trust', async () => {
    const file = write(rows(10), 0);
    const s = service(file);
    expect(await s.refresh()).toBe('updated');
    expect(await s.refresh()).toBe('unchanged');
    expect(parses.n).toBe(1);
    expect(s.fileCounters).toEqual({ reads: 2, parses: 1 });
  });

  it('logs an unchanged rejected (or missing) file once, not at every poll', async () => {
    const log: string[] = [];
    const file = write([
      ...rows(5),
      'bad,坏,城区,钢山派出所,一网格,fixed,north,116.97,,,,http://x/y,',
    ]);
    const s = service(file, log);
    for (let i = 0; i < 4; i++) expect(await s.refresh()).toBe('rejected');
    expect(parses.n).toBe(1);
    expect(log).toEqual([
      'catalog: cameras.csv: line 7, lat: "north" is not a number (no catalog: 0 cameras)',
    ]);
    rmSync(file);
    for (let i = 0; i < 3; i++) expect(await s.refresh()).toBe('rejected');
    expect(log).toHaveLength(2);
    expect(log[1]).toBe(`catalog: cameras.csv: file missing (${file}) (no catalog: 0 cameras)`);
  });

  it('does not parse the file again after a restart on its cached catalog', async () => {
    const file = write(rows(100));
    expect(await service(file).refresh()).toBe('updated');
    expect(parses.n).toBe(1);
    const again = service(file);
    expect(again.get()?.source).toBe('cache');
    expect(await again.refresh()).toBe('unchanged');
    expect(parses.n).toBe(1);
    expect(again.get()?.source).toBe('file');
  });
});
