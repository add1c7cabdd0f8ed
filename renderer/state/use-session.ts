import type { EventPayloads } from '../../shared/api';
import type { SessionState } from '../../shared/contract/session';
import type { VigilClient } from '../transport/client';
import { useSyncedState, type SyncedState } from '../transport/use-synced-state';

const loadSession = (client: VigilClient): Promise<SessionState> => client.get('session.get', {});
const applySession = (_: SessionState, payload: EventPayloads['session']): SessionState => payload;

/** Who is signed in at this station (the desk's gate, the walls' on-duty operator). */
export function useSession(): SyncedState<SessionState> {
  return useSyncedState('session', loadSession, applySession);
}
