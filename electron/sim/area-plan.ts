/**
 * The area tree of the simulated county (3 regions, 24 patrol zones, 48 grids, as FIELD.md) and
 * where each lies: the city region is the street grid, 邹西 the county west of it and 邹东 east.
 * A point belongs to its region's nearest zone centre, and to the zone's first grid when it lies
 * north of that centre, the second when south.
 */
import type { Area } from '../../shared/api';
import { distance, type Point } from './geo-frame';
import type { Prng } from './prng';
import { cityHalfHeight, cityHalfWidth, countyHalfHeight, countyHalfWidth } from './road-network';
import { gridOrdinals, stationsByRegion } from './place-names';

export interface Zone {
  id: string;
  stem: string;
  regionIndex: number;
  centre: Point;
  gridIds: [string, string];
}

export interface AreaPlan {
  areas: Area[];
  zones: Zone[];
  /** The grid id a point falls in. */
  gridAt(p: Point): string;
}

export function buildAreaPlan(prng: Prng): AreaPlan {
  const areas: Area[] = [];
  const zones: Zone[] = [];
  stationsByRegion.forEach((region, r) => {
    const regionId = `R${r + 1}`;
    areas.push({ id: regionId, name: region.name, level: 'region', parentId: null });
    region.stations.forEach((stem, z) => {
      const zoneId = `${regionId}-Z${String(z + 1).padStart(2, '0')}`;
      areas.push({ id: zoneId, name: `${stem}派出所`, level: 'zone', parentId: regionId });
      const gridIds = gridOrdinals.map((ordinal, g) => {
        const gridId = `${zoneId}-G${g + 1}`;
        areas.push({ id: gridId, name: `${stem}${ordinal}网格`, level: 'grid', parentId: zoneId });
        return gridId;
      }) as [string, string];
      zones.push({ id: zoneId, stem, regionIndex: r, centre: zoneCentre(r, z, prng), gridIds });
    });
  });

  const regionAt = (p: Point): number => {
    if (Math.abs(p.x) <= cityHalfWidth && Math.abs(p.y) <= cityHalfHeight) return 0;
    return p.x < 0 ? 1 : 2;
  };

  return {
    areas,
    zones,
    gridAt(p) {
      const r = regionAt(p);
      let best: Zone | null = null;
      let bestDistance = Infinity;
      for (const zone of zones) {
        if (zone.regionIndex !== r) continue;
        const d = distance(zone.centre, p);
        if (d < bestDistance) {
          best = zone;
          bestDistance = d;
        }
      }
      if (!best) throw new Error(`no zone in region ${r}`);
      return p.y >= best.centre.y ? best.gridIds[0] : best.gridIds[1];
    },
  };
}

/** City zones in a 4 × 2 block; country zones in two columns of four on their side. */
function zoneCentre(region: number, zone: number, prng: Prng): Point {
  const jitter = (): number => prng.range(-400, 400);
  if (region === 0) {
    const col = zone % 4;
    const row = Math.floor(zone / 4);
    return {
      x: -cityHalfWidth + ((col + 0.5) * 2 * cityHalfWidth) / 4 + jitter(),
      y: cityHalfHeight / 2 - row * cityHalfHeight + jitter(),
    };
  }
  const side = region === 1 ? -1 : 1;
  const col = zone % 2;
  const row = Math.floor(zone / 2);
  const inner = cityHalfWidth + 3000;
  return {
    x: side * (inner + col * ((countyHalfWidth - inner) * 0.6)) + jitter(),
    y: countyHalfHeight - ((row + 0.5) * 2 * countyHalfHeight) / 4 + jitter(),
  };
}
