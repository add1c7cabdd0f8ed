/**
 * Tile modes (live, or playback of a past range in a sync group) and "follow" (camera to camera
 * from the wall window). Modes are kept in memory by the core, so a reloaded wall window comes
 * back playing the same range; a restarted core opens every tile live (the safe default for a
 * wall). Every change is emitted as a `tile.modes` event with the wall's full set of modes.
 */
import type { Caller, WallState } from '../../../shared/api';
import {
  maxPlaybackRangeMs,
  type TileMode,
  type TileModesState,
} from '../../../shared/contract/tile';
import { VigilError } from '../../../shared/result';
import type { Handlers } from '../contract-host';

type Playback = Extract<TileMode, { kind: 'playback' }>;

export interface TileModeServiceOptions {
  wallCount: number;
  /** Puts a camera on a tile (the wall service's assign, which audits it). */
  assign: (wallId: number, tileIndex: number, cameraId: string, caller: Caller) => WallState;
  onChanged: (state: TileModesState) => void;
  /** ms since epoch (tests give a fake clock). */
  now?: () => number;
}

/** A follow at a moment closer to now than this is live: there is nothing recorded to play yet. */
export const FOLLOW_LIVE_WITHIN_MS = 5_000;

export class TileModeService {
  private readonly walls = new Map<number, Map<number, Playback>>();
  private groups = 0;

  constructor(private readonly options: TileModeServiceOptions) {}

  modes(wallId: number): TileModesState {
    this.checkWall(wallId);
    const modes = [...(this.walls.get(wallId) ?? new Map<number, Playback>())]
      .sort(([a], [b]) => a - b)
      .map(([tileIndex, mode]) => ({ tileIndex, mode }));
    return { wallId, modes };
  }

  playback(input: {
    wallId: number;
    tileIndexes: number[];
    startMs: number;
    endMs: number;
    speed: 1 | 2 | 4 | 8;
  }): TileModesState {
    this.checkWall(input.wallId);
    const tiles = [...new Set(input.tileIndexes)];
    const syncGroup = tiles.length > 1 ? `w${input.wallId}-g${++this.groups}` : null;
    const wall = this.wall(input.wallId);
    for (const index of tiles) {
      wall.set(index, {
        kind: 'playback',
        startMs: input.startMs,
        endMs: input.endMs,
        speed: input.speed,
        syncGroup,
      });
    }
    return this.changed(input.wallId);
  }

  live(input: { wallId: number; tileIndexes: number[] }): TileModesState {
    this.checkWall(input.wallId);
    const wall = this.wall(input.wallId);
    for (const index of input.tileIndexes) wall.delete(index);
    return this.changed(input.wallId);
  }

  /**
   * Camera to camera on a tile. Without `atMs`, live: a tile that played back a range shows the
   * next camera now. With `atMs` (the wall sends its tile's playback position), the next camera
   * plays back from that moment: to the end of the range the tile already played (when it did
   * and that end is later), else up to now (at most 24 h); at the tile's speed, on a timeline of
   * its own (the sync group it may have been in stays where it is).
   */
  follow(
    input: { wallId: number; tileIndex: number; cameraId: string; atMs?: number | undefined },
    caller: Caller,
  ): WallState {
    this.checkWall(input.wallId);
    const state = this.options.assign(input.wallId, input.tileIndex, input.cameraId, caller);
    const wall = this.wall(input.wallId);
    const now = (this.options.now ?? Date.now)();
    const at = input.atMs;
    if (at === undefined || at > now - FOLLOW_LIVE_WITHIN_MS) {
      if (wall.delete(input.tileIndex)) this.changed(input.wallId);
      return state;
    }
    const was = wall.get(input.tileIndex);
    const end = was && was.endMs > at + 1000 ? was.endMs : now;
    wall.set(input.tileIndex, {
      kind: 'playback',
      startMs: at,
      endMs: Math.min(end, at + maxPlaybackRangeMs),
      speed: was?.speed ?? 1,
      syncGroup: null,
    });
    this.changed(input.wallId);
    return state;
  }

  handlers(): Pick<Handlers, 'tile.modes' | 'tile.playback' | 'tile.live' | 'tile.follow'> {
    return {
      'tile.modes': ({ wallId }) => this.modes(wallId),
      'tile.playback': (input) => this.playback(input),
      'tile.live': (input) => this.live(input),
      'tile.follow': (input, caller) => this.follow(input, caller),
    };
  }

  private wall(wallId: number): Map<number, Playback> {
    let wall = this.walls.get(wallId);
    if (!wall) {
      wall = new Map();
      this.walls.set(wallId, wall);
    }
    return wall;
  }

  private changed(wallId: number): TileModesState {
    const state = this.modes(wallId);
    this.options.onChanged(state);
    return state;
  }

  private checkWall(wallId: number): void {
    if (!Number.isInteger(wallId) || wallId < 1 || wallId > this.options.wallCount) {
      throw new VigilError(
        'not-found',
        `there is no wall ${wallId} (walls are 1..${this.options.wallCount})`,
      );
    }
  }
}
