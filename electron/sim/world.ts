/**
 * The simulated county: its roads, its area tree and its villages, all from one seed. The camera
 * catalog and the patrol units are both built on it.
 */
import { buildAreaPlan, type AreaPlan } from './area-plan';
import { distance, type Point } from './geo-frame';
import { createPrng } from './prng';
import { buildRoadNetwork, positionOnRoad, type Road } from './road-network';
import { villagePrefixes, villageSuffixes, villageSurnames } from './place-names';

export interface Village {
  name: string;
  at: Point;
}

export interface World {
  roads: Road[];
  plan: AreaPlan;
  villages: Village[];
  nearestVillage(p: Point): { village: Village; distance: number };
}

const villageCount = 160;

export function buildWorld(seed: number): World {
  const prng = createPrng(seed);
  const roads = buildRoadNetwork(prng);
  const plan = buildAreaPlan(prng);

  const countryRoads = roads.filter((r) => r.kind === 'country');
  const used = new Set<string>();
  const villages: Village[] = [];
  while (villages.length < villageCount) {
    const name = `${prng.pick(villagePrefixes)}${prng.pick(villageSurnames)}${prng.pick(villageSuffixes)}`;
    if (used.has(name)) continue;
    const road = prng.pick(countryRoads);
    const on = positionOnRoad(road, prng.range(0, road.length));
    const side = prng.chance(0.5) ? 1 : -1;
    const off = prng.range(150, 1500) * side;
    const rad = (on.heading * Math.PI) / 180;
    const at = { x: on.x + Math.cos(rad) * off, y: on.y - Math.sin(rad) * off };
    // Villages lie outside the city's street grid.
    if (Math.abs(at.x) < 6500 && Math.abs(at.y) < 7000) continue;
    used.add(name);
    villages.push({ name, at });
  }

  return {
    roads,
    plan,
    villages,
    nearestVillage(p) {
      let best = villages[0] as Village;
      let bestDistance = Infinity;
      for (const v of villages) {
        const d = distance(v.at, p);
        if (d < bestDistance) {
          best = v;
          bestDistance = d;
        }
      }
      return { village: best, distance: bestDistance };
    },
  };
}
