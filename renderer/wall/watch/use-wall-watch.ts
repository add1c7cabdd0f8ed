/**
 * A wall window's view of the watch modes: the core's rotation, tour and focus states (fetched
 * once, then followed by their event streams; a reloaded wall asks `rotation.state` and resumes
 * the page on show; it follows only the running rotations, never the groups' camera lists), and
 * a clock that ticks at the instants a rotation changes (prewarmAt, swapAt), not on a poll.
 */
import { useEffect, useState } from 'react';
import type {
  FocusState,
  RotationState,
  TourState,
  TourSummary,
  WatchEventPayloads,
} from '../../../shared/contract/watch';
import { useRotationRunning } from '../../state/use-watch-rotation';
import type { VigilClient } from '../../transport/client';
import { useClient } from '../../transport/use-client';
import { useSyncedState } from '../../transport/use-synced-state';

const loadFocus = (client: VigilClient): Promise<FocusState> => client.get('focus.list', {});
const loadTours = (client: VigilClient): Promise<TourState> => client.get('tour.state', {});
const replace = <T>(_: T, payload: T): T => payload;
const applyTours = (_: TourState, payload: WatchEventPayloads['tour']): TourState => ({
  runs: payload.runs,
});

export function useRotationState(): RotationState | undefined {
  return useRotationRunning().value;
}

export function useFocusState(): FocusState | undefined {
  return useSyncedState('focus', loadFocus, replace<FocusState>).value;
}

export interface WallTours {
  runs: TourState['runs'];
  /** The tours (for a run's tile, and each stop's check), refetched when a run starts. */
  tours: TourSummary[];
  /** The latest run that started while this window listened, and when it was told. */
  started: { runId: string; at: number } | null;
}

export function useWallTours(): WallTours {
  const client = useClient();
  const state = useSyncedState('tour', loadTours, applyTours);
  const [tours, setTours] = useState<TourSummary[]>([]);
  const [started, setStarted] = useState<WallTours['started']>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(
    () =>
      client.subscribe('tour', {
        onEvent: (payload) => {
          if (!payload.started) return;
          setStarted({ runId: payload.started, at: Date.now() });
          setGeneration((g) => g + 1);
        },
        onReset: () => setGeneration((g) => g + 1),
      }),
    [client],
  );
  const runs = state.value?.runs ?? [];
  // A run of a tour this window has not fetched yet (started before it listened): fetch again.
  const unknown = runs.some((r) => !tours.some((t) => t.id === r.tourId));
  useEffect(() => {
    let alive = true;
    void client.call('tour.list', {}).then((r) => {
      if (alive && r.ok) setTours(r.value);
    });
    return () => {
      alive = false;
    };
  }, [client, generation, unknown]);
  return { runs, tours, started };
}

/**
 * Now, re-rendered at each instant `nextAfter` names (null: no more), and once just after
 * `nextAfter` changes (a new state: its instants may already be past). Never before an instant,
 * even if a timer fires a millisecond early.
 */
export function useNowAt(nextAfter: ((now: number) => number | null) | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!nextAfter) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const step = (at: number): void => {
      setNow(at);
      const next = nextAfter(at);
      if (next === null) return;
      timer = setTimeout(() => step(Math.max(Date.now(), next)), Math.max(0, next - Date.now()));
    };
    timer = setTimeout(() => step(Date.now()), 0);
    return () => {
      if (timer !== null) clearTimeout(timer);
    };
  }, [nextAfter]);
  return now;
}
