/**
 * What one tile does, beyond which camera it shows (issue #3 parts 4-9): live or playback of a
 * past range (several tiles in one sync group share one timeline), and "follow" — a watcher at
 * the wall moves a tile to a nearby camera to follow a suspect camera to camera.
 *
 * Tile modes live in the core so a reloaded wall window comes back playing the same range; they
 * are kept in memory (a restarted core opens live, which is the safe default for a wall).
 * Spread into `methods` / `EventStreamNames` / `EventPayloads` in shared/api.ts.
 */
import { z } from 'zod';
import type { WallState } from '../api';
import { both, cameraIdSchema, method, tileIndexSchema, wallIdSchema } from './method';

export const playbackSpeeds = [1, 2, 4, 8] as const;
export type PlaybackSpeed = (typeof playbackSpeeds)[number];

/** Longest range one playback covers (the platform serves at most 24 h per playlist). */
export const maxPlaybackRangeMs = 24 * 60 * 60 * 1000;

export type TileMode =
  | { kind: 'live' }
  | {
      kind: 'playback';
      /** The range, ms since epoch (UTC). */
      startMs: number;
      endMs: number;
      speed: PlaybackSpeed;
      /** Tiles with the same group play on one timeline; null: this tile alone. */
      syncGroup: string | null;
    };

/** One wall's tiles that are not live (a tile not listed is live). */
export interface TileModesState {
  wallId: number;
  modes: { tileIndex: number; mode: Extract<TileMode, { kind: 'playback' }> }[];
}

/**
 * What the platform says a camera recorded over a span (docs/protocol.md, `GET
 * /api/v1/cameras/{id}/recordings`). `known: false`: the platform does not say (a file platform,
 * an older platform answering 404, or it could not be reached; `reason` says which) — the
 * timeline then draws no ranges rather than pretending all was recorded.
 */
export interface RecordedRanges {
  cameraId: string;
  startMs: number;
  endMs: number;
  known: boolean;
  /** Sorted, non-overlapping, clipped to [startMs, endMs]. Empty when unknown. */
  ranges: { startMs: number; endMs: number }[];
  reason?: string;
}

/** Longest span one recordings query covers (a timeline shows at most a week). */
export const maxRecordingsSpanMs = 7 * 24 * 60 * 60 * 1000;
/** Longest clip one export writes (a clip is a file a person hands over, not an archive). */
export const maxClipMs = 60 * 60 * 1000;

const tileIndexes = z.array(tileIndexSchema).min(1).max(64);
const instant = z.number().int().min(0).max(8_640_000_000_000);

export const tileMethods = {
  /** One wall's tile modes. */
  'tile.modes': method<TileModesState>()(z.strictObject({ wallId: wallIdSchema }), both),
  /**
   * Play a past range on one or more tiles; more than one tile share a sync group (one
   * timeline). Allowed from the wall window itself (its own wall only) and from the desk.
   */
  'tile.playback': method<TileModesState>()(
    z
      .strictObject({
        wallId: wallIdSchema,
        tileIndexes,
        startMs: instant,
        endMs: instant,
        speed: z.union(playbackSpeeds.map((s) => z.literal(s))).default(1),
      })
      .refine((v) => v.endMs > v.startMs, { message: 'endMs must be after startMs' })
      .refine((v) => v.endMs - v.startMs <= maxPlaybackRangeMs, {
        message: 'range too long: at most 24 h',
      }),
    both,
  ),
  /** Back to live. */
  'tile.live': method<TileModesState>()(
    z.strictObject({ wallId: wallIdSchema, tileIndexes }),
    both,
  ),
  /**
   * Camera to camera: put a camera on a tile from the wall window (wall.assign is the desk's);
   * a wall window may move only its own wall's tiles. Without `atMs` the tile goes live; with
   * it (a tile that plays back a range sends its current moment) the new camera plays back
   * from that moment, so a chief follows a route through the past.
   */
  'tile.follow': method<WallState>()(
    z.strictObject({
      wallId: wallIdSchema,
      tileIndex: tileIndexSchema,
      cameraId: cameraIdSchema,
      /** The moment to continue from (ms since epoch): the followed-from tile's playback position. */
      atMs: instant.optional(),
    }),
    both,
  ),
  /** The camera's recorded ranges over a span, as the platform says them (see RecordedRanges). */
  'playback.recordings': method<RecordedRanges>()(
    z
      .strictObject({ cameraId: cameraIdSchema, startMs: instant, endMs: instant })
      .refine((v) => v.endMs > v.startMs, { message: 'endMs must be after startMs' })
      .refine((v) => v.endMs - v.startMs <= maxRecordingsSpanMs, {
        message: 'span too long: at most 7 days',
      }),
    both,
  ),
  /**
   * A clip was exported (the window fetched the range's VOD playlist and segments and handed the
   * file to the user): recorded in the audit log — who took which camera's picture of when.
   */
  'playback.clipExported': method<{ recorded: true }>()(
    z
      .strictObject({
        cameraId: cameraIdSchema,
        startMs: instant,
        endMs: instant,
        fileName: z.string().min(1).max(200),
        bytes: z.number().int().min(0),
      })
      .refine((v) => v.endMs > v.startMs, { message: 'endMs must be after startMs' })
      .refine((v) => v.endMs - v.startMs <= maxClipMs, { message: 'clip too long: at most 1 h' }),
    both,
  ),
} as const;

export const tileStreams = ['tile.modes'] as const;

export interface TileEventPayloads {
  /** One wall's tile modes after a change. */
  'tile.modes': TileModesState;
}
