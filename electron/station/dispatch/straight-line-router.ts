/**
 * A RoadRouter without roads: every answer is the straight line at each kind's speed (car
 * 40 km/h, foot 5, village 15). The fallback while no road graph is loaded, and the tests'
 * double; `graphVersion` is null in every answer so the desk can say the ETAs are not by road.
 */
import type { RoadsInfo } from '../../../shared/contract/dispatch';
import type { LngLat, Ring } from '../../../shared/contract/map';
import type { UnitKind } from '../../../shared/contract/platform';
import { destination, haversineM } from '../../../shared/domain/geo';
import type { Eta, EtaAnswer, Origin, ReachAnswer, RoadRouter } from './road-router';

/** Speeds of each kind of unit, m/s. */
export const straightLineSpeedMs: Record<UnitKind, number> = {
  car: 40 / 3.6,
  foot: 5 / 3.6,
  village: 15 / 3.6,
};

const eta = (from: { lat: number; lng: number }, kind: UnitKind, to: typeof from): Eta => {
  const roadM = haversineM(from, to);
  return { etaS: roadM / straightLineSpeedMs[kind], roadM };
};

/** The number of exits the straight-line cordon puts round its circle (compass points). */
const exitBearings = [0, 45, 90, 135, 180, 225, 270, 315];
const bearingNames = ['北', '东北', '东', '东南', '南', '西南', '西', '西北'];

export class StraightLineRouter implements RoadRouter {
  info(): RoadsInfo | null {
    return null;
  }

  etaTo(target: { lat: number; lng: number }, origins: Origin[]): Promise<EtaAnswer> {
    const started = performance.now();
    const byId = new Map<string, Eta>();
    for (const o of origins) byId.set(o.id, eta(o, o.kind, target));
    return Promise.resolve({ byId, graphVersion: null, computeMs: performance.now() - started });
  }

  route(
    from: Origin,
    to: { lat: number; lng: number },
  ): Promise<(Eta & { line: LngLat[] }) | null> {
    return Promise.resolve({
      ...eta(from, from.kind, to),
      line: [
        [from.lng, from.lat],
        [to.lng, to.lat],
      ],
    });
  }

  /**
   * A circle of `speed × seconds`; its exits are the eight compass points on it, each reached
   * after `seconds` (the suspect's time from the start, as the road router gives it).
   */
  reach(
    from: { lat: number; lng: number },
    _mode: 'vehicle' | 'foot',
    speedKmh: number,
    seconds: number,
  ): Promise<ReachAnswer> {
    const reachM = Math.max(1, (speedKmh / 3.6) * seconds);
    const area: Ring = [];
    for (let b = 0; b < 360; b += 10) {
      const p = destination(from, b, reachM);
      area.push([p.lng, p.lat]);
    }
    const exits = exitBearings.map((b, i) => {
      const p = destination(from, b, reachM);
      return {
        id: `exit-${b}`,
        lat: p.lat,
        lng: p.lng,
        road: `${bearingNames[i] ?? ''}向 (直线)`,
        suspectEtaS: seconds,
      };
    });
    return Promise.resolve({ area, reachM, exits, graphVersion: null });
  }

  etaToMany(
    targets: { id: string; lat: number; lng: number }[],
    origins: Origin[],
  ): Promise<Map<string, Map<string, Eta>>> {
    const out = new Map<string, Map<string, Eta>>();
    for (const t of targets) {
      const byId = new Map<string, Eta>();
      for (const o of origins) byId.set(o.id, eta(o, o.kind, t));
      out.set(t.id, byId);
    }
    return Promise.resolve(out);
  }

  start(): void {}

  stop(): Promise<void> {
    return Promise.resolve();
  }
}
