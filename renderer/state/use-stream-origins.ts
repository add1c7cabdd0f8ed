import { useEffect, useState } from 'react';
import type { VigilClient } from '../transport/client';
import { useClient } from '../transport/use-client';

/** One station.info per window, shared by every tile that asks. */
const asked = new WeakMap<VigilClient, Promise<string[] | undefined>>();

/**
 * The origins this window's CSP lets video load from (station.info); null until the core answers
 * (a tile waits for it rather than fire a request the browser may block); undefined when the core
 * does not say (an older core): then nothing is judged not allowed.
 */
export function useStreamOrigins(): string[] | undefined | null {
  const client = useClient();
  const [origins, setOrigins] = useState<string[] | undefined | null>(null);
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
