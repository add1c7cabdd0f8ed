/**
 * What each wall shows, for the desk's miniatures (issue #15: they showed only the walls' own
 * assignments, not the cameras an alert pulled, a rotation's page or a tour's stop). The same
 * precedence as the wall windows (renderer/wall/watch/wall-watch.ts `planTiles`), so the
 * miniature and the wall cannot disagree. Pure.
 */
import type { WallState } from '../../../shared/api';
import type {
  FocusState,
  RotationState,
  TourState,
  TourSummary,
} from '../../../shared/contract/watch';
import { planTiles, wallRotation, type TileWatch } from '../../wall/watch/wall-watch';
import { tileCameras } from '../../common/wall-target';

export interface ShownTileWatch {
  kind: TileWatch['kind'];
  /** An alert's title (a pulled tile), a pin's reason. */
  note?: string;
}

export interface ShownWalls {
  /** The walls with each tile's camera as the wall shows it. */
  walls: WallState[];
  /** wallId → tile index → what the tile is doing for the watch. */
  watch: Map<number, Map<number, ShownTileWatch>>;
}

export function shownWalls(
  walls: readonly WallState[],
  focus: FocusState | undefined,
  rotation: RotationState | undefined,
  tours: { runs: TourState['runs']; tours: readonly TourSummary[] },
): ShownWalls {
  const watch = new Map<number, Map<number, ShownTileWatch>>();
  const shown = walls.map((wall) => {
    const running = wallRotation(rotation, wall.wallId);
    const run = tours.runs.find(
      (r) => r.wallId === wall.wallId && r.status === 'running' && r.current !== null,
    );
    const stop = run && run.current !== null ? run.stops[run.current] : undefined;
    const tileIndex = run ? (tours.tours.find((t) => t.id === run.tourId)?.tileIndex ?? 0) : 0;
    const plans = planTiles({
      wallId: wall.wallId,
      assigned: tileCameras(wall),
      rotation: running ? { page: running.view.page, warm: null } : null,
      focus,
      tour: stop ? { tileIndex, cameraId: stop.cameraId } : null,
    });
    const kinds = new Map<number, ShownTileWatch>();
    plans.forEach((p, i) => {
      if (!p.watch) return;
      const note =
        p.watch.kind === 'pull'
          ? p.watch.pull.title
          : p.watch.kind === 'pin'
            ? p.watch.pin.reason || undefined
            : undefined;
      kinds.set(i, note === undefined ? { kind: p.watch.kind } : { kind: p.watch.kind, note });
    });
    watch.set(wall.wallId, kinds);
    const assigned = tileCameras(wall);
    if (plans.every((p, i) => p.cameraId === assigned[i])) return wall;
    const byIndex = new Map(wall.tiles.map((t) => [t.index, t]));
    return {
      ...wall,
      tiles: plans.map((p, index) => ({ ...byIndex.get(index), index, cameraId: p.cameraId })),
    };
  });
  return { walls: shown, watch };
}
