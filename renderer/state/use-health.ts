/**
 * Camera health as the desk holds it (issue #16): the fault tickets (`health.tickets`, then the
 * `health.ticket` stream, kept by revision) and each camera's health mark (`health.marks`, then
 * `health.mark`), which the camera tree colours by. Until the core has health, the fetch fails
 * with `unavailable` and is retried; the views say so in words.
 */
import type { EventPayloads } from '../../shared/api';
import type { FaultTicket, HealthMark } from '../../shared/contract/health';
import { applyMark, mergeTickets, type MarkMap, type TicketMap } from '../desk/health/health-model';
import type { VigilClient } from '../transport/client';
import { useSyncedState, type SyncedState } from '../transport/use-synced-state';

/** Closed and withdrawn tickets kept at the desk: those opened in the last 30 days. */
const ALL_SINCE_MS = 30 * 86_400_000;
const EMPTY: TicketMap = new Map();

const loadTickets = async (client: VigilClient): Promise<TicketMap> => {
  const [open, recent] = await Promise.all([
    client.get('health.tickets', { status: 'open', limit: 2000 }),
    client.get('health.tickets', {
      status: 'all',
      sinceMs: Math.max(0, Date.now() - ALL_SINCE_MS),
      limit: 2000,
    }),
  ]);
  return mergeTickets(mergeTickets(EMPTY, recent), open);
};

const applyTicket = (state: TicketMap, ticket: FaultTicket): TicketMap =>
  mergeTickets(state, [ticket]);

export function useHealthTickets(): SyncedState<TicketMap> {
  return useSyncedState('health.ticket', loadTickets, applyTicket);
}

const loadMarks = async (client: VigilClient): Promise<MarkMap> => {
  const marks = await client.get('health.marks', {});
  const state = new Map<string, HealthMark>();
  for (const { cameraId, mark } of marks) if (mark !== 'ok') state.set(cameraId, mark);
  return state;
};

const applyMarkEvent = (state: MarkMap, payload: EventPayloads['health.mark']): MarkMap =>
  applyMark(state, payload.cameraId, payload.mark);

export function useHealthMarks(): SyncedState<MarkMap> {
  return useSyncedState('health.mark', loadMarks, applyMarkEvent);
}
