/**
 * Automatic rotation (自动轮巡), as pure functions over plain values.
 *
 * A rotation group pages its cameras through a set of tiles of one wall. A page is the next
 * `slots` cameras that are online, starting at a cursor into the group's list; offline cameras
 * are passed over (and reported as skipped), so a camera that comes back rejoins on the next pass.
 * All tiles of a page change together at `swapAt`. A page stays for the longest dwell of its
 * cameras (the group's dwell, or a camera's override).
 *
 * The running state is a plain JSON value: the core persists it, so a wall that reloads (or a
 * core that restarts) resumes the same page at the same time.
 */
export interface RotationTarget {
  wallId: number;
  /** The tiles the group rotates through; omitted: every tile of the wall. */
  tileIndices?: number[];
}

export interface RotationGroup {
  id: string;
  name: string;
  /** In paging order. */
  cameraIds: string[];
  /** How long a page stays, ms. */
  dwellMs: number;
  /** A camera's own dwell, ms: a page holding it stays at least that long. */
  dwellOverrides: Record<string, number>;
  target: RotationTarget;
}

/** Why a rotation is paused: the operator asked, or a tile is enlarged, or playback is on. */
export const pauseReasons = ['operator', 'enlarge', 'playback'] as const;
export type PauseReason = (typeof pauseReasons)[number];

export interface RotationPage {
  /** 1, 2, 3 … since the rotation started. */
  number: number;
  /** Index into the group's cameraIds where this page starts. */
  cursor: number;
  /** Tile index → camera, in tile order; tiles beyond the online cameras are left out. */
  tiles: { tileIndex: number; cameraId: string }[];
  /** Cameras passed over because they were offline when the page was made. */
  skipped: string[];
  dwellMs: number;
}

export interface RotationRun {
  groupId: string;
  wallId: number;
  page: RotationPage;
  /** ms since epoch. */
  pageStartedAt: number;
  /** When the next page replaces this one; while paused, the time it would have been. */
  swapAt: number;
  /** While paused: the time left on the page when it paused. */
  remainingMs: number | null;
  pauses: PauseReason[];
  /** Offline cameras skipped since the rotation started. */
  skipCount: number;
}

/** What a wall needs to follow a rotation (the `rotation` event carries one per wall). */
export interface RotationView extends RotationRun {
  paused: boolean;
  /** The page after this one, as it stands now (statuses may still change it). */
  nextPage: RotationPage;
  /** When the wall should start warming the next page's players (hidden), ms since epoch. */
  prewarmAt: number | null;
}

export type IsOnline = (cameraId: string) => boolean;

/** How long before a swap the wall starts warming the next page (hidden players). */
export const defaultPrewarmMs = 3000;

function pageDwell(group: RotationGroup, cameraIds: readonly string[]): number {
  let dwell = group.dwellMs;
  for (const id of cameraIds) dwell = Math.max(dwell, group.dwellOverrides[id] ?? 0);
  return dwell;
}

/**
 * The page starting at `cursor`: the next `tiles.length` online cameras, in order, wrapping at
 * the end of the list but never showing a camera twice on one page.
 */
export function planPage(
  group: RotationGroup,
  cursor: number,
  tiles: readonly number[],
  isOnline: IsOnline,
  number = 1,
): RotationPage & { nextCursor: number } {
  const n = group.cameraIds.length;
  const start = n === 0 ? 0 : ((cursor % n) + n) % n;
  const shown: string[] = [];
  const skipped: string[] = [];
  let i = 0;
  for (; i < n && shown.length < tiles.length; i++) {
    const id = group.cameraIds[(start + i) % n] as string;
    if (isOnline(id)) shown.push(id);
    else skipped.push(id);
  }
  return {
    number,
    cursor: start,
    tiles: shown.map((cameraId, k) => ({ tileIndex: tiles[k] as number, cameraId })),
    skipped,
    dwellMs: pageDwell(group, shown),
    nextCursor: n === 0 ? 0 : (start + i) % n,
  };
}

/** Where the page before the one at `cursor` starts (walking back over online cameras). */
export function previousCursor(
  group: RotationGroup,
  cursor: number,
  slots: number,
  isOnline: IsOnline,
): number {
  const n = group.cameraIds.length;
  if (n === 0) return 0;
  let found = 0;
  let c = cursor;
  for (let i = 0; i < n && found < slots; i++) {
    c = (c - 1 + n) % n;
    if (isOnline(group.cameraIds[c] as string)) found++;
  }
  return c;
}

export function startRotation(
  group: RotationGroup,
  tiles: readonly number[],
  isOnline: IsOnline,
  now: number,
): RotationRun {
  const { nextCursor: _next, ...page } = planPage(group, 0, tiles, isOnline, 1);
  return {
    groupId: group.id,
    wallId: group.target.wallId,
    page,
    pageStartedAt: now,
    swapAt: now + page.dwellMs,
    remainingMs: null,
    pauses: [],
    skipCount: page.skipped.length,
  };
}

