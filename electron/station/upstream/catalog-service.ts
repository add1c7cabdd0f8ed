/**
 * The catalog, cache-first: `start()` serves the cached catalog at once (the desk opens with the
 * platform unreachable), then refreshes from the platform (or the catalog file) in the
 * background and every `catalogPollMs`. A new valid catalog replaces the cache in one
 * transaction and emits `catalog`; a bad one is rejected whole and the cache is untouched.
 * Realtime camera status writes through to the cache and to the catalog held in memory.
 *
 * A catalog that cannot be used (the file missing or rejected, the platform's catalog invalid) is
 * reported to the link as `catalog-rejected` with why, until a good one (or the cached one
 * again) is taken: a station with no usable catalog is never shown online.
 *
 * A catalog file is parsed only when it changed: an equal size + mtime + inode skips it unread,
 * an equal hash skips the parse (a 100,000-row file takes seconds). An unchanged rejected file
 * is reported again to the link but not logged again.
 */
import type { Camera, CameraStatus, Catalog, LinkState } from '../../../shared/api';
import type { CatalogStore } from '../cache/catalog-store';
import { errorMessage } from '../contract-host';
import { CatalogClient, CatalogFetchError } from './catalog-client';
import {
  catalogFileVersion,
  parseCatalogFileBytes,
  readCatalogFileBytes,
  statCatalogFile,
  type CatalogFileStamp,
} from './catalog-file';
import type { LinkInput } from './link-state';

export type CatalogOrigin =
  { kind: 'platform'; client: CatalogClient } | { kind: 'file'; path: string } | { kind: 'none' };

export interface CatalogServiceOptions {
  store: CatalogStore;
  origin: CatalogOrigin;
  pollMs: number;
  link: (input: LinkInput) => void;
  onChanged: (info: { version: string; source: LinkState['catalogSource'] }) => void;
  onCameraStatus: (cameraId: string, status: CameraStatus) => void;
  log?: (line: string) => void;
  now?: () => number;
}

export type RefreshOutcome = 'updated' | 'unchanged' | 'rejected' | 'unreachable' | 'none';

export class CatalogService {
  private catalog: Catalog | null = null;
  private cameras = new Map<string, Camera>();
  private source: LinkState['catalogSource'] = 'none';
  private timer: ReturnType<typeof setTimeout> | null = null;
  private refreshing: Promise<RefreshOutcome> | null = null;
  private stopped = false;
  private readonly now: () => number;
  /** A file's version is its hash: re-reading an unchanged file changes nothing. */
  private fileVersion: string | null = null;
  /** The catalog file as last read: its stamp, its version, and why it was rejected (or null). */
  private fileSeen:
    (CatalogFileStamp & { version: string | null; rejected: string | null }) | null = null;
  /** What is wrong with the catalog as last reported to the link, or null. */
  private problem: string | null = null;
  /** How often the catalog file was read and parsed (a poll of an unchanged file does neither). */
  readonly fileCounters = { reads: 0, parses: 0 };
  private unreachableRuns = 0;
  /**
   * The `at` of the last realtime status taken for each camera (in memory; cameras of the catalog
   * only): a status older than it arriving late must not undo a newer one.
   */
  private statusAt = new Map<string, number>();

