/**
 * Tracks from the cache: the fixes of 1..20 units over a range with stops, length and speeds
 * (tracks.query), and one unit's track as GPX (tracks.exportGpx).
 */
import type { GpxExport, TracksResult, UnitTrack } from '../../../shared/contract/map';
import { detectStops, downsample, toGpx, trackStats } from '../../../shared/domain/geo';
import { defaultTimeZone, fileStamp } from '../../../shared/domain/time/hall-time';
import { VigilError } from '../../../shared/result';
import type { PositionIngest } from './position-ingest';
import type { PositionStore } from '../cache/position-store';
import type { UnitService } from './unit-service';

/** A GPX export holds at most this many fixes (a week at 1 Hz). */
export const maxGpxPoints = 7 * 86_400;

/**
 * A GPX file's name: the unit and when its track starts, in the hall's time zone
 * (`巡01-20260314-213000.gpx`), as the watcher reads the clock — not UTC, which put a night
 * shift's track under the previous afternoon.
 */
export function gpxFileName(name: string, fromMs: number, zone: string): string {
  return `${name}-${fileStamp(fromMs, zone)}.gpx`.replace(/[\\/:*?"<>|]/g, '_');
}

export interface TrackQuery {
  unitIds: string[];
  fromMs: number;
  toMs: number;
  maxPoints: number;
  stopMinMs: number;
  stopRadiusM: number;
}

export class TrackService {
  constructor(
    private readonly store: PositionStore,
    private readonly ingest: PositionIngest,
    private readonly units: UnitService,
    /** The hall's time zone (`station.timeZone`): export file names are stamped in it. */
    private readonly timeZone: string = defaultTimeZone,
  ) {}

  query(q: TrackQuery): TracksResult {
    // What arrived in the last 250 ms is part of the track the operator asks for.
    this.ingest.flush();
    const tracks: UnitTrack[] = [...new Set(q.unitIds)].map((unitId) => {
      const fixes = this.store.track(unitId, q.fromMs, q.toMs);
      const stops = detectStops(fixes, { radiusM: q.stopRadiusM, minMs: q.stopMinMs });
      const stats = trackStats(fixes);
      const points = downsample(fixes, q.maxPoints, stops);
      const unit = this.units.get(unitId);
      return {
        unitId,
        callSign: unit?.callSign ?? unitId,
        kind: unit?.kind ?? null,
        points,
        totalPoints: fixes.length,
        downsampled: points.length < fixes.length,
        stops: stops.map(({ lat, lng, fromMs, toMs, durationMs }) => ({
          lat,
          lng,
          fromMs,
          toMs,
          durationMs,
        })),
        ...stats,
      };
    });
    return { fromMs: q.fromMs, toMs: q.toMs, tracks };
  }

  exportGpx(unitId: string, fromMs: number, toMs: number): GpxExport {
    this.ingest.flush();
    const unit = this.units.get(unitId);
    const count = this.store.countTrack(unitId, fromMs, toMs);
    if (!unit && count === 0) throw new VigilError('not-found', `no unit ${unitId}`);
    if (count > maxGpxPoints) {
      throw new VigilError(
        'bad-input',
        `tracks.exportGpx: ${count} fixes in the range; export at most ${maxGpxPoints} (about a week) at a time`,
      );
    }
    const fixes = this.store.track(unitId, fromMs, toMs);
    const name = unit?.callSign ?? unitId;
    return {
      filename: gpxFileName(name, fromMs, this.timeZone),
      gpx: toGpx({
        name,
        description: `${unitId} ${new Date(fromMs).toISOString()} – ${new Date(toMs).toISOString()}`,
        points: fixes,
      }),
      points: fixes.length,
    };
  }
}