function showPage(
  run: RotationRun,
  group: RotationGroup,
  cursor: number,
  tiles: readonly number[],
  isOnline: IsOnline,
  at: number,
): RotationRun {
  const { nextCursor: _next, ...page } = planPage(
    group,
    cursor,
    tiles,
    isOnline,
    run.page.number + 1,
  );
  const paused = run.pauses.length > 0;
  return {
    ...run,
    page,
    pageStartedAt: at,
    swapAt: at + page.dwellMs,
    remainingMs: paused ? page.dwellMs : null,
    skipCount: run.skipCount + page.skipped.length,
  };
}

const nextCursorOf = (run: RotationRun, group: RotationGroup): number => {
  const n = group.cameraIds.length;
  if (n === 0) return 0;
  // The page's last camera is at cursor + shown + skipped - 1.
  return (run.page.cursor + run.page.tiles.length + run.page.skipped.length) % n;
};

/**
 * Advance to the page due at `now`. Pages due while the core was away (a restart, a sleep) are
 * paged through in order, each at its own swap time, so the rotation lands where it would have
 * been (at most `maxSteps` pages; beyond that it starts afresh at `now`).
 */
export function tick(
  run: RotationRun,
  group: RotationGroup,
  tiles: readonly number[],
  isOnline: IsOnline,
  now: number,
  maxSteps = 10_000,
): RotationRun {
  if (run.pauses.length > 0) return run;
  let r = run;
  for (let step = 0; now >= r.swapAt; step++) {
    const at = step < maxSteps ? r.swapAt : now;
    r = showPage(r, group, nextCursorOf(r, group), tiles, isOnline, at);
    if (group.cameraIds.length === 0 || r.page.dwellMs <= 0) break;
  }
  return r;
}

/** The operator's "next page": now, paused or not (a paused rotation stays paused on it). */
export function nextPage(
  run: RotationRun,
  group: RotationGroup,
  tiles: readonly number[],
  isOnline: IsOnline,
  now: number,
): RotationRun {
  return showPage(run, group, nextCursorOf(run, group), tiles, isOnline, now);
}

export function previousPage(
  run: RotationRun,
  group: RotationGroup,
  tiles: readonly number[],
  isOnline: IsOnline,
  now: number,
): RotationRun {
  const cursor = previousCursor(group, run.page.cursor, tiles.length, isOnline);
  return showPage(run, group, cursor, tiles, isOnline, now);
}

/** Re-plan the current page in place (the tiles changed: a pin, a pulled alert tile). */
export function replan(
  run: RotationRun,
  group: RotationGroup,
  tiles: readonly number[],
  isOnline: IsOnline,
): RotationRun {
  const { nextCursor: _next, ...page } = planPage(
    group,
    run.page.cursor,
    tiles,
    isOnline,
    run.page.number,
  );
  return { ...run, page };
}

export function pause(run: RotationRun, reason: PauseReason, now: number): RotationRun {
  if (run.pauses.includes(reason)) return run;
  const remainingMs = run.pauses.length > 0 ? run.remainingMs : Math.max(0, run.swapAt - now);
  return { ...run, pauses: [...run.pauses, reason], remainingMs };
}

/** Lifts one reason; the page goes on (with the time it had left) when no reason remains. */
export function resume(run: RotationRun, reason: PauseReason, now: number): RotationRun {
  if (!run.pauses.includes(reason)) return run;
  const pauses = run.pauses.filter((p) => p !== reason);
  if (pauses.length > 0) return { ...run, pauses };
  const remaining = run.remainingMs ?? 0;
  return { ...run, pauses, remainingMs: null, swapAt: now + remaining };
}

export function rotationView(
  run: RotationRun,
  group: RotationGroup,
  tiles: readonly number[],
  isOnline: IsOnline,
  prewarmMs = defaultPrewarmMs,
): RotationView {
  const { nextCursor: _next, ...next } = planPage(
    group,
    nextCursorOf(run, group),
    tiles,
    isOnline,
    run.page.number + 1,
  );
  const paused = run.pauses.length > 0;
  return {
    ...run,
    paused,
    nextPage: next,
    prewarmAt: paused ? null : Math.max(run.pageStartedAt, run.swapAt - prewarmMs),
  };
}

/** The tiles a group rotates through on a wall of `tileCount` tiles, less pinned ones. */
export function rotationTiles(
  target: RotationTarget,
  tileCount: number,
  reserved: ReadonlySet<number>,
): number[] {
  const all = target.tileIndices ?? Array.from({ length: tileCount }, (_, i) => i);
  return [...new Set(all)]
    .filter((i) => i >= 0 && i < tileCount && !reserved.has(i))
    .sort((a, b) => a - b);
}
