import type { EventPayloads } from '../../shared/api';
import type { WallTileReports } from '../../shared/contract/wall';
import type { VigilClient } from '../transport/client';
import { useSyncedState, type SyncedState } from '../transport/use-synced-state';

/** wallId → tile index → what that tile last said it was doing. */
export type TileStates = ReadonlyMap<number, ReadonlyMap<number, string>>;

const toMap = (reports: readonly WallTileReports[]): TileStates =>
  new Map(reports.map((r) => [r.wallId, new Map(r.tiles.map((t) => [t.index, t.state]))]));

const load = async (client: VigilClient): Promise<TileStates> =>
  toMap(await client.get('wall.tileReports', {}));
const apply = (states: TileStates, payload: EventPayloads['wall.tiles']): TileStates => {
  const next = new Map(states);
  next.set(payload.wallId, new Map(payload.tiles.map((t) => [t.index, t.state])));
  return next;
};

/** What every wall's tiles say they are doing (for the desk's miniatures), kept current. */
export function useWallTileReports(): SyncedState<TileStates> {
  return useSyncedState('wall.tiles', load, apply);
}
