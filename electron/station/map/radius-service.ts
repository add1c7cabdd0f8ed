/**
 * Radius search (map.radius): the cameras within a radius of a point, those that can see it
 * (field of view) first, each group nearest first; and the nearest units. Cameras are kept in a
 * coarse spatial hash (cells of ~1 km), rebuilt when the catalog version changes, so a search
 * touches a few cells instead of 26,000 cameras. A vehicle or body camera is placed where its
 * unit is now (its catalog position is only where it was registered).
 */
import type { Camera, Catalog } from '../../../shared/api';
import type { RadiusCamera, RadiusResult, RadiusUnit } from '../../../shared/contract/map';
import { haversineM, visibility } from '../../../shared/domain/geo';
import type { UnitService } from './unit-service';

const cellDeg = 0.01;

interface Index {
  version: string;
  cells: Map<string, Camera[]>;
  mobile: Camera[];
}

export class RadiusService {
  private index: Index | null = null;

  constructor(
    private readonly catalog: () => Catalog | null,
    private readonly units: UnitService,
  ) {}

  search(q: {
    lat: number;
    lng: number;
    radiusM: number;
    cameraLimit: number;
    unitLimit: number;
  }): RadiusResult {
    const point = { lat: q.lat, lng: q.lng };
    const index = this.cameraIndex();
    const unitsNow = this.units.list();
    const unitBySign = new Map(unitsNow.map((u) => [u.callSign, u]));
    const found: RadiusCamera[] = [];
    const consider = (c: Camera, at: { lat: number; lng: number }): void => {
      const v = visibility({ ...c, ...at }, point);
      if (v.distanceM > q.radiusM) return;
      found.push({
        cameraId: c.id,
        name: c.name,
        kind: c.kind,
        status: c.status,
        lat: at.lat,
        lng: at.lng,
        distanceM: Math.round(v.distanceM * 10) / 10,
        bearingDeg: Math.round(v.bearingDeg * 10) / 10,
        sees: v.sees,
      });
    };
    if (index) {
      const dLat = q.radiusM / 111_195;
      const dLng = dLat / Math.max(0.01, Math.cos((q.lat * Math.PI) / 180));
      for (
        let cy = Math.floor((q.lat - dLat) / cellDeg);
        cy <= Math.floor((q.lat + dLat) / cellDeg);
        cy++
      ) {
        for (
          let cx = Math.floor((q.lng - dLng) / cellDeg);
          cx <= Math.floor((q.lng + dLng) / cellDeg);
          cx++
        ) {
          for (const c of index.cells.get(`${cx},${cy}`) ?? []) consider(c, c);
        }
      }
      for (const c of index.mobile) {
        const unit = unitBySign.get(c.name.split(/\s+/).at(-1) ?? '');
        // A mobile camera is where its unit is; without a live unit, its heading means nothing.
        if (unit) consider({ ...c, heading: unit.heading }, unit);
        else consider(c, c);
      }
    }
    found.sort((a, b) => Number(b.sees) - Number(a.sees) || a.distanceM - b.distanceM);
    const units: RadiusUnit[] = unitsNow
      .map((u) => {
        const distanceM = haversineM(u, point);
        return {
          unitId: u.unitId,
          callSign: u.callSign,
          kind: u.kind,
          status: u.status,
          stale: u.stale,
          lat: u.lat,
          lng: u.lng,
          distanceM: Math.round(distanceM * 10) / 10,
          withinRadius: distanceM <= q.radiusM,
        };
      })
      .sort((a, b) => a.distanceM - b.distanceM)
      .slice(0, q.unitLimit);
    return {
      lat: q.lat,
      lng: q.lng,
      radiusM: q.radiusM,
      cameras: found.slice(0, q.cameraLimit),
      camerasInRadius: found.length,
      units,
    };
  }

  private cameraIndex(): Index | null {
    const catalog = this.catalog();
    if (!catalog) return null;
    if (this.index?.version === catalog.version) return this.index;
    const cells = new Map<string, Camera[]>();
    const mobile: Camera[] = [];
    for (const c of catalog.cameras) {
      if (c.kind === 'vehicle' || c.kind === 'body') {
        mobile.push(c);
        continue;
      }
      const key = `${Math.floor(c.lng / cellDeg)},${Math.floor(c.lat / cellDeg)}`;
      let list = cells.get(key);
      if (!list) cells.set(key, (list = []));
      list.push(c);
    }
    this.index = { version: catalog.version, cells, mobile };
    return this.index;
  }
}
