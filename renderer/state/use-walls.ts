import type { EventPayloads, WallState } from '../../shared/api';
import { upsertWall } from '../common/wall-target';
import type { VigilClient } from '../transport/client';
import { useSyncedState, type SyncedState } from '../transport/use-synced-state';

const loadWalls = async (client: VigilClient): Promise<WallState[]> =>
  [...(await client.get('wall.list', {}))].sort((a, b) => a.wallId - b.wallId);
const applyWall = (walls: WallState[], payload: EventPayloads['wall']): WallState[] =>
  upsertWall(walls, payload);

/** Every wall and what each tile shows, kept current from `wall` events. */
export function useWalls(): SyncedState<WallState[]> {
  return useSyncedState('wall', loadWalls, applyWall);
}
