/**
 * The units board (issue #13 item 5): every unit's availability and activity, `units.board` once,
 * then the `units.status` stream (the units whose status changed). Kept as a Map by unit id.
 */
import type { EventPayloads } from '../../shared/api';
import type { UnitBoardEntry } from '../../shared/contract/dispatch';
import type { VigilClient } from '../transport/client';
import { useSyncedState, type SyncedState } from '../transport/use-synced-state';

export type UnitBoard = ReadonlyMap<string, UnitBoardEntry>;

const loadBoard = async (client: VigilClient): Promise<UnitBoard> =>
  new Map((await client.get('units.board', {})).map((u) => [u.unitId, u]));

const applyBoard = (state: UnitBoard, payload: EventPayloads['units.status']): UnitBoard => {
  if (payload.units.length === 0) return state;
  const next = new Map(state);
  for (const unit of payload.units) next.set(unit.unitId, unit);
  return next;
};

export function useUnitBoard(): SyncedState<UnitBoard> {
  return useSyncedState('units.status', loadBoard, applyBoard);
}
