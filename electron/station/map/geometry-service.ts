/**
 * The district geometry, cache-first: loaded from the cache at start, then fetched from the
 * platform (GET {base}/api/v1/geometry with If-None-Match) at start and every `pollMs`; a valid
 * answer replaces the cached one in one statement, an invalid one is logged and ignored. With no
 * platform (file catalogs) the geometry is whatever the cache holds, or none.
 */
import type { MapGeometry } from '../../../shared/contract/map';
import type { CacheDatabase } from '../cache/database';
import { errorMessage } from '../contract-host';
import { causeMessage } from '../upstream/fetch-error';
import { GeometryError, parseGeometry, toMapGeometry, type GeometryBody } from './geometry-schema';

export interface GeometryServiceOptions {
  db: CacheDatabase;
  /** Platform base URL, or null when there is none. */
  baseUrl: string | null;
  timeoutMs: number;
  pollMs: number;
  onChanged?: (version: string) => void;
  fetch?: typeof fetch;
  now?: () => number;
  log?: (line: string) => void;
}

export class GeometryService {
  private body: GeometryBody | null = null;
  private source: MapGeometry['source'] = 'none';
  private view: MapGeometry | null = null;
  private timer: NodeJS.Timeout | null = null;
  private inflight: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: GeometryServiceOptions) {
    const row = options.db.prepare('SELECT body FROM map_geometry WHERE id = 1').get() as
      { body: string } | undefined;
    if (row) {
      try {
        this.body = parseGeometry(JSON.parse(row.body));
        this.source = 'cache';
      } catch (error) {
        options.log?.(`map: cached geometry ignored: ${errorMessage(error)}`);
      }
    }
  }

  get(): MapGeometry {
    this.view ??= toMapGeometry(this.body, this.source);
    return this.view;
  }

  /** The grid, zone or region with that id, if the geometry has it. */
  area(id: string): MapGeometry['areas'][number] | undefined {
    return this.get().areas.find((a) => a.id === id);
  }

  start(): void {
    if (this.options.baseUrl === null || this.timer) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.pollMs);
    this.timer.unref?.();
  }

  refresh(): Promise<void> {
    this.inflight ??= this.doRefresh().finally(() => (this.inflight = null));
    return this.inflight;
  }

  private async doRefresh(): Promise<void> {
    if (this.options.baseUrl === null || this.stopped) return;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.body) headers['If-None-Match'] = `"${this.body.version}"`;
    let response: Response;
    let text: string;
    try {
      response = await (this.options.fetch ?? fetch)(`${this.options.baseUrl}/api/v1/geometry`, {
        headers,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      if (response.status === 304) {
        this.setSource('platform');
        return;
      }
      text = await response.text();
    } catch (error) {
      if (!this.stopped) this.options.log?.(`map: geometry: ${causeMessage(error)}`);
      return;
    }
    if (this.stopped) return;
    if (response.status === 404) return; // a platform without geometry: areas draw from none
    if (!response.ok) {
      this.options.log?.(`map: geometry: HTTP ${response.status}`);
      return;
    }
    try {
      const body = parseGeometry(JSON.parse(text) as unknown);
      this.options.db
        .prepare(
          `INSERT INTO map_geometry (id, version, body, fetched_at) VALUES (1, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET version = excluded.version, body = excluded.body,
             fetched_at = excluded.fetched_at`,
        )
        .run(body.version, JSON.stringify(body), (this.options.now ?? Date.now)());
      const changed = body.version !== this.body?.version;
      this.body = body;
      this.source = 'platform';
      this.view = null;
      if (changed) this.options.onChanged?.(body.version);
    } catch (error) {
      const why = error instanceof SyntaxError ? 'not valid JSON' : errorMessage(error);
      this.options.log?.(
        `map: geometry rejected, keeping the cached one: ${error instanceof GeometryError ? error.message : why}`,
      );
    }
  }

  private setSource(source: MapGeometry['source']): void {
    if (this.source === source) return;
    this.source = source;
    this.view = null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.inflight;
  }
}
