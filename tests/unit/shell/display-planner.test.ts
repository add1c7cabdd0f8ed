import { describe, expect, it } from 'vitest';
import {
  normalizeLayout,
  planWindows,
  readingOrder,
  type DisplayInfo,
  type SavedDisplayLayout,
} from '../../../electron/shell/display-planner';

/** A 1920×1080 display at (x, y); the work area loses a 40 px taskbar. */
function display(id: number, x: number, y: number, width = 1920, height = 1080): DisplayInfo {
  return {
    id,
    bounds: { x, y, width, height },
    workArea: { x, y, width, height: height - 40 },
    scaleFactor: 1,
  };
}

const wallsOn = (plan: ReturnType<typeof planWindows>) =>
  plan.walls.map((w) => [w.wallId, w.mode, w.displayId]);

describe('readingOrder', () => {
  it('reads rows top to bottom, each row left to right', () => {
    const displays = [
      display(4, 1920, 1080),
      display(1, 0, 0),
      display(3, 0, 1080),
      display(2, 1920, 0),
    ];
    expect(readingOrder(displays).map((d) => d.id)).toEqual([1, 2, 3, 4]);
  });

  it('keeps slightly misaligned monitors of different sizes in one row', () => {
    const displays = [display(2, 1920, 37, 2560, 1440), display(1, 0, 0), display(3, -1920, 120)];
    expect(readingOrder(displays).map((d) => d.id)).toEqual([3, 1, 2]);
  });
});

