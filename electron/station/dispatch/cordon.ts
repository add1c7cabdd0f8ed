/**
 * The cordon (封边合围, issue #13 item 7): where a fleeing suspect may be by now over the roads,
 * the road exits of the area it can reach within the horizon, and for each exit the units that
 * can be there first (`beats`: before the suspect), with the checkpoint cameras and fixed posts
 * within 300 m of it.
 *
 * The road router's `suspectEtaS` counts from the event (the start of its search); the plan's
 * counts from now, which is what a chief compares with a unit's ETA.
 */
import type { Catalog } from '../../../shared/api';
import type { CordonExit, CordonPlan } from '../../../shared/contract/dispatch';
import type { MapGeometry } from '../../../shared/contract/map';
import { haversineM } from '../../../shared/domain/geo';
import type { PlacedUnit } from './order-service';
import type { RoadRouter } from './road-router';

/** Checkpoints and posts this close to an exit are listed with it, metres. */
export const exitPostsM = 300;
/** Units listed per exit. */
export const unitsPerExit = 8;

export async function planCordon(args: {
  router: RoadRouter;
  from: { lat: number; lng: number };
  mode: 'vehicle' | 'foot';
  speedKmh: number;
  minutesSince: number;
  horizonMinutes: number;
  candidates: PlacedUnit[];
  catalog: Catalog | null;
  geometry: MapGeometry;
}): Promise<CordonPlan> {
  const elapsedS = args.minutesSince * 60;
  const [now, ahead] = await Promise.all([
    args.router.reach(args.from, args.mode, args.speedKmh, elapsedS),
    args.router.reach(args.from, args.mode, args.speedKmh, elapsedS + args.horizonMinutes * 60),
  ]);
  const origins = args.candidates.map((p) => ({
    id: p.unit.unitId,
    lat: p.at.lat,
    lng: p.at.lng,
    kind: p.unit.kind,
  }));
  const etas =
    ahead.exits.length > 0 && origins.length > 0
      ? await args.router.etaToMany(
          ahead.exits.map((e) => ({ id: e.id, lat: e.lat, lng: e.lng })),
          origins,
        )
      : new Map<string, Map<string, { etaS: number; roadM: number }>>();
  const callSigns = new Map(args.candidates.map((p) => [p.unit.unitId, p.unit.callSign]));
  const checkpointCameras = (args.catalog?.cameras ?? []).filter((c) => c.kind === 'checkpoint');
  const posts = [...args.geometry.checkpoints, ...args.geometry.dutyPosts];
  const exits: CordonExit[] = ahead.exits.map((e) => {
    const suspectEtaS = Math.max(0, Math.round(e.suspectEtaS - elapsedS));
    const units = [...(etas.get(e.id) ?? new Map<string, { etaS: number }>()).entries()]
      .map(([unitId, eta]) => ({
        unitId,
        callSign: callSigns.get(unitId) ?? unitId,
        etaS: Math.round(eta.etaS),
        beats: eta.etaS < suspectEtaS,
      }))
      .sort((a, b) => a.etaS - b.etaS)
      .slice(0, unitsPerExit);
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
    area: now.area,
    reachM: Math.round(now.reachM),
    exits,
    graphVersion: ahead.graphVersion,
  };
}
