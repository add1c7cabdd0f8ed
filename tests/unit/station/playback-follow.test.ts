import { describe, expect, it } from 'vitest';
import type { Caller, WallState } from '../../../shared/api';
import { methods } from '../../../shared/api';
import type { TileModesState } from '../../../shared/contract/tile';
import { TileModeService } from '../../../electron/station/wall/playback-service';

const NOW = Date.UTC(2026, 11, 3, 4, 0, 0);
const caller: Caller = {
  window: 'wall',
  wallId: 1,
  operator: '张三',
  role: 'watcher',
  signedIn: true,
};

function service() {
  const assigned: { tileIndex: number; cameraId: string }[] = [];
  const events: TileModesState[] = [];
  const tiles = new TileModeService({
    wallCount: 2,
    assign: (wallId, tileIndex, cameraId) => {
      assigned.push({ tileIndex, cameraId });
      return { wallId, tiles: [] } as unknown as WallState;
    },
    onChanged: (state) => events.push(state),
    now: () => NOW,
  });
  return { tiles, assigned, events };
}

describe('following a suspect on a tile', () => {
  it('in playback keeps the time: the next camera plays back from the moment followed at', () => {
    const { tiles, assigned } = service();
    const startMs = NOW - 30 * 60_000;
    tiles.playback({ wallId: 1, tileIndexes: [0], startMs, endMs: NOW, speed: 4 });
    const atMs = startMs + 7 * 60_000 + 123;
    tiles.follow({ wallId: 1, tileIndex: 0, cameraId: 'cam-2', atMs }, caller);
    expect(assigned).toEqual([{ tileIndex: 0, cameraId: 'cam-2' }]);
    expect(tiles.modes(1).modes).toEqual([
      {
        tileIndex: 0,
        mode: { kind: 'playback', startMs: atMs, endMs: NOW, speed: 4, syncGroup: null },
      },
    ]);
  });

  it('onto a live tile (the next tile) plays back from that moment up to now', () => {
    const { tiles } = service();
    const atMs = NOW - 3_600_000;
    tiles.follow({ wallId: 1, tileIndex: 1, cameraId: 'cam-3', atMs }, caller);
    expect(tiles.modes(1).modes).toEqual([
      {
        tileIndex: 1,
        mode: { kind: 'playback', startMs: atMs, endMs: NOW, speed: 1, syncGroup: null },
      },
    ]);
  });

  it('leaves the sync group: the other tiles keep their timeline', () => {
    const { tiles } = service();
    const startMs = NOW - 30 * 60_000;
    tiles.playback({ wallId: 1, tileIndexes: [0, 1], startMs, endMs: NOW, speed: 1 });
    tiles.follow({ wallId: 1, tileIndex: 0, cameraId: 'cam-2', atMs: startMs + 60_000 }, caller);
    const [first, second] = tiles.modes(1).modes;
    expect(first?.mode.syncGroup).toBeNull();
    expect(second?.mode).toMatchObject({ startMs, syncGroup: 'w1-g1' });
  });

  it('without atMs (a live tile), or at now, stays or goes live', () => {
    const { tiles, events } = service();
    tiles.follow({ wallId: 1, tileIndex: 0, cameraId: 'cam-2' }, caller);
    expect(tiles.modes(1).modes).toEqual([]);
    expect(events).toEqual([]);
    tiles.playback({ wallId: 1, tileIndexes: [0], startMs: NOW - 60_000, endMs: NOW, speed: 1 });
    tiles.follow({ wallId: 1, tileIndex: 0, cameraId: 'cam-3' }, caller);
    expect(tiles.modes(1).modes).toEqual([]);
    tiles.follow({ wallId: 1, tileIndex: 0, cameraId: 'cam-4', atMs: NOW - 1000 }, caller);
    expect(tiles.modes(1).modes).toEqual([]);
  });

  it('never asks for more than 24 hours', () => {
    const { tiles } = service();
    const atMs = NOW - 3 * 86_400_000;
    tiles.follow({ wallId: 1, tileIndex: 0, cameraId: 'cam-2', atMs }, caller);
    expect(tiles.modes(1).modes[0]?.mode.endMs).toBe(atMs + 86_400_000);
  });

  it('the contract takes atMs as an optional instant', () => {
    const schema = methods['tile.follow'].input;
    expect(schema.safeParse({ wallId: 1, tileIndex: 0, cameraId: 'c' }).success).toBe(true);
    expect(schema.safeParse({ wallId: 1, tileIndex: 0, cameraId: 'c', atMs: NOW }).success).toBe(
      true,
    );
    expect(schema.safeParse({ wallId: 1, tileIndex: 0, cameraId: 'c', atMs: -1 }).success).toBe(
      false,
    );
  });
});
