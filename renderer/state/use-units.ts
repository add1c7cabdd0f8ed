/**
 * Every patrol unit where it was last seen: `units.list` once, then the batched `units` stream
 * (one event a second with the units that changed). Kept as a Map so a batch of 400 replaces
 * entries without rebuilding the list the map draws from.
 */
import type { EventPayloads } from '../../shared/api';
import type { UnitState } from '../../shared/contract/map';
import type { VigilClient } from '../transport/client';
import { useSyncedState, type SyncedState } from '../transport/use-synced-state';

export type UnitMap = ReadonlyMap<string, UnitState>;

const loadUnits = async (client: VigilClient): Promise<UnitMap> =>
  new Map((await client.get('units.list', {})).map((u) => [u.unitId, u]));

const applyUnits = (state: UnitMap, payload: EventPayloads['units']): UnitMap => {
  if (payload.units.length === 0) return state;
  const next = new Map(state);
  for (const unit of payload.units) next.set(unit.unitId, unit);
  return next;
};

export function useUnits(): SyncedState<UnitMap> {
  return useSyncedState('units', loadUnits, applyUnits);
}
