import type { EventPayloads } from '../../shared/api';
import type { WallBudgetReport, WallTileReports } from '../../shared/contract/wall';
import type { VigilClient } from '../transport/client';
import { useSyncedState } from '../transport/use-synced-state';

/** wallId → the decoder budget its window last reported (walls that say nothing are absent). */
export type WallBudgets = ReadonlyMap<number, WallBudgetReport>;

const toMap = (reports: readonly WallTileReports[]): WallBudgets =>
  new Map(reports.flatMap((r) => (r.budget ? [[r.wallId, r.budget] as const] : [])));

const load = async (client: VigilClient): Promise<WallBudgets> =>
  toMap(await client.get('wall.tileReports', {}));
const apply = (budgets: WallBudgets, payload: EventPayloads['wall.tiles']): WallBudgets => {
  const next = new Map(budgets);
  if (payload.budget) next.set(payload.wallId, payload.budget);
  else next.delete(payload.wallId);
  return next;
};

/**
 * Every wall's decoder budget as its window reports it with its tiles (issue #14): the desk's
 * miniature says how many tiles play at full rate and why, as the wall's corner does.
 */
export function useWallBudgets(): WallBudgets | undefined {
  return useSyncedState('wall.tiles', load, apply).value;
}
