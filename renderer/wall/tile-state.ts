/**
 * What a wall tile says about itself, in words: the player's own state combined with what the
 * core knows (the camera's status, the platform link). A tile never shows a frozen frame without
 * saying why.
 */
import type { CameraStatus, LinkStateName } from '../../shared/api';

/** What the player (hls.js or native) is doing. */
export type PlayerState =
  'idle' | 'connecting' | 'playing' | 'stalled' | 'reconnecting' | 'error' | 'unsupported';

/** What the tile shows (also its `data-state`, for tests). */
export type TileDisplayState =
  | 'empty'
  | 'connecting'
  | 'playing'
  | 'stalled'
  | 'reconnecting'
  | 'offline-camera'
  | 'no-network'
  | 'error'
  | 'unsupported'
  | 'unknown-camera';

export interface TileFacts {
  cameraId: string | null;
  /** undefined while the catalog is loading; null when the catalog has no such camera. */
  cameraStatus: CameraStatus | null | undefined;
  player: PlayerState;
  link: LinkStateName | undefined;
}

export function tileDisplayState({
  cameraId,
  cameraStatus,
  player,
  link,
}: TileFacts): TileDisplayState {
  if (cameraId === null) return 'empty';
  if (cameraStatus === null) return 'unknown-camera';
  // Frames arriving beat any status report.
  if (player === 'playing') return 'playing';
  if (player === 'unsupported') return 'unsupported';
  if (cameraStatus === 'offline') return 'offline-camera';
  if (link === 'offline' && player !== 'connecting' && player !== 'idle') return 'no-network';
  if (player === 'idle') return 'connecting';
  return player;
}

/** The i18n key under `wall.state` for each display state. */
export const stateLabelKey = {
  empty: 'idle',
  connecting: 'connecting',
  playing: 'playing',
  stalled: 'stalled',
  reconnecting: 'reconnecting',
  'offline-camera': 'offlineCamera',
  'no-network': 'noNetwork',
  error: 'error',
  unsupported: 'unsupported',
  'unknown-camera': 'error',
} as const satisfies Record<TileDisplayState, string>;
