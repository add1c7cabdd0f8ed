import { describe, expect, it } from 'vitest';
import type { WallState } from '../../../../shared/api';
import { gridLayout } from '../../../../shared/domain/layouts';
import {
  nextTarget,
  tileCameras,
  upsertWall,
  validTarget,
} from '../../../../renderer/common/wall-target';

const wall = (
  wallId: number,
  cols: number,
  rows: number,
  tiles: [number, string][] = [],
): WallState => ({
  wallId,
  layout: { ...gridLayout(cols, rows), layoutId: null },
  tiles: tiles.map(([index, cameraId]) => ({ index, cameraId })),
});

describe('wall target', () => {
  const walls = [wall(1, 2, 2), wall(2, 3, 3)];

  it('defaults to wall 1, tile 0', () => {
    expect(validTarget(walls, null)).toEqual({ wallId: 1, tileIndex: 0 });
    expect(validTarget([wall(3, 1, 1), wall(4, 2, 2)], null)).toEqual({ wallId: 3, tileIndex: 0 });
    expect(validTarget([], null)).toBeNull();
  });

  it('keeps a valid choice, drops one that no longer exists', () => {
    expect(validTarget(walls, { wallId: 2, tileIndex: 8 })).toEqual({ wallId: 2, tileIndex: 8 });
    expect(validTarget(walls, { wallId: 2, tileIndex: 9 })).toEqual({ wallId: 1, tileIndex: 0 });
    expect(validTarget(walls, { wallId: 7, tileIndex: 0 })).toEqual({ wallId: 1, tileIndex: 0 });
  });

  it('advances to the next tile and wraps', () => {
    expect(nextTarget(walls, { wallId: 1, tileIndex: 0 })).toEqual({ wallId: 1, tileIndex: 1 });
    expect(nextTarget(walls, { wallId: 1, tileIndex: 3 })).toEqual({ wallId: 1, tileIndex: 0 });
  });

  it('replaces a wall from its event, in wall order', () => {
    const next = upsertWall(walls, wall(1, 1, 1, [[0, 'cam']]));
    expect(next.map((w) => [w.wallId, w.layout.cols])).toEqual([
      [1, 1],
      [2, 3],
    ]);
    expect(upsertWall(walls, wall(0, 1, 1)).map((w) => w.wallId)).toEqual([0, 1, 2]);
  });

  it('lays tiles on the grid, ignoring ones outside it', () => {
    expect(
      tileCameras(
        wall(1, 2, 1, [
          [1, 'b'],
          [5, 'x'],
        ]),
      ),
    ).toEqual([null, 'b']);
  });
});
