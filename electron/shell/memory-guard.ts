/**
 * The wall windows' memory guard. A live wall's renderer grows in Chromium's own memory (16 tiles:
 * ~6 MB a minute after the first ten, a bare page of hls.js players on the same streams alike,
 * with a flat JS heap: docs/benchmarks.md), and a wall runs for days. The shell samples every
 * wall renderer's working set once a minute (window-manager.ts); a wall over the limit in
 * `overSamples` samples running is reloaded. All its state lives in the core, so it comes back
 * as it was in a few seconds, and says why (`?notice=memory`, renderer/wall/use-reload-notice.ts).
 * One wall per sample, the largest first, so the hall never goes dark at once; a wall reloaded
 * is left alone for `coolDownMs` (a limit set below what a fresh wall takes must not reload it
 * in a loop).
 * Pure (no Electron), so the policy is tested on numbers.
 */

export interface WallMemorySample {
  wallId: number;
  /** The wall renderer's working set, MB. */
  mb: number;
}

export interface MemoryGuardOptions {
  /** MB; 0 turns the guard off. */
  limitMb: number;
  /** Samples over the limit in a row before a reload (one sample can be a passing peak). */
  overSamples?: number;
  /** A reloaded wall is not reloaded again sooner than this. */
  coolDownMs?: number;
}

/** Sampling period of the shell (one sample a minute per wall). */
export const MEMORY_SAMPLE_MS = 60_000;

export class MemoryGuard {
  private readonly over = new Map<number, number>();
  private readonly reloadedAt = new Map<number, number>();
  private readonly overSamples: number;
  private readonly coolDownMs: number;

  constructor(private readonly options: MemoryGuardOptions) {
    this.overSamples = options.overSamples ?? 2;
    this.coolDownMs = options.coolDownMs ?? 30 * 60_000;
  }

  /** One sample of every open wall; the wall to reload now, or null. */
  check(samples: readonly WallMemorySample[], now: number): WallMemorySample | null {
    if (this.options.limitMb <= 0) return null;
    const open = new Set(samples.map((s) => s.wallId));
    for (const wallId of [...this.over.keys()]) if (!open.has(wallId)) this.over.delete(wallId);
    for (const { wallId, mb } of samples) {
      if (mb > this.options.limitMb) this.over.set(wallId, (this.over.get(wallId) ?? 0) + 1);
      else this.over.delete(wallId);
    }
    const due = samples
      .filter((s) => (this.over.get(s.wallId) ?? 0) >= this.overSamples)
      .filter((s) => now - (this.reloadedAt.get(s.wallId) ?? -Infinity) >= this.coolDownMs)
      .sort((a, b) => b.mb - a.mb);
    const chosen = due[0];
    if (!chosen) return null;
    this.over.delete(chosen.wallId);
    this.reloadedAt.set(chosen.wallId, now);
    return chosen;
  }
}
