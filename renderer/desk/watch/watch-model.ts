/**
 * The watch screens' plain-value helpers (no React, no DOM): where a rotation stands in its
 * cycle, tour run counts, the editors' list moves, hall-time labels, pin expiries, the
 * cameras under a tree area, and tour windows as the editor holds them.
 * Unit-tested in tests/unit/watch-desk-model.test.ts.
 */
import type {
  RotationGroup,
  RotationView,
  TourRunState,
  TourWindow,
} from '../../../shared/domain/watch';
import { formatShort } from '../../../shared/domain/time/hall-time';
import type { CameraTree } from '../../common/camera-tree';

/**
 * "Page x of y" within one pass through the group. The core numbers pages since the start
 * (1, 2, 3 …); a chief wants to know how far through the group the wall is. The page size is
 * the number of tiles a full page fills (the larger of this and the next page: a short last
 * page must not shrink it).
 */
export function cyclePosition(
  view: Pick<RotationView, 'page' | 'nextPage'>,
  cameraCount: number,
): { page: number; of: number } {
  const slots = Math.max(1, view.page.tiles.length, view.nextPage.tiles.length);
  const of = Math.max(1, Math.ceil(cameraCount / slots));
  const page = Math.min(of, Math.floor(view.page.cursor / slots) + 1);
  return { page, of };
}

/** 'MM-DD HH:MM' in the hall's time zone; the year is left out on the same year as `now`. */
export function hallShort(ms: number, zone: string, now = Date.now()): string {
  return formatShort(ms, now, zone);
}

export interface RunCounts {
  marked: number;
  missed: number;
  open: number;
}

export function runCounts(run: Pick<TourRunState, 'stops'>): RunCounts {
  const counts = { marked: 0, missed: 0, open: 0 };
  for (const s of run.stops) {
    if (s.outcome === null) counts.open++;
    else if (s.outcome === 'missed') counts.missed++;
    else counts.marked++;
  }
  return counts;
}

/** The list with item `from` moved by `by` places (clamped); the same list when it cannot move. */
export function moveItem<T>(list: readonly T[], from: number, by: number): T[] {
  const to = Math.min(list.length - 1, Math.max(0, from + by));
  if (from < 0 || from >= list.length || to === from) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1) as [T];
  next.splice(to, 0, item);
  return next;
}

/** `ids` appended to `list`, keeping the first occurrence of each id and the list's order. */
export function appendUnique(list: readonly string[], ids: readonly string[]): string[] {
  const seen = new Set(list);
  const next = [...list];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    next.push(id);
  }
  return next;
}

export const pinExpiries = ['h1', 'h4', 'h8', 'never'] as const;
export type PinExpiry = (typeof pinExpiries)[number];
const expiryHours: Record<PinExpiry, number | null> = { h1: 1, h4: 4, h8: 8, never: null };

export function expiryAt(choice: PinExpiry, now: number): number | null {
  const hours = expiryHours[choice];
  return hours === null ? null : now + hours * 3600_000;
}

/** A fresh id the contract accepts (letters, digits, - and _). */
export function newWatchId(prefix: string, now = Date.now()): string {
  return `${prefix}-${now.toString(36)}${Math.floor(Math.random() * 1296)
    .toString(36)
    .padStart(2, '0')}`;
}

/** Seconds typed in a form → the contract's ms (NaN stays NaN, for the contract to refuse). */
export const secondsToMs = (seconds: number): number => Math.round(seconds * 1000);

/** Every camera under an area (a region, zone or grid), in tree order, at most `limit`. */
export function camerasUnder(tree: CameraTree, areaId: string, limit: number): string[] {
  const out: string[] = [];
  const stack = [areaId];
  const seen = new Set<string>();
  while (stack.length > 0 && out.length < limit) {
    const id = stack.shift() as string;
    if (seen.has(id)) continue; // a cycle in bad data
    seen.add(id);
    for (const camera of tree.camerasByGrid.get(id) ?? []) {
      if (out.length >= limit) break;
      out.push(camera.id);
    }
    stack.unshift(...(tree.children.get(id) ?? []).map((a) => a.id));
  }
  return out;
}

/** The group's target as words' parts: which wall, and which tiles (1-based) or all. */
export function targetTiles(group: Pick<RotationGroup, 'target'>): number[] | null {
  const tiles = group.target.tileIndices;
  return tiles && tiles.length > 0 ? [...tiles].sort((a, b) => a - b).map((i) => i + 1) : null;
}

/** A tour window as the editor holds it (days as a kind plus the specific weekdays). */
export interface WindowDraft {
  start: string;
  end: string;
  kind: 'daily' | 'weekdays' | 'weekends' | 'specific';
  weekdays: number[];
  from: string;
  until: string;
}

export function windowToDraft(w: TourWindow): WindowDraft {
  return {
    start: w.start,
    end: w.end,
    kind: Array.isArray(w.days) ? 'specific' : w.days,
    weekdays: Array.isArray(w.days) ? [...w.days] : [],
    from: w.from ?? '',
    until: w.until ?? '',
  };
}

/** The window the contract takes; an empty weekday list goes as is, for the contract to refuse. */
export function draftToWindow(d: WindowDraft): TourWindow {
  return {
    start: d.start,
    end: d.end,
    days: d.kind === 'specific' ? [...d.weekdays].sort((a, b) => a - b) : d.kind,
    ...(d.from ? { from: d.from } : {}),
    ...(d.until ? { until: d.until } : {}),
  };
}
