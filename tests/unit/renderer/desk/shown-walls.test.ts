/** The desk's miniatures show what the walls show (issue #15), pulled cameras included. */
import { describe, expect, it } from 'vitest';
import type { WallState } from '../../../../shared/api';
import type { FocusState, RotationState } from '../../../../shared/contract/watch';
import { shownWalls } from '../../../../renderer/desk/watch/shown-walls';
import { unshownOn } from '../../../../renderer/wall/watch/wall-watch';
import { gridLayout } from '../../../../shared/domain/layouts';

const wall = (wallId: number, cameras: (string | null)[]): WallState => ({
  wallId,
  layout: { ...gridLayout(2, 2), layoutId: '4' },
  tiles: cameras.map((cameraId, index) => ({ index, cameraId })),
});

const focus: FocusState = {
  pins: [],
  pulls: [
    {
      alertId: 'a1',
      title: '火情：人民医院附近',
      lat: 35.4,
      lng: 116.9,
      wallId: 1,
      tiles: [
        { tileIndex: 0, cameraId: 'p1', distanceM: 40, reason: 'in-view' },
        { tileIndex: 1, cameraId: 'p2', distanceM: 90, reason: 'near' },
      ],
      pulledAt: 0,
      expiresAt: 600_000,
    },
  ],
  unshown: [
    {
      alertId: 'a2',
      title: '盗窃',
      lat: 35.4,
      lng: 116.9,
      wallId: 1,
      reason: 'no-free-tile',
      heldBack: 0,
      at: 0,
      expiresAt: 600_000,
    },
    {
      alertId: 'a3',
      title: '寻人',
      lat: 35.4,
      lng: 116.9,
      wallId: 2,
      reason: 'arranged',
      heldBack: 2,
      at: 0,
      expiresAt: 600_000,
    },
  ],
};

describe('shownWalls', () => {
  it("puts an alert's pulled cameras on the miniature's tiles, marked with the alert", () => {
    const walls = [wall(1, ['a', 'b', 'c', 'd']), wall(2, ['e', 'f', null, null])];
    const shown = shownWalls(walls, focus, undefined, { runs: [], tours: [] });
    expect(shown.walls[0]!.tiles.map((t) => t.cameraId)).toEqual(['p1', 'p2', 'c', 'd']);
    expect(shown.watch.get(1)?.get(0)).toEqual({ kind: 'pull', note: '火情：人民医院附近' });
    expect(shown.watch.get(1)?.has(2)).toBe(false);
    // A wall nothing overlays is the same object (the miniature does not re-render for it).
    expect(shown.walls[1]).toBe(walls[1]);
  });

  it("shows a rotation's page and a tour's stop where the wall does", () => {
    const walls = [wall(1, ['a', 'b', 'c', 'd']), wall(2, ['e', 'f', 'g', 'h'])];
    const page = {
      cursor: 0,
      tiles: [{ tileIndex: 1, cameraId: 'r1' }],
      skipped: [],
      dwellMs: 5000,
    };
    const rotation = {
      running: [
        {
          wallId: 2,
          groupId: 'g',
          name: 'g',
          cameraCount: 3,
          page,
          nextPage: page,
          prewarmAt: null,
          swapAt: 10_000,
          paused: false,
          pauses: [],
          remainingMs: null,
          skipCount: 0,
        },
      ],
    } as unknown as RotationState;
    const shown = shownWalls(walls, { pins: [], pulls: [] }, rotation, {
      runs: [
        {
          id: 'run1',
          tourId: 't1',
          tourName: 't',
          watcher: 'w',
          wallId: 1,
          status: 'running',
          current: 0,
          stops: [{ cameraId: 's1' }],
        },
      ] as never,
      tours: [{ id: 't1', tileIndex: 3 }] as never,
    });
    expect(shown.walls[0]!.tiles.map((t) => t.cameraId)).toEqual(['a', 'b', 'c', 's1']);
    expect(shown.walls[1]!.tiles.map((t) => t.cameraId)).toEqual(['e', 'r1', 'g', 'h']);
    expect(shown.watch.get(1)?.get(3)?.kind).toBe('tour');
    expect(shown.watch.get(2)?.get(1)?.kind).toBe('rotation');
  });
});

describe('unshownOn', () => {
  it("counts a wall's alerts that it does not show", () => {
    expect(unshownOn(focus, 1).map((u) => u.alertId)).toEqual(['a2']);
    expect(unshownOn(focus, 2).map((u) => u.alertId)).toEqual(['a3']);
    expect(unshownOn({ pins: [], pulls: [] }, 1)).toEqual([]);
  });
});
