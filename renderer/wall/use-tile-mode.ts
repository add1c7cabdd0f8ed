import { useCallback } from 'react';
import type { EventPayloads } from '../../shared/api';
import type { TileMode, TileModesState } from '../../shared/contract/tile';
import type { VigilClient } from '../transport/client';
import { useSyncedState } from '../transport/use-synced-state';

const live: TileMode = { kind: 'live' };

/** What tile `index` of wall `wallId` should play: live, or a recorded range (from the core). */
export function useTileMode(wallId: number, index: number): TileMode {
  const load = useCallback((client: VigilClient) => client.get('tile.modes', { wallId }), [wallId]);
  const apply = useCallback(
    (state: TileModesState, payload: EventPayloads['tile.modes']): TileModesState =>
      payload.wallId === wallId ? payload : state,
    [wallId],
  );
  const modes = useSyncedState('tile.modes', load, apply);
  return modes.value?.modes.find((m) => m.tileIndex === index)?.mode ?? live;
}
