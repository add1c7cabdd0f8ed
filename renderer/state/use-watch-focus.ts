import type { FocusState } from '../../shared/contract/watch';
import type { VigilClient } from '../transport/client';
import { useSyncedState, type SyncedState } from '../transport/use-synced-state';

const load = (client: VigilClient): Promise<FocusState> => client.get('focus.list', {});
const apply = (_: FocusState, payload: FocusState): FocusState => payload;

/** Focus pins and alert pulls, as the core holds them (`focus` events). */
export function useWatchFocus(): SyncedState<FocusState> {
  return useSyncedState('focus', load, apply);
}
