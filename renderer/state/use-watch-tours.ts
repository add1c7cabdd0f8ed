/**
 * Patrol tours on the desk: the runs in progress (`tour.state`, then each `tour` event's runs,
 * applied as they come: a mark or a missed stop fetches nothing), the tours (`tour.list`) and the
 * finished runs (`tourRun.list`). Those two are fetched again only when an event says a run
 * started or ended (a window opened, so a tour's next opening moved; a run joined the record),
 * on a `reset`, and when the desk saves, deletes, starts or stops (`reload`): the event carries
 * the runs, not the tours nor the record (docs/architecture.md, "Rotation is decided…").
 */
import { useCallback, useEffect, useState } from 'react';
import type { TourState, TourSummary } from '../../shared/contract/watch';
import type { TourRunState } from '../../shared/domain/watch';
import type { VigilClient } from '../transport/client';
import { useClient } from '../transport/use-client';
import { useSyncedState } from '../transport/use-synced-state';

const loadState = (client: VigilClient): Promise<TourState> => client.get('tour.state', {});
const applyState = (_: TourState, payload: TourState): TourState => ({ runs: payload.runs });

export const HISTORY_LIMIT = 50;

export interface WatchTours {
  tours: TourSummary[] | undefined;
  runs: TourState['runs'];
  history: TourRunState[] | undefined;
  /** Fetch tours and history again (after a save, delete, start or stop). */
  reload: () => void;
}

export function useWatchTours(): WatchTours {
  const client = useClient();
  const state = useSyncedState('tour', loadState, applyState);
  const [tours, setTours] = useState<TourSummary[] | undefined>(undefined);
  const [history, setHistory] = useState<TourRunState[] | undefined>(undefined);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(
    () =>
      client.subscribe('tour', {
        onEvent: (payload) => {
          if (payload.started !== undefined || payload.ended !== undefined)
            setGeneration((g) => g + 1);
        },
        onReset: () => setGeneration((g) => g + 1),
      }),
    [client],
  );

  useEffect(() => {
    let alive = true;
    void client.call('tour.list', {}).then((r) => {
      if (alive && r.ok) setTours([...r.value].sort((a, b) => a.name.localeCompare(b.name)));
    });
    void client.call('tourRun.list', { limit: HISTORY_LIMIT }).then((r) => {
      if (alive && r.ok) setHistory(r.value.filter((run) => run.status !== 'running'));
    });
    return () => {
      alive = false;
    };
  }, [client, generation]);

  return { tours, runs: state.value?.runs ?? [], history, reload };
}
