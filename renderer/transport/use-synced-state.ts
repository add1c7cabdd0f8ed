/**
 * State that lives in the core and reaches the window as "fetch once, then events": loads it,
 * applies each event of `stream` in order, and refetches when the client says events were lost.
 * Events that arrive while a fetch is in flight are applied on top of its answer (events carry
 * full states here, so applying one twice is harmless, and missing one is not).
 *
 * `apply` may answer `RELOAD` when an event only says "changed, fetch again" (the catalog).
 * `load` and `apply` must be stable (module-level functions or memoised): they are effect deps.
 */
import { useEffect, useState } from 'react';
import type { EventPayloads, EventStreamName } from '../../shared/api';
import type { VigilClient } from './client';
import { ClientError } from './client-error';
import { useClient } from './use-client';

export const RELOAD = Symbol('reload');

export interface SyncedState<T> {
  /** undefined until the first fetch answers. */
  value: T | undefined;
  /** The last fetch's failure, cleared by the next success. */
  error: ClientError | null;
}

export function useSyncedState<T, S extends EventStreamName>(
  stream: S,
  load: (client: VigilClient) => Promise<T>,
  apply: (state: T, payload: EventPayloads[S]) => T | typeof RELOAD,
): SyncedState<T> {
  const client = useClient();
  const [state, setState] = useState<SyncedState<T>>({ value: undefined, error: null });

  useEffect(() => {
    let alive = true;
    let loading = false;
    let current: T | undefined;
    let queued: EventPayloads[S][] = [];
    let retry: ReturnType<typeof setTimeout> | null = null;

    const fetchState = (): void => {
      if (retry) clearTimeout(retry);
      retry = null;
      loading = true;
      queued = [];
      load(client).then(
        (value) => {
          if (!alive) return;
          loading = false;
          let fresh = value;
          for (const payload of queued) {
            const next = apply(fresh, payload);
            if (next !== RELOAD) fresh = next;
          }
          queued = [];
          current = fresh;
          setState({ value: fresh, error: null });
        },
        (error: unknown) => {
          if (!alive) return;
          loading = false;
          const failure =
            error instanceof ClientError ? error : new ClientError('internal', String(error));
          setState({ value: current, error: failure });
          // Keep what we had and try again: the desk must keep working through a bad minute.
          retry = setTimeout(fetchState, 3_000);
        },
      );
    };

    const unsubscribe = client.subscribe(stream, {
      onEvent: (payload) => {
        if (loading) {
          queued.push(payload);
          return;
        }
        if (current === undefined) return; // the pending retry will fetch it all
        const next = apply(current, payload);
        if (next === RELOAD) {
          fetchState();
          return;
        }
        current = next;
        setState({ value: next, error: null });
      },
      onReset: () => {
        if (!loading) fetchState();
      },
    });
    fetchState();

    return () => {
      alive = false;
      if (retry) clearTimeout(retry);
      unsubscribe();
    };
  }, [client, stream, load, apply]);

  return state;
}
