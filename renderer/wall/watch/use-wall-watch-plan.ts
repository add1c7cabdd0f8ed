/**
 * Everything a wall window draws of the watch modes, from the core's states: each tile's camera
 * (now, and to warm for a rotation's next page) and badge, the rotation's status, and the tour
 * run open on this wall. Re-renders at a rotation's prewarmAt and swapAt, so every tile of a page
 * swaps in the same render (countdowns tick in their own small components).
 */
import { useMemo } from 'react';
import type { TourState, TourSummary, UnshownAlert } from '../../../shared/contract/watch';
import {
  nextRotationChange,
  planTiles,
  unshownOn,
  rotationPageAt,
  wallRotation,
  type TilePlan,
} from './wall-watch';
import { useFocusState, useNowAt, useRotationState, useWallTours } from './use-wall-watch';

export interface WallTour {
  run: TourState['runs'][number];
  tour: TourSummary | undefined;
  tileIndex: number;
  stopIndex: number;
  cameraId: string;
  check: string;
}

export interface WallWatchPlan {
  plans: TilePlan[];
  rotation: ReturnType<typeof wallRotation>;
  tour: WallTour | null;
  /** A run that started on this wall while it listened (for the banner). */
  started: { run: TourState['runs'][number]; tour: TourSummary | undefined; at: number } | null;
  now: number;
  /** Alerts for this wall that it does not show (its counter; the desk lists them). */
  unshown: UnshownAlert[];
}

export function useWallWatchPlan(
  wallId: number,
  assigned: readonly (string | null)[],
): WallWatchPlan {
  const rotationState = useRotationState();
  const focus = useFocusState();
  const tours = useWallTours();
  const rotation = useMemo(() => wallRotation(rotationState, wallId), [rotationState, wallId]);
  // `now` moves at each rotation instant (prewarmAt, swapAt) of the page on show.
  const nextAfter = useMemo(
    () => (rotation ? (t: number) => nextRotationChange(rotation.view, t) : null),
    [rotation],
  );
  const at = useNowAt(nextAfter);

  const tour = useMemo((): WallTour | null => {
    const run = tours.runs.find(
      (r) => r.wallId === wallId && r.status === 'running' && r.current !== null,
    );
    if (!run || run.current === null) return null;
    const def = tours.tours.find((t) => t.id === run.tourId);
    const stop = run.stops[run.current];
    if (!stop) return null;
    return {
      run,
      tour: def,
      tileIndex: def?.tileIndex ?? 0,
      stopIndex: run.current,
      cameraId: stop.cameraId,
      check: def?.stops[run.current]?.check ?? '',
    };
  }, [tours.runs, tours.tours, wallId]);

  const page = rotation ? rotationPageAt(rotation.view, at) : null;
  const plans = useMemo(
    () =>
      planTiles({
        wallId,
        assigned,
        rotation: page,
        focus,
        tour: tour ? { tileIndex: tour.tileIndex, cameraId: tour.cameraId } : null,
      }),
    // `page` is a new object per render; its pages are the states' own objects.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [wallId, assigned, page?.page, page?.warm, focus, tour],
  );

  const startedRun = tours.started
    ? tours.runs.find((r) => r.id === tours.started?.runId && r.wallId === wallId)
    : undefined;
  const started =
    startedRun && tours.started
      ? {
          run: startedRun,
          tour: tours.tours.find((t) => t.id === startedRun.tourId),
          at: tours.started.at,
        }
      : null;
  const unshown = useMemo(() => unshownOn(focus, wallId), [focus, wallId]);
  return { plans, rotation, tour, started, now: at, unshown };
}
