import type { EventPayloads, LinkState } from '../../shared/api';
import type { VigilClient } from '../transport/client';
import { useSyncedState, type SyncedState } from '../transport/use-synced-state';

const loadLink = (client: VigilClient): Promise<LinkState> => client.get('link.get', {});
const applyLink = (_: LinkState, payload: EventPayloads['link']): LinkState => payload;

/** The upstream link: online / degraded / offline, and where the catalog came from. */
export function useLinkState(): SyncedState<LinkState> {
  return useSyncedState('link', loadLink, applyLink);
}
