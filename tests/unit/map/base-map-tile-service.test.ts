import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MbTilesCache } from '../../../electron/station/map/mbtiles';
import { BaseMapTileService } from '../../../electron/station/map/base-map-tile-service';
import { appTileRequest } from '../../../electron/shell/app-protocol';
import { parseTilePath } from '../../../electron/station/map/tile-route';
import { pngTile, tempDir } from './helpers';

function setup(fetchImpl: typeof fetch | null, now = () => 1000) {
  const cache = new MbTilesCache(join(tempDir(), 'tiles.mbtiles'), 'WGS84');
  const calls: string[] = [];
  const service = new BaseMapTileService({
    cache,
    tileUrl: fetchImpl ? 'http://gis.local/t/{z}/{x}/{y}.png' : null,
    crs: 'WGS84',
    timeoutMs: 500,
    fetch: fetchImpl
      ? ((async (url: string | URL | Request, init?: RequestInit) => {
          calls.push(String(url));
          return fetchImpl(url, init);
        }) as typeof fetch)
      : undefined,
    now,
  });
  return { cache, service, calls };
}

describe('BaseMapTileService', () => {
  it('fetches a missing tile once, stores it, then answers from the cache', async () => {
    const { service, cache, calls } = setup(async () => new Response(new Uint8Array(pngTile())));
    const a = await service.get({ z: 12, x: 3378, y: 1616 });
    expect(a?.contentType).toBe('image/png');
    expect(calls).toEqual(['http://gis.local/t/12/3378/1616.png']);
    const b = await service.get({ z: 12, x: 3378, y: 1616 });
    expect(b?.bytes.equals(a!.bytes)).toBe(true);
    expect(calls).toHaveLength(1);
    expect(cache.count()).toBe(1);
    expect(service.counters).toMatchObject({ fetched: 1, hits: 1 });
  });

  it('shares one fetch between concurrent asks for a tile', async () => {
    const { service, calls } = setup(async () => {
      await new Promise((r) => setTimeout(r, 20));
      return new Response(new Uint8Array(pngTile()));
    });
    const all = await Promise.all([1, 2, 3].map(() => service.get({ z: 3, x: 1, y: 1 })));
    expect(all.every((t) => t !== null)).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('answers null with no network and no cache, and does not retry at once', async () => {
    let t = 1000;
    const { service, calls } = setup(
      async () => {
        throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
      },
      () => t,
    );
    expect(await service.get({ z: 3, x: 1, y: 1 })).toBeNull();
    expect(service.counters.lastError).toContain('ECONNREFUSED');
    expect(await service.get({ z: 3, x: 1, y: 1 })).toBeNull();
    expect(calls).toHaveLength(1);
    t += 31_000;
    await service.get({ z: 3, x: 1, y: 1 });
    expect(calls).toHaveLength(2);
  });

  it('refuses what is not an image (a GIS error page with 200) and HTTP errors', async () => {
    const html = setup(async () => new Response('<html>login</html>', { status: 200 }));
    expect(await html.service.get({ z: 3, x: 1, y: 1 })).toBeNull();
    expect(html.service.counters.lastError).toContain('not a PNG');
    expect(html.cache.count()).toBe(0);
    const err = setup(async () => new Response('x', { status: 502 }));
    expect(await err.service.get({ z: 3, x: 1, y: 1 })).toBeNull();
    expect(err.service.counters.lastError).toContain('HTTP 502');
  });

  it('never logs the password of a user:pass@ tile URL', async () => {
    const log: string[] = [];
    const service = new BaseMapTileService({
      cache: new MbTilesCache(join(tempDir(), 'tiles.mbtiles'), 'WGS84'),
      tileUrl: 'http://gis:t1le-secret@127.0.0.1:9/t/{z}/{x}/{y}.png',
      crs: 'WGS84',
      timeoutMs: 500,
      log: (line) => log.push(line),
    });
    // Node's fetch refuses a URL with credentials, quoting it whole.
    expect(await service.get({ z: 3, x: 1, y: 1 })).toBeNull();
    expect(log).toHaveLength(1);
    expect(log[0]).toContain('http://gis:***@127.0.0.1:9/t/3/1/1.png');
    expect([...log, service.counters.lastError].join('\n')).not.toContain('t1le-secret');
  });

  it('serves the cache only when no tile URL is configured', async () => {
    const { service, cache } = setup(null);
    expect(await service.get({ z: 3, x: 1, y: 1 })).toBeNull();
    cache.put({ z: 3, x: 1, y: 1 }, pngTile());
    expect(await service.get({ z: 3, x: 1, y: 1 })).not.toBeNull();
    expect(service.hasSource).toBe(false);
  });
});

describe('tile paths in the hosts', () => {
  it('parses /tiles/z/x/y(.png) and refuses out-of-range or odd paths', () => {
    expect(parseTilePath('/tiles/12/3378/1616.png')).toEqual({ z: 12, x: 3378, y: 1616 });
    expect(parseTilePath('/tiles/0/0/0')).toEqual({ z: 0, x: 0, y: 0 });
    expect(parseTilePath('/tiles/3/8/0.png')).toBeNull();
    expect(parseTilePath('/tiles/23/0/0.png')).toBeNull();
    expect(parseTilePath('/tiles/1/0/0.png/../x')).toBeNull();
    expect(parseTilePath('/tiles/a/b/c.png')).toBeNull();
  });

  it('routes vigil://app/tiles/… to the station and leaves other app paths alone', () => {
    expect(appTileRequest('vigil://app/tiles/12/3378/1616.png')).toEqual({
      z: 12,
      x: 3378,
      y: 1616,
    });
    expect(appTileRequest('vigil://app/tiles/99/0/0.png')).toBe('bad');
    expect(appTileRequest('vigil://app/index.html')).toBeNull();
    expect(appTileRequest('vigil://other/tiles/1/0/0.png')).toBeNull();
    expect(appTileRequest('https://evil.example/tiles/1/0/0.png')).toBeNull();
  });
});
