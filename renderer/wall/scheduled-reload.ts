/**
 * The browser host's answer to a wall's memory (issue #14 item 7). A live wall's renderer grows in
 * Chromium's own memory (~6 MB a minute at 16 tiles, a bare page of hls.js players alike, a flat
 * JS heap), and recycling each tile's players does not give it back (measured: docs/benchmarks.md,
 * "Memory: does recycling the players give it back?"). Under Electron the shell reloads a wall over
 * `walls.memoryLimitMb` (electron/shell/memory-guard.ts); a wall page in a browser cannot read its
 * renderer's memory, so it reloads itself after `walls.pageReloadHours`, at a calm moment: no
 * tile enlarged, played back, pulled by an alert or held by a tour's open stop (a watcher at work
 * is not interrupted). A wall that is never calm reloads anyway an hour later; never while the host
 * does not answer (the reload would leave a browser error page on the wall). All its state lives
 * in the core: it comes back as it was in a few seconds, and says why (`?notice=schedule`).
 * Pure, so the policy is tested on numbers.
 */

/** How often the page looks whether it is time (and calm). */
export const SCHEDULED_RELOAD_CHECK_MS = 30_000;
/** Past the due time, how long a wall waits for a calm moment before it reloads anyway. */
export const SCHEDULED_RELOAD_GRACE_MS = 60 * 60_000;

export interface ReloadCheck {
  /** How long this page has been up, ms. */
  ageMs: number;
  /** `walls.pageReloadHours` (0: never). */
  hours: number;
  /** Nothing on the wall a watcher is working with right now. */
  calm: boolean;
  /** The host answers (the page's socket is connected): never reload without it. */
  reachable: boolean;
}

export function scheduledReloadDue({ ageMs, hours, calm, reachable }: ReloadCheck): boolean {
  if (!(hours > 0) || !reachable) return false;
  const dueMs = hours * 3_600_000;
  if (ageMs < dueMs) return false;
  return calm || ageMs >= dueMs + SCHEDULED_RELOAD_GRACE_MS;
}

/** The page's own URL with the reason for the reload on it (read by use-reload-notice.ts). */
export function reloadUrl(href: string): string {
  const url = new URL(href);
  url.searchParams.set('notice', 'schedule');
  return url.href;
}
