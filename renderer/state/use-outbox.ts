import type { EventPayloads, OutboxStatus } from '../../shared/api';
import type { VigilClient } from '../transport/client';
import { useSyncedState, type SyncedState } from '../transport/use-synced-state';

const loadOutbox = (client: VigilClient): Promise<OutboxStatus> => client.get('outbox.status', {});
const applyOutbox = (_: OutboxStatus, payload: EventPayloads['outbox']): OutboxStatus => payload;

/** Operator actions not yet delivered to the platform. */
export function useOutbox(): SyncedState<OutboxStatus> {
  return useSyncedState('outbox', loadOutbox, applyOutbox);
}
