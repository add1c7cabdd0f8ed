/**
 * Rotation as the core holds it, on two streams (shared/contract/watch.ts): the groups
 * (`rotation.list`, then `rotation.groups`: one group saved or deleted per event) and the running
 * rotations (`rotation.state`, then `rotation`: the walls whose view changed, the walls that
 * stopped). Both events are deltas keyed by id / wallId whose latest value wins, so
 * useSyncedState applying one again on top of a fetch that already holds it changes nothing, and
 * the client's sequence check (`events.since`, else a refetch on `reset`) keeps them complete.
 * A wall follows only the running state: it never receives a group's camera list.
 */
import type {
  RotationChange,
  RotationGroupChange,
  RotationState,
} from '../../shared/contract/watch';
import type { RotationGroup } from '../../shared/domain/watch';
import type { VigilClient } from '../transport/client';
import { useSyncedState, type SyncedState } from '../transport/use-synced-state';

const byId = (a: RotationGroup, b: RotationGroup): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The groups after one `rotation.groups` event (kept by id, as `rotation.list` answers). */
export function applyGroupChange(
  groups: RotationGroup[],
  change: RotationGroupChange,
): RotationGroup[] {
  const id = 'saved' in change ? change.saved.id : change.deleted;
  const rest = groups.filter((g) => g.id !== id);
  return 'saved' in change ? [...rest, change.saved].sort(byId) : rest;
}

/** The running rotations after one `rotation` event (kept by wallId, as `rotation.state`). */
export function applyRotationChange(state: RotationState, change: RotationChange): RotationState {
  const gone = new Set([...change.stopped, ...change.running.map((r) => r.wallId)]);
  return {
    running: [...state.running.filter((r) => !gone.has(r.wallId)), ...change.running].sort(
      (a, b) => a.wallId - b.wallId,
    ),
  };
}

const loadGroups = (client: VigilClient): Promise<RotationGroup[]> =>
  client.get('rotation.list', {});
const loadRunning = (client: VigilClient): Promise<RotationState> =>
  client.get('rotation.state', {});

/** Every rotation group (the desk's list, the map's selection panel). */
export function useRotationGroups(): SyncedState<RotationGroup[]> {
  return useSyncedState('rotation.groups', loadGroups, applyGroupChange);
}

/** Every running rotation, one per rotating wall. */
export function useRotationRunning(): SyncedState<RotationState> {
  return useSyncedState('rotation', loadRunning, applyRotationChange);
}
