/**
 * hls.js 1.7 keeps its per-discontinuity timestamps in a plain array indexed by the discontinuity
 * number (`initPTS[cc]`) and walks it with `.some()` / `.slice()` on every playlist reload and
 * every transmuxed segment. A platform that numbers discontinuities from the wall clock (ours:
 * EXT-X-DISCONTINUITY-SEQUENCE ≈ 1.5·10⁸) turns that into a sparse array of that length: seconds
 * of main-thread work per segment per tile, and a wall that freezes. Measured: `.some()` 3.6 s,
 * `.slice()` 5.6 s for cc = 146,000,000 under Node.
 *
 * The numbers only need to be consistent within one player, so each player rebases them: the
 * first discontinuity sequence it sees becomes 0. Pure text in, text out.
 */
const TAG = /^#EXT-X-DISCONTINUITY-SEQUENCE:\s*(\d+)\s*$/m;

export interface RebaseState {
  /** The first sequence seen by this player; null until then. */
  base: number | null;
}

/** Below this the numbers are harmless; only larger ones are rebased. */
export const REBASE_ABOVE = 10_000;

export function rebaseDiscontinuitySequence(playlist: string, state: RebaseState): string {
  const match = TAG.exec(playlist);
  if (!match) return playlist;
  const value = Number(match[1]);
  if (!Number.isSafeInteger(value)) return playlist;
  if (state.base === null) {
    if (value <= REBASE_ABOVE) return playlist;
    state.base = value;
  }
  // Sequences only grow within a stream; one that went back (a new stream) starts again at 0.
  const rebased = Math.max(0, value - state.base);
  return playlist.replace(TAG, `#EXT-X-DISCONTINUITY-SEQUENCE:${rebased}`);
}
