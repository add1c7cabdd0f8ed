/**
 * Map tiles for the renderer, always through the station (so every tile seen once is cached):
 * the MBTiles cache first, else the configured GIS server (`map.tileUrl`, an XYZ template), whose
 * answer is checked (200, a raster image) and stored. No source and no cached tile: null (the
 * host answers 404, the renderer still draws the district geometry). A server that fails is not
 * asked again for the same tile for `retryAfterMs`, so a dead GIS server is not hammered by every
 * pan of the map; concurrent asks for one tile share one fetch. A failure names the tile's URL
 * without the password of a `user:pass@` template. The cache bounds what it stores
 * (./mbtiles.ts, `map.tileCacheMb`).
 */
import type { TileCrs } from '../../../shared/contract/map';
import { redactUrlCredentials } from '../text-input';
import {
  contentTypes,
  sniffTile,
  validTileAddress,
  type MbTilesCache,
  type TileAddress,
} from './mbtiles';

export interface MapTileResponse {
  bytes: Buffer;
  contentType: string;
}

export interface BaseMapTileServiceOptions {
  cache: MbTilesCache;
  /** XYZ template with {z} {x} {y} (and optionally {s} → "a"), or null for cache only. */
  tileUrl: string | null;
  crs: TileCrs;
  timeoutMs: number;
  /** After a failed fetch, the same tile is not fetched again for this long. Default 30 s. */
  retryAfterMs?: number;
  /** Largest tile accepted from the server. Default 2 MB. */
  maxBytes?: number;
  fetch?: typeof fetch;
  now?: () => number;
  log?: (line: string) => void;
}

export interface MapTileCounters {
  hits: number;
  fetched: number;
  misses: number;
  failures: number;
  lastError: string | null;
}

export class BaseMapTileService {
  private readonly inflight = new Map<string, Promise<MapTileResponse | null>>();
  private readonly failedUntil = new Map<string, number>();
  private stopped = false;
  private readonly controllers = new Set<AbortController>();
  readonly counters: MapTileCounters = {
    hits: 0,
    fetched: 0,
    misses: 0,
    failures: 0,
    lastError: null,
  };

  constructor(private readonly options: BaseMapTileServiceOptions) {}

  get hasSource(): boolean {
    return this.options.tileUrl !== null;
  }

  cachedTiles(): number {
    return this.options.cache.count();
  }

  async get(t: TileAddress): Promise<MapTileResponse | null> {
    if (this.stopped || !validTileAddress(t)) return null;
    const cached = this.options.cache.get(t);
    if (cached) {
      this.counters.hits++;
      return { bytes: cached, contentType: contentTypes[sniffTile(cached) ?? 'png'] };
    }
    const key = `${t.z}/${t.x}/${t.y}`;
    const now = (this.options.now ?? Date.now)();
    if (!this.options.tileUrl || (this.failedUntil.get(key) ?? 0) > now) {
      this.counters.misses++;
      return null;
    }
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.fetchTile(t, key).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private async fetchTile(t: TileAddress, key: string): Promise<MapTileResponse | null> {
    const url = (this.options.tileUrl as string)
      .replace('{z}', String(t.z))
      .replace('{x}', String(t.x))
      .replace('{y}', String(t.y))
      .replace('{s}', 'a');
    const controller = new AbortController();
    this.controllers.add(controller);
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    try {
      const res = await (this.options.fetch ?? fetch)(url, { signal: controller.signal });
      if (res.status === 404 || res.status === 204) {
        // The server has no tile there (outside its district): remember, do not retry soon.
        await res.body?.cancel();
        return this.fail(key, null);
      }
      if (!res.ok) {
        await res.body?.cancel();
        return this.fail(key, `${url}: HTTP ${res.status}`);
      }
      const bytes = Buffer.from(await res.arrayBuffer());
      if (bytes.length > (this.options.maxBytes ?? 2 * 1024 * 1024)) {
        return this.fail(key, `${url}: tile larger than the limit (${bytes.length} bytes)`);
      }
      const format = sniffTile(bytes);
      if (!format) return this.fail(key, `${url}: not a PNG, JPEG or WebP image`);
      if (this.stopped) return null;
      this.options.cache.put(t, bytes);
      this.counters.fetched++;
      return { bytes, contentType: contentTypes[format] };
    } catch (error) {
      if (this.stopped) return null;
      const why = controller.signal.aborted ? 'timed out' : errorText(error);
      return this.fail(key, `${url}: ${why}`);
    } finally {
      clearTimeout(timer);
      this.controllers.delete(controller);
    }
  }

  private fail(key: string, failure: string | null): null {
    const why = failure === null ? null : redactUrlCredentials(failure);
    this.counters.misses++;
    this.failedUntil.set(
      key,
      (this.options.now ?? Date.now)() + (this.options.retryAfterMs ?? 30_000),
    );
    if (this.failedUntil.size > 50_000) this.failedUntil.clear();
    if (why) {
      this.counters.failures++;
      if (this.counters.failures <= 5 || this.counters.failures % 100 === 0) {
        this.options.log?.(`map: tile fetch failed (#${this.counters.failures}): ${why}`);
      }
      this.counters.lastError = why;
    }
    return null;
  }

  stop(): void {
    this.stopped = true;
    for (const c of this.controllers) c.abort();
    this.controllers.clear();
  }
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    return cause?.code ?? error.message;
  }
  return String(error);
}
