/**
 * Reinforcement levels (区域协作增援, issue #13 item 6): a level asks for so many units from each
 * ring round the incident (its grid, the grids touching it, its zone, the zones touching it,
 * special units). The proposal takes each ring's fastest units by ETA (one ETA search for all
 * candidates), never one unit twice, and names the grids the proposal would leave with no
 * available unit (saturation never leaves a hole unseen). Raising the level orders the units the
 * chief confirmed, each order carrying the level's name.
 */
import type {
  Recommendation,
  ReinforcementLevel,
  ReinforcementProposal,
  ReinforcementRing,
} from '../../../shared/contract/dispatch';
import type { IncidentMessage } from '../../../shared/contract/platform';
import { VigilError } from '../../../shared/result';
import type { AreaIndex } from './area-index';
import type { OrderService, PlacedUnit } from './order-service';

/** Special units (特警, 机动, 特勤) are known by their call sign. */
export const specialCallSign = /特警|机动|特勤|突击/;

export function findLevel(levels: readonly ReinforcementLevel[], id: string): ReinforcementLevel {
  const level = levels.find((l) => l.id === id);
  if (!level) throw new VigilError('not-found', `no reinforcement level ${id}`);
  return level;
}

export async function proposeReinforcement(args: {
  level: ReinforcementLevel;
  incident: IncidentMessage;
  areas: AreaIndex;
  /** The units, their orders and the ETA ranking (the order service). */
  orders: Pick<OrderService, 'placed' | 'orders' | 'rank'>;
}): Promise<ReinforcementProposal> {
  const { level, incident, areas, orders } = args;
  const place = areas.locate(incident);
  const placed = orders.placed();
  // Units already on this incident are not proposed again.
  const onIt = new Set(
    orders
      .orders(incident.id)
      .filter((o) => o.state !== 'refused' && o.state !== 'cleared')
      .map((o) => o.unitId),
  );
  const candidates = placed.filter(
    (p) => p.availability !== 'unavailable' && !onIt.has(p.unit.unitId),
  );
  const ranked = await orders.rank(incident, candidates);
  const byId = new Map(candidates.map((p) => [p.unit.unitId, p]));
  const chosen = new Set<string>();
  const inRing = (ring: ReinforcementRing, p: PlacedUnit): boolean => {
    switch (ring) {
      case 'grid':
        return place.gridId !== null && p.gridId === place.gridId;
      case 'neighbour-grids':
        return (
          place.gridId !== null &&
          p.gridId !== null &&
          areas.neighboursOf(place.gridId).has(p.gridId)
        );
      case 'zone':
        return place.zoneId !== null && p.zoneId === place.zoneId;
      case 'neighbour-zones':
        return (
          place.zoneId !== null &&
          p.zoneId !== null &&
          areas.neighboursOf(place.zoneId).has(p.zoneId)
        );
      case 'special':
        return specialCallSign.test(p.unit.callSign);
    }
  };
  const rings = level.rings.map((r) => {
    const units: Recommendation[] = [];
    for (const rec of ranked.units) {
      if (units.length >= r.units) break;
      const p = byId.get(rec.unitId);
      if (!p || chosen.has(rec.unitId) || !inRing(r.ring, p)) continue;
      if (r.kinds && !r.kinds.includes(p.unit.kind)) continue;
      chosen.add(rec.unitId);
      units.push(rec);
    }
    return { ring: r.ring, wanted: r.units, units, short: r.units - units.length };
  });
  // Available units per grid once the chosen ones have gone.
  const left = new Map<string, number>();
  for (const p of placed) {
    if (p.availability !== 'available' || p.gridId === null || chosen.has(p.unit.unitId)) continue;
    left.set(p.gridId, (left.get(p.gridId) ?? 0) + 1);
  }
  const holes = areas
    .gridList()
    .filter((g) => (left.get(g.id) ?? 0) === 0)
    .map((g) => ({ gridId: g.id, name: g.name }));
  return { levelId: level.id, incidentId: incident.id, rings, holes };
}
