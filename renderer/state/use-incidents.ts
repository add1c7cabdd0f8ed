/**
 * The station's incidents (issue #13): `incident.list` once, then the `incidents` stream (the ones
 * that changed: a new one, a new revision, this station's pending or refused changed). Kept as a
 * Map by id; an event never replaces a higher revision with a lower one.
 */
import type { EventPayloads } from '../../shared/api';
import type { Incident } from '../../shared/contract/dispatch';
import type { VigilClient } from '../transport/client';
import { useSyncedState, type SyncedState } from '../transport/use-synced-state';

export type IncidentMap = ReadonlyMap<string, Incident>;

/** How many the desk holds: the open ones and the recently finished (the core orders them). */
const LIST_LIMIT = 2000;

const loadIncidents = async (client: VigilClient): Promise<IncidentMap> =>
  new Map((await client.get('incident.list', { limit: LIST_LIMIT })).map((i) => [i.id, i]));

export function mergeIncidents(state: IncidentMap, incidents: readonly Incident[]): IncidentMap {
  if (incidents.length === 0) return state;
  const next = new Map(state);
  for (const incident of incidents) {
    const known = next.get(incident.id);
    if (known && incident.rev < known.rev) continue;
    next.set(incident.id, incident);
  }
  return next;
}

const applyIncidents = (state: IncidentMap, payload: EventPayloads['incidents']): IncidentMap =>
  mergeIncidents(state, payload.incidents);

export function useIncidents(): SyncedState<IncidentMap> {
  return useSyncedState('incidents', loadIncidents, applyIncidents);
}
