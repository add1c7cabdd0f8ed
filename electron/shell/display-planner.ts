/**
 * Where each window goes, as plain functions over the display list (VS Code's
 * windowsStateHandler style): no Electron import, so it is unit-tested under Node with made-up
 * display lists.
 *
 * The rules:
 * - Displays are read like a page: rows top to bottom, each row left to right. A fresh hall numbers
 *   its walls 1, 2, 3 … in that order.
 * - The desk goes to the display it was on last time, else the primary display, else the first one.
 * - Every other display shows one wall, fullscreen. With a single display the desk and one wall
 *   share it (the wall as an ordinary window), so a laptop still shows both.
 * - Numbering is stable: a wall stays on the display it was on last time. A wall whose display is
 *   gone follows its fallback: `merge` opens it as an ordinary window on the desk's display (so the
 *   watcher still sees it), `park` opens no window (the core keeps its state; it comes back when
 *   the display does). A display nobody remembers adopts the lowest orphaned wall (a replaced
 *   monitor, or an id the OS changed), and only then gets a new number.
 * - A video-wall controller that shows as one huge display is split into logical monitors when the
 *   config says so (`walls.splitDisplays`: every display of that size, cols × rows). Each logical
 *   monitor is a display of its own to the rules above, with a stable id derived from the real
 *   one, and its wall is a frameless `panel` window on exactly that rectangle (fullscreen or kiosk
 *   would cover the whole controller).
 */
import { logicalMonitors } from '../../shared/domain/layouts/logical-monitors';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The subset of Electron's `Display` the planner reads (`screen.getAllDisplays()` shape). */
export interface DisplayInfo {
  id: number;
  bounds: Rect;
  workArea: Rect;
  scaleFactor: number;
  internal?: boolean;
}

export type WallFallback = 'merge' | 'park';

export interface SavedWall {
  wallId: number;
  /** The display the wall was on last time. */
  displayId?: number;
  fallback: WallFallback;
}

/** What the shell remembers between runs (display-memory.ts stores it). */
export interface SavedDisplayLayout {
  walls: SavedWall[];
  deskDisplayId?: number;
}

export type WallWindowMode =
  /** Fullscreen kiosk window on its own display. */
  | 'fullscreen'
  /** Frameless, exactly on one logical monitor of a split display (not OS fullscreen). */
  | 'panel'
  /** An ordinary window (single display, or a wall merged onto the desk's display). */
  | 'windowed'
  /** No window: its display is gone and its fallback is `park`. */
  | 'parked';

export interface DeskWindowPlan {
  displayId: number;
  bounds: Rect;
}

export interface WallWindowPlan {
  wallId: number;
  mode: WallWindowMode;
  /** The display the window is on (null when parked). */
  displayId: number | null;
  /** Window bounds (null when parked). */
  bounds: Rect | null;
  /** Why the wall is not fullscreen on its own display, for the log. */
  note?: string;
}

export interface WindowPlan {
  desk: DeskWindowPlan;
  /** Sorted by wallId. */
  walls: WallWindowPlan[];
  /** Walls the core keeps state for: 1..wallCount (parked walls included). */
  wallCount: number;
  /** What to remember for next time. */
  layout: SavedDisplayLayout;
}

export interface PlanOptions {
  /** `screen.getPrimaryDisplay().id`. */
  primaryDisplayId?: number;
  /** Fallback for walls the planner numbers for the first time. */
  defaultFallback?: WallFallback;
  /** Displays to split into logical monitors (config `walls.splitDisplays`). */
  splits?: readonly DisplaySplit[];
}

/** Every display of `width`×`height` (DIP, as the OS reports it) becomes cols × rows monitors. */
export interface DisplaySplit {
  width: number;
  height: number;
  cols: number;
  rows: number;
}

/** A display the planner places windows on: a real one, or one logical monitor of a split one. */
export interface PlannedDisplay extends DisplayInfo {
  /** Set for a logical monitor: the real display it is part of. */
  splitOf?: number;
}

