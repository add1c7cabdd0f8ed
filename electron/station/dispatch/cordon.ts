/**
 * The cordon (封边合围, issue #13 item 7): where a fleeing suspect may be by now over the roads,
 * and the ring units can close round it: its road exits, for each exit the units that can be
 * there first (`beats`: before the suspect), with the checkpoint cameras and fixed posts within
 * 300 m of it.
 *
 * The ring is ADAPTIVE. A ring drawn for a fixed horizon puts the exits kilometres outside the
 * area the chief sees, every one with about the same suspect time: unreadable. So horizons are
 * tried in steps (`horizonStepsMinutes`, up to the configured maximum) and the smallest ring the
 * units can close is taken: every exit gets its own unit (one unit per exit) before the suspect,
 * or else the ring where the most exits can be closed so (ties to the smaller ring). Each try is
 * one limited search (`reach`) and one search per exit (`etaToMany`), both on the road worker;
 * the first ring that can be closed ends the tries, and so does a ring with more exits than one
 * cordon order can take (`maxExits`: a larger ring has more, and no chief closes 400 roads).
 *
 * Times: the road router's `suspectEtaS` counts from the event (the start of its search); the
 * plan's counts from now, which is what a chief compares with a unit's ETA. An exit is the first
 * junction beyond the ring along a road leaving it (where a unit can stand), so its suspect time
 * is a little over the ring's horizon and differs from exit to exit.
 *
 * Default assignment: each exit's `units` lists FIRST the unit the plan proposes for it (when one
 * beats the suspect), then the others fastest first. The proposals are a maximum one-to-one
 * matching of exits to units that beat the suspect there, the exits the suspect reaches first
 * served first: so a greedy pass over the exits (soonest first) taking each exit's first listed
 * unit that beats the suspect and is not yet taken never gives one unit two exits and closes as
 * many exits as can be closed.
 */
import type { Catalog } from '../../../shared/api';
import type { CordonExit, CordonPlan } from '../../../shared/contract/dispatch';
import type { MapGeometry } from '../../../shared/contract/map';
import { haversineM } from '../../../shared/domain/geo';
import type { PlacedUnit } from './order-service';
import type { Eta, Origin, ReachAnswer, RoadRouter } from './road-router';

/** Checkpoints and posts this close to an exit are listed with it, metres. */
export const exitPostsM = 300;
/** Units listed per exit. */
export const unitsPerExit = 8;
/** The most exits a ring may have to be tried (beyond the smallest): cordon.order's limit. */
export const maxExits = 50;
/** The horizons tried, minutes from now (those above the configured maximum are skipped). */
export const horizonStepsMinutes = [1, 2, 3, 4, 6, 8, 10, 15, 20] as const;

/** The horizons tried for a maximum: the steps up to it, and the maximum itself. */
export function horizonsUpTo(maxMinutes: number): number[] {
  const steps: number[] = horizonStepsMinutes.filter((m) => m < maxMinutes);
  steps.push(maxMinutes);
  return steps;
}

type ExitOf = ReachAnswer['exits'][number];

interface Try {
  horizonMinutes: number;
  reach: ReachAnswer;
  etas: Map<string, Map<string, Eta>>;
  /** Exit id → the unit proposed for it (only exits that can be closed). */
  proposed: Map<string, string>;
  /**
   * Exits that can be closed, one unit each, over all exits. A ring with no exit closes nothing:
   * the suspect has not reached a road yet (a point far off the roads), or the search reached
   * every road there is; either way a larger ring is tried.
   */
  closable: number;
}