describe('planWindows', () => {
  it('one monitor: the desk fills its work area and one wall shares the display as a window', () => {
    const only = display(7, 0, 0);
    const plan = planWindows([only], null, { primaryDisplayId: 7 });
    expect(plan.desk).toEqual({ displayId: 7, bounds: only.workArea });
    expect(wallsOn(plan)).toEqual([[1, 'windowed', 7]]);
    const bounds = plan.walls[0]!.bounds!;
    expect(bounds.x).toBeGreaterThanOrEqual(0);
    expect(bounds.x + bounds.width).toBeLessThanOrEqual(1920);
    expect(bounds.y + bounds.height).toBeLessThanOrEqual(1040);
    expect(plan.wallCount).toBe(1);
  });

  it('two monitors: desk on the primary, the other one is wall 1, fullscreen', () => {
    const displays = [display(20, 1920, 0), display(10, 0, 0)];
    const plan = planWindows(displays, null, { primaryDisplayId: 10 });
    expect(plan.desk.displayId).toBe(10);
    expect(wallsOn(plan)).toEqual([[1, 'fullscreen', 20]]);
    expect(plan.walls[0]!.bounds).toEqual(displays[0]!.bounds);
    expect(plan.layout).toEqual({
      deskDisplayId: 10,
      walls: [{ wallId: 1, displayId: 20, fallback: 'merge' }],
    });
  });

  it('four monitors: desk below a row of three walls, numbered left to right', () => {
    const desk = display(1, 1920, 1080);
    const displays = [display(33, 3840, 0), desk, display(11, 0, 0), display(22, 1920, 0)];
    const plan = planWindows(displays, null, { primaryDisplayId: 1 });
    expect(plan.desk.displayId).toBe(1);
    expect(wallsOn(plan)).toEqual([
      [1, 'fullscreen', 11],
      [2, 'fullscreen', 22],
      [3, 'fullscreen', 33],
    ]);
  });

  it('eight monitors: a 2×4 wall numbered row by row, desk on a separate primary display', () => {
    const wall: DisplayInfo[] = [];
    let id = 100;
    for (const y of [0, 1080])
      for (const x of [0, 1920, 3840, 5760]) wall.push(display(id++, x, y));
    const desk = display(1, 1920, 2160, 2560, 1440);
    // The OS lists them in no useful order.
    const displays = [...wall].reverse().concat(desk);
    const plan = planWindows(displays, null, { primaryDisplayId: 1 });
    expect(plan.walls.map((w) => w.displayId)).toEqual([100, 101, 102, 103, 104, 105, 106, 107]);
    expect(plan.walls.every((w) => w.mode === 'fullscreen')).toBe(true);
    expect(plan.wallCount).toBe(8);
  });

  it('eight monitors in one row with no primary given: the first display is the desk', () => {
    const displays = Array.from({ length: 8 }, (_, i) => display(i + 1, i * 1920, 0));
    const plan = planWindows(displays, null);
    expect(plan.desk.displayId).toBe(1);
    expect(plan.walls.map((w) => [w.wallId, w.displayId])).toEqual(
      [2, 3, 4, 5, 6, 7, 8].map((displayId, i) => [i + 1, displayId]),
    );
  });

  it('keeps numbering stable across a restart even if the OS lists displays differently', () => {
    const displays = [display(1, 0, 1080), display(2, 0, 0), display(3, 1920, 0)];
    const first = planWindows(displays, null, { primaryDisplayId: 1 });
    const second = planWindows([...displays].reverse(), first.layout, { primaryDisplayId: 1 });
    expect(wallsOn(second)).toEqual(wallsOn(first));
  });

  it('remembers walls the operator rearranged by editing the memory file', () => {
    const displays = [display(1, 0, 1080), display(2, 0, 0), display(3, 1920, 0)];
    const saved: SavedDisplayLayout = {
      deskDisplayId: 1,
      walls: [
        { wallId: 1, displayId: 3, fallback: 'merge' },
        { wallId: 2, displayId: 2, fallback: 'merge' },
      ],
    };
    expect(wallsOn(planWindows(displays, saved))).toEqual([
      [1, 'fullscreen', 3],
      [2, 'fullscreen', 2],
    ]);
  });

  describe('a monitor unplugged', () => {
    const desk = display(1, 0, 1080);
    const row = [display(11, 0, 0), display(12, 1920, 0), display(13, 3840, 0)];
    const before = planWindows([desk, ...row], null, { primaryDisplayId: 1 });

    it('merge: the lost wall opens as a window on the desk display, the others keep their numbers', () => {
      const plan = planWindows([desk, row[0]!, row[2]!], before.layout, { primaryDisplayId: 1 });
      expect(wallsOn(plan)).toEqual([
        [1, 'fullscreen', 11],
        [2, 'windowed', 1],
        [3, 'fullscreen', 13],
      ]);
      const merged = plan.walls[1]!;
      expect(merged.note).toMatch(/gone/);
      // Inside the desk's work area.
      expect(merged.bounds!.y).toBeGreaterThanOrEqual(desk.workArea.y);
      expect(merged.bounds!.y + merged.bounds!.height).toBeLessThanOrEqual(
        desk.workArea.y + desk.workArea.height,
      );
      expect(plan.wallCount).toBe(3);
      // It still remembers display 12, and returns there when it is plugged back in.
      expect(plan.layout.walls[1]).toEqual({ wallId: 2, displayId: 12, fallback: 'merge' });
      const back = planWindows([desk, ...row], plan.layout, { primaryDisplayId: 1 });
      expect(wallsOn(back)).toEqual(wallsOn(before));
    });

    it('park: the lost wall gets no window but keeps its number and its state in the core', () => {
      const saved: SavedDisplayLayout = {
        ...before.layout,
        walls: before.layout.walls.map((w) => ({ ...w, fallback: 'park' as const })),
      };
      const plan = planWindows([desk, row[1]!, row[2]!], saved, { primaryDisplayId: 1 });
      expect(wallsOn(plan)).toEqual([
        [1, 'parked', null],
        [2, 'fullscreen', 12],
        [3, 'fullscreen', 13],
      ]);
      expect(plan.walls[0]!.bounds).toBeNull();
      expect(plan.wallCount).toBe(3);
    });

    it('a replacement monitor with a new id adopts the lost wall number', () => {
      const replacement = display(99, 1920, 0);
      const plan = planWindows([desk, row[0]!, replacement, row[2]!], before.layout, {
        primaryDisplayId: 1,
      });
      expect(wallsOn(plan)).toEqual([
        [1, 'fullscreen', 11],
        [2, 'fullscreen', 99],
        [3, 'fullscreen', 13],
      ]);
    });

    it('an extra monitor gets the next number, never an existing one', () => {
      const extra = display(50, 5760, 0);
      const plan = planWindows([desk, ...row, extra], before.layout, { primaryDisplayId: 1 });
      expect(wallsOn(plan)).toEqual([
        [1, 'fullscreen', 11],
        [2, 'fullscreen', 12],
        [3, 'fullscreen', 13],
        [4, 'fullscreen', 50],
      ]);
    });

    it("the desk's display unplugged: the desk moves to the primary, that wall merges", () => {
      // The primary is now one of the wall displays.
      const plan = planWindows(row, before.layout, { primaryDisplayId: 11 });
      expect(plan.desk.displayId).toBe(11);
      expect(wallsOn(plan)).toEqual([
        [1, 'windowed', 11],
        [2, 'fullscreen', 12],
        [3, 'fullscreen', 13],
      ]);
    });

    it('down to a laptop alone: merged walls cascade on it, parked ones wait', () => {
      const laptop = { ...display(1, 0, 1080), internal: true };
      const saved: SavedDisplayLayout = {
        deskDisplayId: 1,
        walls: [
          { wallId: 1, displayId: 11, fallback: 'merge' },
          { wallId: 2, displayId: 12, fallback: 'park' },
          { wallId: 3, displayId: 13, fallback: 'merge' },
        ],
      };
      const plan = planWindows([laptop], saved, { primaryDisplayId: 1 });
      expect(wallsOn(plan)).toEqual([
        [1, 'windowed', 1],
        [2, 'parked', null],
        [3, 'windowed', 1],
      ]);
      expect(plan.walls[0]!.bounds).not.toEqual(plan.walls[2]!.bounds);
    });
  });

  describe('a video-wall controller split into logical monitors', () => {
    const desk = display(1, 0, 0);
    const controller = display(9, 1920, 0, 3840, 2160);
    const splits = [{ width: 3840, height: 2160, cols: 2, rows: 2 }];

    it('one 3840×2160 display split 2×2 becomes four walls, frameless panels tiling it', () => {
      const plan = planWindows([controller, desk], null, { primaryDisplayId: 1, splits });
      expect(plan.desk.displayId).toBe(1);
      expect(plan.walls.map((w) => [w.wallId, w.mode])).toEqual([
        [1, 'panel'],
        [2, 'panel'],
        [3, 'panel'],
        [4, 'panel'],
      ]);
      expect(plan.walls.map((w) => w.bounds)).toEqual([
        { x: 1920, y: 0, width: 1920, height: 1080 },
        { x: 3840, y: 0, width: 1920, height: 1080 },
        { x: 1920, y: 1080, width: 1920, height: 1080 },
        { x: 3840, y: 1080, width: 1920, height: 1080 },
      ]);
      // Distinct ids that never meet a real display's.
      const ids = plan.walls.map((w) => w.displayId!);
      expect(new Set(ids).size).toBe(4);
      for (const id of ids) expect(id).toBeLessThan(0);
      expect(plan.wallCount).toBe(4);
    });

    it('keeps each panel its wall number across a restart', () => {
      const first = planWindows([controller, desk], null, { primaryDisplayId: 1, splits });
      const again = planWindows([desk, controller], first.layout, { primaryDisplayId: 1, splits });
      expect(again.walls).toEqual(first.walls);
    });

    it('a display of another size is not split, and an unsplittable rule leaves it whole', () => {
      const other = display(5, 1920, 0, 2560, 1440);
      expect(wallsOn(planWindows([other, desk], null, { primaryDisplayId: 1, splits }))).toEqual([
        [1, 'fullscreen', 5],
      ]);
      const tooFine = [{ width: 3840, height: 2160, cols: 8, rows: 30 }];
      const plan = planWindows([controller, desk], null, { primaryDisplayId: 1, splits: tooFine });
      expect(wallsOn(plan)).toEqual([[1, 'fullscreen', 9]]);
    });

    it('the controller unplugged: its four walls merge onto the desk display as windows', () => {
      const first = planWindows([controller, desk], null, { primaryDisplayId: 1, splits });
      const later = planWindows([desk], first.layout, { primaryDisplayId: 1, splits });
      expect(later.walls.map((w) => w.mode)).toEqual([
        'windowed',
        'windowed',
        'windowed',
        'windowed',
      ]);
      const back = planWindows([controller, desk], later.layout, { primaryDisplayId: 1, splits });
      expect(back.walls).toEqual(first.walls);
    });
  });

  it('throws on an empty display list (Electron always reports at least one)', () => {
    expect(() => planWindows([], null)).toThrow(/no displays/);
  });
});

describe('normalizeLayout', () => {
  it('drops duplicates, bad ids and unknown fallbacks from a hand-edited file', () => {
    const messy = {
      deskDisplayId: 1,
      walls: [
        { wallId: 2, displayId: 5, fallback: 'park' },
        { wallId: 2, displayId: 6, fallback: 'merge' },
        { wallId: 0, displayId: 7, fallback: 'merge' },
        { wallId: 3, displayId: 5, fallback: 'explode' },
        null,
      ],
    } as unknown as SavedDisplayLayout;
    expect(normalizeLayout(messy)).toEqual({
      deskDisplayId: 1,
      walls: [
        { wallId: 2, displayId: 5, fallback: 'park' },
        { wallId: 3, fallback: 'merge' },
      ],
    });
  });
});