/**
 * The id of logical monitor `index` (0-based, reading order) of real display `realId`: negative,
 * so it never meets a real id (Electron's are non-negative), and the same on every run, so a
 * wall's remembered display survives a restart.
 */
export function logicalDisplayId(realId: number, index: number): number {
  return -(realId * 64 + index + 1);
}

/** The displays with every split one replaced by its logical monitors. Bad splits are left whole. */
export function expandDisplays(
  displays: readonly DisplayInfo[],
  splits: readonly DisplaySplit[] = [],
): PlannedDisplay[] {
  return displays.flatMap((display): PlannedDisplay[] => {
    const split = splits.find(
      (s) => s.width === display.bounds.width && s.height === display.bounds.height,
    );
    if (!split || split.cols * split.rows <= 1) return [display];
    let rects;
    try {
      rects = logicalMonitors(display.bounds, split);
    } catch {
      return [display];
    }
    return rects.map((bounds, index) => ({
      id: logicalDisplayId(display.id, index),
      bounds,
      workArea: bounds,
      scaleFactor: display.scaleFactor,
      splitOf: display.id,
    }));
  });
}

const verticalCenter = (r: Rect) => r.y + r.height / 2;

/**
 * Displays in reading order: rows top to bottom, each row left to right. A display joins a row
 * when its vertical centre lies inside the row's first display (monitors of different heights, or
 * slightly misaligned in the OS settings, still form one row).
 */
export function readingOrder<T extends DisplayInfo>(displays: readonly T[]): T[] {
  const byTop = [...displays].sort(
    (a, b) => verticalCenter(a.bounds) - verticalCenter(b.bounds) || a.bounds.x - b.bounds.x,
  );
  const rows: T[][] = [];
  for (const display of byTop) {
    const row = rows.find((r) => {
      const first = r[0]!.bounds;
      const c = verticalCenter(display.bounds);
      return c >= first.y && c < first.y + first.height;
    });
    if (row) row.push(display);
    else rows.push([display]);
  }
  return rows.flatMap((row) => row.sort((a, b) => a.bounds.x - b.bounds.x || a.id - b.id));
}

/** An ordinary window inside a work area: two thirds of it, cascaded by `step`. */
export function windowedBounds(workArea: Rect, step: number): Rect {
  const width = Math.max(480, Math.round((workArea.width * 2) / 3));
  const height = Math.max(320, Math.round((workArea.height * 2) / 3));
  const offset = 32 * step;
  const maxX = workArea.x + Math.max(0, workArea.width - width);
  const maxY = workArea.y + Math.max(0, workArea.height - height);
  return {
    x: Math.min(workArea.x + Math.round((workArea.width - width) / 2) + offset, maxX),
    y: Math.min(workArea.y + Math.round((workArea.height - height) / 2) + offset, maxY),
    width: Math.min(width, workArea.width),
    height: Math.min(height, workArea.height),
  };
}

function isPositiveInt(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n > 0;
}

/** Drops duplicate and invalid entries from a saved layout (it is a file a person may edit). */
export function normalizeLayout(saved: SavedDisplayLayout | null | undefined): SavedDisplayLayout {
  const walls: SavedWall[] = [];
  const seenWalls = new Set<number>();
  const seenDisplays = new Set<number>();
  for (const wall of saved?.walls ?? []) {
    if (!wall || typeof wall !== 'object') continue;
    if (!isPositiveInt(wall.wallId) || seenWalls.has(wall.wallId)) continue;
    seenWalls.add(wall.wallId);
    const displayId =
      typeof wall.displayId === 'number' && !seenDisplays.has(wall.displayId)
        ? wall.displayId
        : undefined;
    if (displayId !== undefined) seenDisplays.add(displayId);
    walls.push({
      wallId: wall.wallId,
      ...(displayId !== undefined ? { displayId } : {}),
      fallback: wall.fallback === 'park' ? 'park' : 'merge',
    });
  }
  walls.sort((a, b) => a.wallId - b.wallId);
  return {
    walls,
    ...(typeof saved?.deskDisplayId === 'number' ? { deskDisplayId: saved.deskDisplayId } : {}),
  };
}