export async function planCordon(args: {
  router: RoadRouter;
  from: { lat: number; lng: number };
  mode: 'vehicle' | 'foot';
  speedKmh: number;
  minutesSince: number;
  /** The largest ring tried (config `dispatch.cordonHorizonMinutes`). */
  horizonMinutes: number;
  candidates: PlacedUnit[];
  catalog: Catalog | null;
  geometry: MapGeometry;
}): Promise<CordonPlan> {
  const elapsedS = args.minutesSince * 60;
  const origins: Origin[] = args.candidates.map((p) => ({
    id: p.unit.unitId,
    lat: p.at.lat,
    lng: p.at.lng,
    kind: p.unit.kind,
  }));
  const fromNow = (e: ExitOf): number => Math.max(0, Math.round(e.suspectEtaS - elapsedS));

  const attempt = async (horizonMinutes: number, reach: ReachAnswer): Promise<Try> => {
    const etas =
      reach.exits.length > 0 && origins.length > 0
        ? await args.router.etaToMany(
            reach.exits.map((e) => ({ id: e.id, lat: e.lat, lng: e.lng })),
            origins,
          )
        : new Map<string, Map<string, Eta>>();
    const proposed = matchExits(reach.exits, etas, fromNow);
    const closable = reach.exits.length === 0 ? 0 : proposed.size / reach.exits.length;
    return { horizonMinutes, reach, etas, proposed, closable };
  };

  // The "now" area is searched alongside the first try (awaited once the ring is chosen).
  const nowReach = args.router.reach(args.from, args.mode, args.speedKmh, elapsedS);
  nowReach.catch(() => undefined); // a failed try must not leave this rejection unhandled
  let best: Try | null = null;
  for (const h of horizonsUpTo(args.horizonMinutes)) {
    const reach = await args.router.reach(args.from, args.mode, args.speedKmh, elapsedS + h * 60);
    // A ring with more exits than one cordon order can take is not tried (nor any larger one,
    // which has as many or more): unless it is the smallest, which is all there is.
    if (best && reach.exits.length > maxExits) break;
    const t = await attempt(h, reach);
    if (!best || t.closable > best.closable) best = t;
    if (t.closable >= 1) break;
  }
  if (!best) throw new Error('cordon: no horizon tried'); // horizonsUpTo never returns []
  const chosen = best;
  const now = await nowReach;

  const callSigns = new Map(args.candidates.map((p) => [p.unit.unitId, p.unit.callSign]));
  const checkpointCameras = (args.catalog?.cameras ?? []).filter((c) => c.kind === 'checkpoint');
  const posts = [...args.geometry.checkpoints, ...args.geometry.dutyPosts];
  const exits: CordonExit[] = chosen.reach.exits.map((e) => {
    const suspectEtaS = fromNow(e);
    const all = [...(chosen.etas.get(e.id) ?? new Map<string, Eta>()).entries()]
      .map(([unitId, eta]) => ({
        unitId,
        callSign: callSigns.get(unitId) ?? unitId,
        etaS: Math.round(eta.etaS),
        beats: eta.etaS < suspectEtaS,
      }))
      .sort((a, b) => a.etaS - b.etaS || a.unitId.localeCompare(b.unitId));
    const mine = chosen.proposed.get(e.id);
    const first = all.find((u) => u.unitId === mine);
    const units = (first ? [first, ...all.filter((u) => u !== first)] : all).slice(0, unitsPerExit);
    return {
      id: e.id,
      lat: e.lat,
      lng: e.lng,
      road: e.road,
      suspectEtaS,
      units,
      checkpoints: checkpointCameras.filter((c) => haversineM(c, e) <= exitPostsM).map((c) => c.id),
      posts: posts.filter((p) => haversineM(p, e) <= exitPostsM).map((p) => p.name),
    };
  });
  return {
    area: chosen.reach.area,
    nowArea: now.area,
    horizonMinutes: chosen.horizonMinutes,
    reachM: Math.round(chosen.reach.reachM),
    exits,
    graphVersion: chosen.reach.graphVersion,
  };
}

/**
 * A maximum matching of exits to units that beat the suspect there (one unit per exit, one exit
 * per unit), by augmenting paths (Kuhn). Exits are taken soonest suspect first and a matched exit
 * stays matched, so when not every exit can be closed the ones left open are the later ones.
 * Each exit tries its units fastest first. Returns exit id → unit id.
 */
export function matchExits(
  exits: readonly ExitOf[],
  etas: Map<string, Map<string, Eta>>,
  suspectFromNow: (e: ExitOf) => number,
): Map<string, string> {
  const order = [...exits].sort(
    (a, b) => suspectFromNow(a) - suspectFromNow(b) || a.id.localeCompare(b.id),
  );
  const beaters = new Map<string, string[]>();
  for (const e of order) {
    const s = suspectFromNow(e);
    beaters.set(
      e.id,
      [...(etas.get(e.id) ?? new Map<string, Eta>()).entries()]
        .filter(([, eta]) => eta.etaS < s)
        .sort((a, b) => a[1].etaS - b[1].etaS || a[0].localeCompare(b[0]))
        .map(([unitId]) => unitId),
    );
  }
  const exitOfUnit = new Map<string, string>();
  const unitOfExit = new Map<string, string>();
  const augment = (exitId: string, seen: Set<string>): boolean => {
    for (const unitId of beaters.get(exitId) ?? []) {
      if (seen.has(unitId)) continue;
      seen.add(unitId);
      const holder = exitOfUnit.get(unitId);
      if (holder === undefined || augment(holder, seen)) {
        exitOfUnit.set(unitId, exitId);
        unitOfExit.set(exitId, unitId);
        return true;
      }
    }
    return false;
  };
  for (const e of order) augment(e.id, new Set());
  return unitOfExit;
}
