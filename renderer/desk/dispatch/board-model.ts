/** The units board's grouping (pure): units by zone, counts per activity, search by call sign. */
import type { UnitBoardEntry } from '../../../shared/contract/dispatch';
import { unitActivities } from '../../../shared/contract/platform';

export type BoardActivity = UnitBoardEntry['activity'];
/** The order activities are counted in: the board's reading order, offline last. */
export const boardActivities: readonly BoardActivity[] = [...unitActivities, 'offline'];

export interface BoardGroup {
  zoneId: string | null;
  name: string;
  units: UnitBoardEntry[];
  /** [activity, count] for the activities present, in `boardActivities` order. */
  counts: [BoardActivity, number][];
}

export function activityCounts(units: Iterable<UnitBoardEntry>): [BoardActivity, number][] {
  const counts = new Map<BoardActivity, number>();
  for (const u of units) counts.set(u.activity, (counts.get(u.activity) ?? 0) + 1);
  return boardActivities.filter((a) => counts.has(a)).map((a) => [a, counts.get(a)!]);
}

const availabilityRank = { available: 0, conditional: 1, unavailable: 2 } as const;

export function boardGroups(
  units: Iterable<UnitBoardEntry>,
  search: string,
  zoneName: (zoneId: string) => string,
): BoardGroup[] {
  const needle = search.trim().toLowerCase();
  const byZone = new Map<string | null, UnitBoardEntry[]>();
  for (const u of units) {
    if (needle && !u.callSign.toLowerCase().includes(needle)) continue;
    const list = byZone.get(u.zoneId) ?? [];
    list.push(u);
    byZone.set(u.zoneId, list);
  }
  const groups: BoardGroup[] = [];
  for (const [zoneId, list] of byZone) {
    list.sort(
      (a, b) =>
        availabilityRank[a.availability] - availabilityRank[b.availability] ||
        a.callSign.localeCompare(b.callSign, 'zh-CN', { numeric: true }),
    );
    groups.push({
      zoneId,
      name: zoneId ? zoneName(zoneId) : '',
      units: list,
      counts: activityCounts(list),
    });
  }
  // Named zones by name, units outside every zone last.
  return groups.sort((a, b) =>
    a.zoneId === null ? 1 : b.zoneId === null ? -1 : a.name.localeCompare(b.name, 'zh-CN'),
  );
}
