/**
 * The write path of unit positions: fixes from MQTT are queued and written every `flushMs`
 * (250 ms) in one transaction, so 400 units at 1 Hz cost four commits a second, not 400, and a
 * burst (a broker replaying after a reconnect) is absorbed in the same way. Pruning by the
 * retention setting runs once at start and then every `pruneEveryMs`; it also forgets units whose
 * latest fix is older than the retention (ids published once and never again), in the cache and,
 * through `onUnitsPruned`, in the unit service's memory.
 *
 * The queue is bounded: if the disk stalls for long, the oldest queued fixes are dropped (and
 * counted) rather than the process running out of memory.
 */
import type { PositionRow, PositionStore } from '../cache/position-store';

export interface PositionIngestOptions {
  store: PositionStore;
  /** ms between flushes. Default 250. */
  flushMs?: number;
  /** Keep this many days of positions (config map.trackRetentionDays). */
  retentionDays: number;
  /** ms between prunes. Default 1 h. */
  pruneEveryMs?: number;
  /** Most fixes held in memory between flushes. Default 200,000 (~8 min of 400 units). */
  maxQueued?: number;
  now?: () => number;
  log?: (line: string) => void;
}

export interface IngestCounters {
  received: number;
  written: number;
  /** Repeated fixes (same unit, same time) the store ignored. */
  duplicates: number;
  /** Dropped because the queue was full. */
  overflow: number;
  pruned: number;
  /** Units forgotten: no fix within the retention. */
  unitsPruned: number;
  flushes: number;
  /** Slowest flush so far, ms. */
  maxFlushMs: number;
}

export class PositionIngest {
  private queue: PositionRow[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private pruneTimer: NodeJS.Timeout | null = null;
  readonly counters: IngestCounters = {
    received: 0,
    written: 0,
    duplicates: 0,
    overflow: 0,
    pruned: 0,
    unitsPruned: 0,
    flushes: 0,
    maxFlushMs: 0,
  };
  private readonly now: () => number;
  private pruning = false;
  private stopped = false;
  private readonly pruneListeners: ((cutoffMs: number, unitIds: string[]) => void)[] = [];

  constructor(private readonly options: PositionIngestOptions) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (this.flushTimer) return;
    this.flushTimer = setInterval(() => this.flush(), this.options.flushMs ?? 250);
    this.flushTimer.unref?.();
    void this.prune();
    this.pruneTimer = setInterval(() => void this.prune(), this.options.pruneEveryMs ?? 3_600_000);
    this.pruneTimer.unref?.();
  }

  /** Queues one fix (called per MQTT message). */
  add(row: PositionRow): void {
    this.counters.received++;
    this.queue.push(row);
    const max = this.options.maxQueued ?? 200_000;
    if (this.queue.length > max) {
      const drop = this.queue.length - max;
      this.queue.splice(0, drop);
      this.counters.overflow += drop;
    }
  }

  /** Writes everything queued in one transaction; returns rows written. */
  flush(): number {
    if (this.queue.length === 0) return 0;
    const batch = this.queue;
    this.queue = [];
    const t0 = performance.now();
    try {
      const written = this.options.store.add(batch);
      this.counters.written += written;
      this.counters.duplicates += batch.length - written;
      this.counters.flushes++;
      this.counters.maxFlushMs = Math.max(this.counters.maxFlushMs, performance.now() - t0);
      return written;
    } catch (error) {
      // The disk refused (full, locked too long): keep the batch for the next flush.
      this.queue = batch.concat(this.queue);
      this.options.log?.(`map: writing positions failed: ${String(error)}`);
      return 0;
    }
  }

  pending(): number {
    return this.queue.length;
  }

  /** Called after each prune that forgot units, with the cutoff and their ids. */
  onUnitsPruned(listener: (cutoffMs: number, unitIds: string[]) => void): void {
    this.pruneListeners.push(listener);
  }

  /**
   * Deletes positions older than the retention, one unit per statement with a turn of the event
   * loop between units: an hour of 400 units is ~1.4 M rows, and deleting them in one go would
   * hold the main thread for a second or more.
   */
  async prune(): Promise<number> {
    if (this.pruning) return 0;
    this.pruning = true;
    const cutoff = this.now() - this.options.retentionDays * 86_400_000;
    let n = 0;
    try {
      for (const id of this.options.store.unitIds()) {
        if (this.stopped) break;
        n += this.options.store.pruneUnit(id, cutoff);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      this.counters.pruned += n;
      if (n > 0) {
        this.options.log?.(`map: pruned ${n} positions older than ${this.options.retentionDays} d`);
      }
      if (!this.stopped) {
        const gone = this.options.store.pruneUnits(cutoff);
        if (gone.length > 0) {
          this.counters.unitsPruned += gone.length;
          this.options.log?.(
            `map: forgot ${gone.length} units without a fix for ${this.options.retentionDays} d`,
          );
          for (const listener of this.pruneListeners) listener(cutoff, gone);
        }
      }
    } catch (error) {
      if (!this.stopped) this.options.log?.(`map: pruning positions failed: ${String(error)}`);
    } finally {
      this.pruning = false;
    }
    return n;
  }

  /** Stops the timers and writes what is queued. */
  stop(): void {
    this.stopped = true;
    if (this.flushTimer) clearInterval(this.flushTimer);
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.flushTimer = null;
    this.pruneTimer = null;
    this.flush();
  }
}
