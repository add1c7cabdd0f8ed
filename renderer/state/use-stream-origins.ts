import { useEffect, useState } from 'react';
import type { VigilClient } from '../transport/client';
import { useClient } from '../transport/use-client';

/** One station.info per window, shared by every tile that asks. */
const asked = new WeakMap<VigilClient, Promise<string[] | undefined>>();

/**
 * The origins this window's CSP lets video load from (station.info), or undefined while unknown
 * (and from an older core that does not say): then nothing is judged not allowed.
 */
export function useStreamOrigins(): string[] | undefined {
  const client = useClient();
  const [origins, setOrigins] = useState<string[] | undefined>(undefined);
  useEffect(() => {
    let gone = false;
    let answer = asked.get(client);
    if (!answer) {
      answer = client
        .call('station.info', {})
        .then((r) => (r.ok ? r.value.streamOrigins : undefined));
      asked.set(client, answer);
    }
    void answer.then((value) => {
      if (!gone) setOrigins(value);
    });
    return () => {
      gone = true;
    };
  }, [client]);
  return origins;
}
