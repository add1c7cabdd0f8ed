import type { WallView } from '../../shared/contract/wall';
import type { VigilClient } from '../transport/client';
import { useSyncedState, type SyncedState } from '../transport/use-synced-state';

const load = (client: VigilClient): Promise<WallView[]> => client.get('view.list', {});
const apply = (_: WallView[], payload: WallView[]): WallView[] => payload;

/** The named views, kept current from `views` events. */
export function useWallViews(): SyncedState<WallView[]> {
  return useSyncedState('views', load, apply);
}
