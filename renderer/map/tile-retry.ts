/**
 * Base-map tiles that failed to load are fetched again with backoff (issue #15: a failed tile
 * stayed a grey square for good), and the tile layer's state is said: loading, all loaded,
 * retrying N tiles, or N tiles given up on (the operator can retry them at once, and they are
 * retried when the network comes back).
 *
 * Plain logic on anything with a `src` (an <img> in the map, an object in tests), with the timer
 * and the random source injected. Leaflet keeps its own load/error listeners on a tile's <img>,
 * so a new `src` on the same element reports through the layer's `tileload` / `tileerror` again.
 */
import { backoffDelay, type BackoffOptions } from '../common/backoff';

export interface RetryTile {
  src: string;
  /** False once the map dropped the tile (panned or zoomed away): no more retries for it. */
  readonly isConnected?: boolean;
}

export type BaseLayerStatus = 'none' | 'loading' | 'ok' | 'retrying' | 'failed';

export interface BaseLayerState {
  status: BaseLayerStatus;
  /** Tiles waiting for a retry. */
  retrying: number;
  /** Tiles given up on after `maxAttempts`. */
  failed: number;
  /** Tiles that loaded on a retry since the layer was made. */
  recovered: number;
  /** The first tile URL that failed (without the retry mark), for details. */
  lastFailedUrl: string | null;
}

export interface TileRetryOptions {
  backoff?: BackoffOptions;
  /** Retries per tile before it counts as failed. */
  maxAttempts?: number;
  schedule?: (run: () => void, ms: number) => unknown;
  cancel?: (handle: unknown) => void;
  random?: () => number;
  onState?: (state: BaseLayerState) => void;
}

/** A tile server that hiccups: 1 s, 2 s, 4 s … at most 30 s between tries. */
export const tileRetryBackoff: BackoffOptions = { baseMs: 1_000, maxMs: 30_000 };
export const tileRetryAttempts = 6;

interface Pending {
  url: string;
  attempt: number;
  timer: unknown;
  gaveUp: boolean;
}

/** `url` with a retry mark, so the browser fetches it again instead of reusing the failure. */
export function retryUrl(url: string, attempt: number): string {
  const clean = stripRetry(url);
  const hash = clean.indexOf('#');
  const base = hash < 0 ? clean : clean.slice(0, hash);
  const tail = hash < 0 ? '' : clean.slice(hash);
  return `${base}${base.includes('?') ? '&' : '?'}vigil-retry=${attempt}${tail}`;
}

export function stripRetry(url: string): string {
  return url.replace(/([?&])vigil-retry=\d+(&?)/, (_, lead: string, trail: string) =>
    trail ? lead : '',
  );
}

export class TileRetry {
  private readonly pending = new Map<RetryTile, Pending>();
  private readonly backoff: BackoffOptions;
  private readonly maxAttempts: number;
  private readonly schedule: (run: () => void, ms: number) => unknown;
  private readonly cancel: (handle: unknown) => void;
  private readonly random: () => number;
  private loading = false;
  private recovered = 0;
  private lastFailedUrl: string | null = null;
  private last = '';

  constructor(private readonly options: TileRetryOptions = {}) {
    this.backoff = options.backoff ?? tileRetryBackoff;
    this.maxAttempts = options.maxAttempts ?? tileRetryAttempts;
    this.schedule = options.schedule ?? ((run, ms) => setTimeout(run, ms));
    this.cancel =
      options.cancel ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
    this.random = options.random ?? Math.random;
  }

  /** The layer started loading tiles (Leaflet's `loading`). */
  startLoading(): void {
    this.loading = true;
    this.emit();
  }

  /** Every tile in view has settled (Leaflet's `load`). */
  doneLoading(): void {
    this.loading = false;
    this.emit();
  }

  /** A tile failed (Leaflet's `tileerror`): fetch it again after a backoff, or give up. */
  error(tile: RetryTile): void {
    const known = this.pending.get(tile);
    const entry: Pending = known ?? {
      url: stripRetry(tile.src),
      attempt: 0,
      timer: null,
      gaveUp: false,
    };
    this.pending.set(tile, entry);
    this.lastFailedUrl ??= entry.url;
    if (entry.attempt >= this.maxAttempts) {
      entry.gaveUp = true;
      this.emit();
      return;
    }
    const delay = backoffDelay(entry.attempt, this.backoff, this.random);
    entry.timer = this.schedule(() => this.reload(tile), delay);
    this.emit();
  }

  /** A tile loaded (Leaflet's `tileload`): a retried one counts as recovered. */
  loaded(tile: RetryTile): void {
    const entry = this.pending.get(tile);
    if (!entry) return;
    this.pending.delete(tile);
    this.recovered++;
    if (this.failedCount() === 0 && this.pending.size === 0) this.lastFailedUrl = null;
    this.emit();
  }

  /** The map dropped a tile (Leaflet's `tileunload`): nothing more to do for it. */
  unloaded(tile: RetryTile): void {
    const entry = this.pending.get(tile);
    if (!entry) return;
    if (entry.timer !== null) this.cancel(entry.timer);
    this.pending.delete(tile);
    if (this.pending.size === 0) this.lastFailedUrl = null;
    this.emit();
  }

  /** Retry every tile now (the operator asked, or the network came back); attempts start over. */
  retryNow(): void {
    for (const [tile, entry] of this.pending) {
      if (entry.timer !== null) this.cancel(entry.timer);
      entry.attempt = 0;
      entry.gaveUp = false;
      this.reload(tile);
    }
    this.emit();
  }

  state(): BaseLayerState {
    const failed = this.failedCount();
    const retrying = this.pending.size - failed;
    return {
      status: failed > 0 ? 'failed' : retrying > 0 ? 'retrying' : this.loading ? 'loading' : 'ok',
      retrying,
      failed,
      recovered: this.recovered,
      lastFailedUrl: this.lastFailedUrl,
    };
  }

  dispose(): void {
    for (const entry of this.pending.values()) if (entry.timer !== null) this.cancel(entry.timer);
    this.pending.clear();
  }

  private failedCount(): number {
    let failed = 0;
    for (const entry of this.pending.values()) if (entry.gaveUp) failed++;
    return failed;
  }

  private reload(tile: RetryTile): void {
    const entry = this.pending.get(tile);
    if (!entry) return;
    entry.timer = null;
    if (tile.isConnected === false) {
      this.pending.delete(tile);
      this.emit();
      return;
    }
    entry.attempt++;
    tile.src = retryUrl(entry.url, entry.attempt);
  }

  private emit(): void {
    const state = this.state();
    const key = JSON.stringify(state);
    if (key === this.last) return;
    this.last = key;
    this.options.onState?.(state);
  }
}
