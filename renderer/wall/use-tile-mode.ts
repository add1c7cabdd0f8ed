import { useCallback } from 'react';
import type { EventPayloads } from '../../shared/api';
import type { TileMode, TileModesState } from '../../shared/contract/tile';
import type { VigilClient } from '../transport/client';
import { useSyncedState } from '../transport/use-synced-state';

const live: TileMode = { kind: 'live' };

/** What every tile of wall `wallId` plays (from the core); undefined until it answers. */
export function useTileModes(wallId: number): TileModesState | undefined {
  const load = useCallback((client: VigilClient) => client.get('tile.modes', { wallId }), [wallId]);
  const apply = useCallback(
    (state: TileModesState, payload: EventPayloads['tile.modes']): TileModesState =>
      payload.wallId === wallId ? payload : state,
    [wallId],
  );
  return useSyncedState('tile.modes', load, apply).value;
}

/** What tile `index` of wall `wallId` should play: live, or a recorded range (from the core). */
export function useTileMode(wallId: number, index: number): TileMode {
  const modes = useTileModes(wallId);
  return modes?.modes.find((m) => m.tileIndex === index)?.mode ?? live;
}
