import { useCallback } from 'react';
import type { EventPayloads, WallState } from '../../shared/api';
import type { VigilClient } from '../transport/client';
import { useSyncedState, type SyncedState } from '../transport/use-synced-state';

/** One wall's state (a wall window knows only its own display's slice). */
export function useWall(wallId: number): SyncedState<WallState> {
  const load = useCallback((client: VigilClient) => client.get('wall.get', { wallId }), [wallId]);
  const apply = useCallback(
    (state: WallState, payload: EventPayloads['wall']): WallState =>
      payload.wallId === wallId ? payload : state,
    [wallId],
  );
  return useSyncedState('wall', load, apply);
}