export function planWindows(
  displays: readonly DisplayInfo[],
  saved: SavedDisplayLayout | null | undefined,
  options: PlanOptions = {},
): WindowPlan {
  if (displays.length === 0) throw new Error('no displays to plan windows on');
  const ordered: PlannedDisplay[] = readingOrder(expandDisplays(displays, options.splits));
  const byId = new Map(ordered.map((d) => [d.id, d]));
  const layout = normalizeLayout(saved);
  const defaultFallback = options.defaultFallback ?? 'merge';

  const deskDisplay =
    (layout.deskDisplayId !== undefined ? byId.get(layout.deskDisplayId) : undefined) ??
    (options.primaryDisplayId !== undefined ? byId.get(options.primaryDisplayId) : undefined) ??
    ordered[0]!;
  const single = ordered.length === 1;
  // Displays a wall may fill: every display but the desk's (or the only one).
  const wallDisplays = single ? ordered : ordered.filter((d) => d.id !== deskDisplay.id);

  const assigned = new Map<number, number>(); // wallId -> displayId
  const taken = new Set<number>(); // displayIds
  for (const wall of layout.walls) {
    if (wall.displayId === undefined) continue;
    const display = byId.get(wall.displayId);
    if (!display || taken.has(display.id) || !wallDisplays.includes(display)) continue;
    assigned.set(wall.wallId, display.id);
    taken.add(display.id);
  }

  // Displays nobody remembers, in reading order: first adopt orphaned walls, then new numbers.
  const freeDisplays = wallDisplays.filter((d) => !taken.has(d.id));
  const orphans = layout.walls.filter((w) => !assigned.has(w.wallId));
  const walls: SavedWall[] = layout.walls.map((w) => ({ ...w }));
  let nextId = walls.reduce((max, w) => Math.max(max, w.wallId), 0) + 1;
  for (const display of freeDisplays) {
    const orphan = orphans.shift();
    if (orphan) {
      assigned.set(orphan.wallId, display.id);
    } else {
      const wallId = nextId++;
      walls.push({ wallId, fallback: defaultFallback });
      assigned.set(wallId, display.id);
    }
    taken.add(display.id);
  }
  walls.sort((a, b) => a.wallId - b.wallId);

  let cascade = 0;
  const plans: WallWindowPlan[] = walls.map((wall) => {
    const displayId = assigned.get(wall.wallId);
    const display = displayId !== undefined ? byId.get(displayId) : undefined;
    if (display && !single) {
      return {
        wallId: wall.wallId,
        mode: display.splitOf === undefined ? 'fullscreen' : 'panel',
        displayId: display.id,
        bounds: display.bounds,
      };
    }
    if (display && single) {
      return {
        wallId: wall.wallId,
        mode: 'windowed',
        displayId: display.id,
        bounds: windowedBounds(display.workArea, ++cascade),
        note: 'one display: the wall shares it with the desk',
      };
    }
    if (wall.fallback === 'merge') {
      return {
        wallId: wall.wallId,
        mode: 'windowed',
        displayId: deskDisplay.id,
        bounds: windowedBounds(deskDisplay.workArea, ++cascade),
        note: `display ${wall.displayId ?? '?'} is gone: merged onto the desk's display`,
      };
    }
    return {
      wallId: wall.wallId,
      mode: 'parked',
      displayId: null,
      bounds: null,
      note: `display ${wall.displayId ?? '?'} is gone (fallback: park)`,
    };
  });

  const remembered: SavedWall[] = walls.map((wall) => {
    // A wall keeps remembering the display it lost, so it returns there when it comes back.
    const displayId = assigned.get(wall.wallId) ?? wall.displayId;
    return {
      wallId: wall.wallId,
      ...(displayId !== undefined ? { displayId } : {}),
      fallback: wall.fallback,
    };
  });

  return {
    desk: { displayId: deskDisplay.id, bounds: deskDisplay.workArea },
    walls: plans,
    wallCount: walls.reduce((max, w) => Math.max(max, w.wallId), 0),
    layout: { walls: remembered, deskDisplayId: deskDisplay.id },
  };
}
