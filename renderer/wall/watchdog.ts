/**
 * The tile watchdog's decision, once a second: frames must keep coming and be new, whatever the
 * player says. Pure, so the rules are tested without a browser.
 */
import { RESTART_AFTER_MS, STALL_AFTER_MS } from './hls-config';
import type { PlayerState } from './tile-state';

export interface WatchdogFacts {
  current: PlayerState;
  /** ms since the playhead last moved (time the page itself was starved not counted). */
  stillMs: number;
  /** The live playlist has stopped growing: whatever plays is old. */
  stale: boolean;
}

export type WatchdogAction = 'stalled' | 'playing' | 'restart' | null;

export function watchdogStep({ current, stillMs, stale }: WatchdogFacts): WatchdogAction {
  const moving = stillMs < STALL_AFTER_MS;
  if (current === 'playing') return !moving || stale ? 'stalled' : null;
  if (current === 'stalled' && moving && !stale) return 'playing';
  // A new player replaying a window that no longer grows.
  if (current === 'connecting' && moving && stale) return 'stalled';
  if ((current === 'stalled' || current === 'connecting') && stillMs >= RESTART_AFTER_MS) {
    return 'restart';
  }
  return null;
}
