import type { SavedLayout } from '../../shared/contract/wall';
import type { VigilClient } from '../transport/client';
import { useSyncedState, type SyncedState } from '../transport/use-synced-state';

const load = (client: VigilClient): Promise<SavedLayout[]> => client.get('layout.list', {});
const apply = (_: SavedLayout[], payload: SavedLayout[]): SavedLayout[] => payload;

/** The operator's custom layouts, kept current from `layouts` events. */
export function useWallLayouts(): SyncedState<SavedLayout[]> {
  return useSyncedState('layouts', load, apply);
}
