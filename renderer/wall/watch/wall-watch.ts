/**
 * What a wall shows of the watch modes (issue #4), as pure functions over the core's states:
 * which camera each tile wants now and which it should warm (a rotation's next page), and what
 * each tile is doing for the watch (rotating, pinned, pulled by an alert, a tour's stop).
 *
 * Precedence on one tile, highest first: a tour's stop (the watcher must see it), an alert's
 * pulled camera, a rotation's page, the wall's own assignment (pins are written there by the
 * core, so a pinned tile shows its camera as an assignment, with a badge). The core keeps pinned
 * and pulled tiles out of rotations; a tour's tile is not, so the tour wins it while it runs.
 */
import type {
  FocusPin,
  FocusPull,
  FocusState,
  RotationState,
  RunningRotation,
  UnshownAlert,
} from '../../../shared/contract/watch';
import type { RotationPage, RotationView } from '../../../shared/domain/watch';

/** The page a wall shows at `now` and the page it should be warming (null: none). */
export function rotationPageAt(
  view: RotationView,
  now: number,
): { page: RotationPage; warm: RotationPage | null } {
  if (view.paused) return { page: view.page, warm: null };
  // Past swapAt the next page is on, before the core's event says so (it follows in a moment).
  if (now >= view.swapAt) return { page: view.nextPage, warm: null };
  const warming = view.prewarmAt !== null && now >= view.prewarmAt;
  return { page: view.page, warm: warming ? view.nextPage : null };
}

/** The next instant at which rotationPageAt's answer changes (null: none ahead). */
export function nextRotationChange(view: RotationView, now: number): number | null {
  if (view.paused) return null;
  const times = [view.prewarmAt, view.swapAt].filter((t): t is number => t !== null && t > now);
  return times.length > 0 ? Math.min(...times) : null;
}

export interface RotationStatus {
  groupId: string;
  name: string;
  /** 1-based place of the page in the group's list, and how many pages the list makes. */
  page: number;
  pages: number;
  paused: boolean;
  reasons: RotationView['pauses'];
  /** Offline cameras passed over on this page, and since the rotation started. */
  skippedNow: number;
  skippedTotal: number;
  /** ms left on the page (while paused: what was left when it paused). */
  remainingMs: number;
  dwellMs: number;
}

/** The status line of a rotating wall (the view carries its group's name and size). */
export function rotationStatus(view: RunningRotation, now: number): RotationStatus {
  const { page } = rotationPageAt(view, now);
  const slots = Math.max(1, view.page.tiles.length, view.nextPage.tiles.length);
  const pages = Math.max(1, Math.ceil(view.cameraCount / slots));
  const swapped = page !== view.page;
  const remainingMs = view.paused
    ? (view.remainingMs ?? 0)
    : swapped
      ? page.dwellMs
      : Math.max(0, view.swapAt - now);
  return {
    groupId: view.groupId,
    name: view.name,
    page: Math.min(pages, Math.floor(page.cursor / slots) + 1),
    pages,
    paused: view.paused,
    reasons: view.pauses,
    skippedNow: page.skipped.length,
    skippedTotal: view.skipCount + (swapped ? page.skipped.length : 0),
    remainingMs,
    dwellMs: page.dwellMs,
  };
}

/** This wall's running rotation, if any. */
export function wallRotation(
  state: RotationState | undefined,
  wallId: number,
): { view: RunningRotation } | null {
  const view = state?.running.find((r) => r.wallId === wallId);
  return view ? { view } : null;
}

export type TileWatch =
  | { kind: 'rotation' }
  | { kind: 'pin'; pin: FocusPin }
  | { kind: 'pull'; pull: FocusPull; distanceM: number; reason: string }
  | { kind: 'tour' };

export interface TilePlan {
  /** The camera the tile wants on screen now. */
  cameraId: string | null;
  /** The camera it should warm behind the one on screen (a rotation's next page). */
  warmCameraId: string | null;
  watch: TileWatch | null;
}

export interface WallWatchInput {
  wallId: number;
  /** The wall's own assignments, tile order. */
  assigned: readonly (string | null)[];
  rotation: { page: RotationPage; warm: RotationPage | null } | null;
  focus: FocusState | undefined;
  /** A tour's open stop on this wall. */
  tour: { tileIndex: number; cameraId: string } | null;
}

/** Each tile's camera (now, and to warm) and what it is doing for the watch. */
export function planTiles(input: WallWatchInput): TilePlan[] {
  const { wallId, assigned, rotation, focus, tour } = input;
  const plans: TilePlan[] = assigned.map((cameraId) => ({
    cameraId,
    warmCameraId: null,
    watch: null,
  }));
  const at = (i: number): TilePlan | undefined => plans[i];
  for (const pin of focus?.pins ?? []) {
    const p = pin.wallId === wallId ? at(pin.tileIndex) : undefined;
    if (p) p.watch = { kind: 'pin', pin };
  }
  for (const t of rotation?.page.tiles ?? []) {
    const p = at(t.tileIndex);
    if (p) Object.assign(p, { cameraId: t.cameraId, watch: { kind: 'rotation' } });
  }
  for (const t of rotation?.warm?.tiles ?? []) {
    const p = at(t.tileIndex);
    if (p && p.watch?.kind === 'rotation') p.warmCameraId = t.cameraId;
  }
  for (const pull of focus?.pulls ?? []) {
    if (pull.wallId !== wallId) continue;
    for (const t of pull.tiles) {
      const p = at(t.tileIndex);
      if (!p) continue;
      Object.assign(p, {
        cameraId: t.cameraId,
        warmCameraId: null,
        watch: { kind: 'pull', pull, distanceM: t.distanceM, reason: t.reason },
      });
    }
  }
  if (tour) {
    const p = at(tour.tileIndex);
    if (p)
      Object.assign(p, { cameraId: tour.cameraId, warmCameraId: null, watch: { kind: 'tour' } });
  }
  for (const p of plans) if (p.warmCameraId === p.cameraId) p.warmCameraId = null;
  return plans;
}

/** The alerts meant for this wall that it does not show (the wall's counter). */
export function unshownOn(focus: FocusState | undefined, wallId: number): UnshownAlert[] {
  return (focus?.unshown ?? []).filter((u) => u.wallId === wallId);
}
