import type { RotationState } from '../../shared/contract/watch';
import type { VigilClient } from '../transport/client';
import { useSyncedState, type SyncedState } from '../transport/use-synced-state';

const load = (client: VigilClient): Promise<RotationState> => client.get('rotation.state', {});
const apply = (_: RotationState, payload: RotationState): RotationState => payload;

/** Rotation groups and every running rotation, as the core holds them (`rotation` events). */
export function useWatchRotation(): SyncedState<RotationState> {
  return useSyncedState('rotation', load, apply);
}
