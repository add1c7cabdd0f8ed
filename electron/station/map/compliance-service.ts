/**
 * The daily track review of one grid (每天轨迹查看, compliance.report): which units were in the
 * grid, which must-reach points each reached and when, how much of each must-patrol line each
 * travelled, and who missed points.
 *
 * Per unit, only fixes in the grid's box widened by `marginM` are read (one indexed range scan
 * per unit, filtered in SQLite), so a shift of 400 units is not loaded whole into JS. The margin
 * keeps short excursions out of the box from joining two far fixes into a false pass; longer
 * ones are gaps (> 60 s) that the geometry does not bridge.
 */
import type {
  ComplianceReport,
  MustPatrolLine,
  MustReachPoint,
  UnitCompliance,
} from '../../../shared/contract/map';
import {
  firstReach,
  lineCoverage,
  pointInPolygon,
  ringBounds,
  widenBounds,
} from '../../../shared/domain/geo';
import { VigilError } from '../../../shared/result';
import type { GeometryService } from './geometry-service';
import type { PositionIngest } from './position-ingest';
import type { PositionStore } from '../cache/position-store';
import type { UnitService } from './unit-service';

const marginM = 500;

export class ComplianceService {
  constructor(
    private readonly store: PositionStore,
    private readonly ingest: PositionIngest,
    private readonly geometry: GeometryService,
    private readonly units: UnitService,
  ) {}

  report(gridId: string, fromMs: number, toMs: number, corridorM: number): ComplianceReport {
    const g = this.geometry.get();
    const grid = g.areas.find((a) => a.id === gridId && a.level === 'grid');
    if (!grid) {
      throw new VigilError(
        'not-found',
        g.areas.length === 0 ? 'no district geometry yet' : `no grid ${gridId}`,
      );
    }
    this.ingest.flush();
    const points: MustReachPoint[] = g.mustReachPoints.filter((p) => p.gridId === gridId);
    const lines: MustPatrolLine[] = g.mustPatrolLines.filter((l) => l.gridId === gridId);
    const box = widenBounds(ringBounds(grid.polygon), marginM);

    const units: UnitCompliance[] = [];
    for (const unitId of this.store.unitIds()) {
      const fixes = this.store.trackInBox(unitId, fromMs, toMs, box);
      if (fixes.length === 0) continue;
      let fixesInGrid = 0;
      for (const f of fixes) if (pointInPolygon(f, grid.polygon)) fixesInGrid++;
      if (fixesInGrid === 0) continue;
      const reached: UnitCompliance['reached'] = [];
      const missed: string[] = [];
      for (const p of points) {
        const r = firstReach(fixes, p, p.radiusM);
        if (r)
          reached.push({ pointId: p.id, at: r.at, distanceM: Math.round(r.distanceM * 10) / 10 });
        else missed.push(p.id);
      }
      const unit = this.units.get(unitId);
      units.push({
        unitId,
        callSign: unit?.callSign ?? unitId,
        kind: unit?.kind ?? null,
        fixesInGrid,
        reached,
        missed,
        lines: lines.map((l) => {
          const c = lineCoverage(fixes, l.path, corridorM);
          return {
            lineId: l.id,
            fraction: Math.round(c.fraction * 1000) / 1000,
            coveredM: Math.round(c.coveredM),
            lengthM: Math.round(c.lengthM),
          };
        }),
      });
    }
    units.sort((p, q) => p.callSign.localeCompare(q.callSign, 'zh-CN'));
    const pointsReachedByAny = Object.fromEntries(
      points.map((p) => [p.id, units.some((u) => u.reached.some((r) => r.pointId === p.id))]),
    );
    return {
      gridId,
      gridName: grid.name,
      fromMs,
      toMs,
      mustReachPoints: points,
      mustPatrolLines: lines,
      units,
      pointsReachedByAny,
      unitsMissingPoints: units.filter((u) => u.missed.length > 0).map((u) => u.unitId),
    };
  }
}
