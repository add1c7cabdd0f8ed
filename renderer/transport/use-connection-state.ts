import { useCallback, useSyncExternalStore } from 'react';
import type { ConnectionState } from './connection';
import { useClient } from './use-client';

/** connecting / connected / reconnecting, re-rendering on every change. */
export function useConnectionState(): ConnectionState {
  const { connection } = useClient();
  const subscribe = useCallback(
    (onChange: () => void) => connection.onChange(onChange),
    [connection],
  );
  return useSyncExternalStore(subscribe, () => connection.state);
}