  constructor(private readonly options: CatalogServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Loads the cache (synchronously, so the first catalog.get is served from it). */
  loadCache(): void {
    const cached = this.options.store.load();
    if (cached) {
      this.setCatalog(cached.catalog, 'cache');
      if (cached.source === 'file') this.fileVersion = cached.catalog.version;
    }
    this.options.link({ kind: 'catalog-source', source: this.source });
  }

  /** Refreshes in the background now and then every pollMs. */
  startPolling(): void {
    if (this.options.origin.kind === 'none') return;
    void this.refresh().then((outcome) => this.scheduleNext(outcome));
  }

  /**
   * Probes the platform at once and restarts the schedule from the outcome. Called when realtime
   * drops: the operator should learn within seconds whether the whole platform is gone (offline)
   * or only its broker (degraded), not at the next full poll.
   */
  checkNow(): void {
    if (this.options.origin.kind === 'none' || this.stopped || this.timer === null) return;
    clearTimeout(this.timer);
    this.timer = null;
    void this.refresh().then((outcome) => this.scheduleNext(outcome));
  }

  get(): (Catalog & { source: LinkState['catalogSource'] }) | null {
    return this.catalog ? { ...this.catalog, source: this.source } : null;
  }

  getSource(): LinkState['catalogSource'] {
    return this.source;
  }

  camera(cameraId: string): Camera | undefined {
    return this.cameras.get(cameraId);
  }

  /** Asks the platform (or re-reads the file) once. Concurrent calls share one request. */
  refresh(): Promise<RefreshOutcome> {
    this.refreshing ??= this.doRefresh()
      .catch((error: unknown) => {
        // A bug or a cache failure, not the platform's: log it, keep serving what we have.
        this.options.log?.(`catalog: refresh failed: ${errorMessage(error)}`);
        return 'rejected' as const;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  /**
   * Realtime said a camera's status changed, at `at` (platform ms). A status older than the last
   * one taken for the camera is ignored. Returns whether it was taken (changed or not).
   */
  setStatus(cameraId: string, status: CameraStatus, at?: number): boolean {
    const camera = this.cameras.get(cameraId);
    if (!camera) return false;
    if (at !== undefined) {
      const last = this.statusAt.get(cameraId);
      if (last !== undefined && at < last) return false;
      this.statusAt.set(cameraId, at);
    }
    if (camera.status === status) return true;
    camera.status = status; // the same object is in this.catalog.cameras
    this.options.store.setStatus(cameraId, status);
    this.options.onCameraStatus(cameraId, status);
    return true;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Every pollMs; while the platform is unreachable, sooner (2 s doubling up to pollMs), so a
   * platform that comes back is noticed in seconds, not after a full poll period.
   */
  private scheduleNext(outcome?: RefreshOutcome): void {
    if (this.stopped) return;
    this.unreachableRuns = outcome === 'unreachable' ? this.unreachableRuns + 1 : 0;
    const delay =
      this.unreachableRuns > 0
        ? Math.min(this.options.pollMs, 2000 * 2 ** Math.min(this.unreachableRuns - 1, 10))
        : this.options.pollMs;
    this.timer = setTimeout(() => {
      // null while a refresh is in flight: it schedules the next one (checkNow relies on this).
      this.timer = null;
      void this.refresh().then((next) => this.scheduleNext(next));
    }, delay);
    this.timer.unref?.();
  }

  private async doRefresh(): Promise<RefreshOutcome> {
    const { origin, store, log } = this.options;
    if (origin.kind === 'none') return 'none';
    if (origin.kind === 'file') return this.refreshFile(origin.path);

    try {
      const result = await origin.client.fetch(this.catalog ? store.version() : null);
      if (this.stopped) return 'none';
      this.options.link({ kind: 'http-ok' });
      if (result.kind === 'not-modified') {
        store.confirm(this.now());
        this.markSource('platform');
        return 'unchanged';
      }
      store.replace(result.catalog, 'platform', this.now());
      this.accept(result.catalog, 'platform');
      return 'updated';
    } catch (error) {
      if (this.stopped) return 'none';
      if (error instanceof CatalogFetchError) {
        this.options.link({ kind: 'http-failed', detail: `catalog: ${error.message}` });
        return 'unreachable';
      }
      // The platform answered, with a catalog we cannot use: keep the cache, say why.
      log?.(`catalog: rejected from the platform: ${errorMessage(error)}`);
      this.options.link({ kind: 'http-ok' });
      this.reject(errorMessage(error));
      return 'rejected';
    }
  }

  private async refreshFile(path: string): Promise<RefreshOutcome> {
    const stamp = await statCatalogFile(path);
    if (this.stopped) return 'none';
    const seen = this.fileSeen;
    if (seen && seen.trusted && seen.stamp === stamp.stamp) return this.repeatFile(seen);
    let version: string | null = null;
    let catalog: Catalog;
    try {
      this.fileCounters.reads++;
      const bytes = await readCatalogFileBytes(path);
      if (this.stopped) return 'none';
      version = catalogFileVersion(bytes);
      if (version === this.fileVersion && this.catalog) {
        this.fileSeen = { ...stamp, version, rejected: null };
        return this.repeatFile(this.fileSeen);
      }
      if (seen && seen.version === version && seen.rejected !== null) {
        this.fileSeen = { ...stamp, version, rejected: seen.rejected };
        return this.repeatFile(this.fileSeen);
      }
      this.fileCounters.parses++;
      catalog = parseCatalogFileBytes(path, bytes, version);
    } catch (error) {
      const why = errorMessage(error);
      // Logged once per change of the file (or of why), not at every poll.
      if (seen?.rejected !== why) {
        this.options.log?.(
          `catalog: ${why} (${this.catalog ? 'keeping the cached catalog' : 'no catalog: 0 cameras'})`,
        );
      }
      this.fileSeen = { ...stamp, version, rejected: why };
      this.reject(why);
      return 'rejected';
    }
    this.options.store.replace(catalog, 'file', this.now());
    this.fileVersion = catalog.version;
    this.fileSeen = { ...stamp, version, rejected: null };
    this.accept(catalog, 'file');
    return 'updated';
  }

  /** The file is the one read last time: the same outcome, without reading or logging it. */
  private repeatFile(seen: { rejected: string | null }): RefreshOutcome {
    if (seen.rejected !== null) {
      this.reject(seen.rejected);
      return 'rejected';
    }
    this.markSource('file');
    return 'unchanged';
  }

  private reject(detail: string): void {
    this.problem = detail;
    this.options.link({ kind: 'catalog-rejected', detail });
  }

  private accept(catalog: Catalog, source: 'platform' | 'file'): void {
    this.setCatalog(catalog, source);
    this.problem = null;
    this.options.link({ kind: 'catalog-accepted', source });
    this.options.log?.(
      `catalog: ${catalog.cameras.length} cameras, ${catalog.areas.length} areas from ${source} (${catalog.version})`,
    );
    this.options.onChanged({ version: catalog.version, source });
  }

  /** The catalog held is the source's current one (unchanged): say so, clearing a rejection. */
  private markSource(source: 'platform' | 'file'): void {
    if (this.source === source && this.problem === null) return;
    const changed = this.source !== source;
    this.source = source;
    this.problem = null;
    this.options.link({ kind: 'catalog-accepted', source });
    if (!changed) return;
    if (this.catalog) this.options.onChanged({ version: this.catalog.version, source });
  }

  private setCatalog(catalog: Catalog, source: LinkState['catalogSource']): void {
    this.catalog = catalog;
    this.source = source;
    this.cameras = new Map(catalog.cameras.map((c) => [c.id, c]));
    for (const id of this.statusAt.keys()) if (!this.cameras.has(id)) this.statusAt.delete(id);
  }
}
