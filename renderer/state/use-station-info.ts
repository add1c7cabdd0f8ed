/**
 * What `station.info` says of this station (its config's locale, decoder budget, idle lock, the
 * origins video may come from): asked once per window, shared by everything that needs it. It
 * does not change while the core runs (who is on duty does: that is `useSession`).
 */
import { useEffect, useState } from 'react';
import type { StationInfo } from '../../shared/api';
import type { VigilClient } from '../transport/client';
import { useClient } from '../transport/use-client';

const asked = new WeakMap<VigilClient, Promise<StationInfo | undefined>>();

/** The station's info, or undefined when the core could not be asked. */
export function stationInfo(client: VigilClient): Promise<StationInfo | undefined> {
  let answer = asked.get(client);
  if (!answer) {
    answer = client.call('station.info', {}).then((r) => (r.ok ? r.value : undefined));
    asked.set(client, answer);
  }
  return answer;
}

/** null until the core answers; undefined if it could not be asked. */
export function useStationInfo(): StationInfo | undefined | null {
  const client = useClient();
  const [info, setInfo] = useState<StationInfo | undefined | null>(null);
  useEffect(() => {
    let gone = false;
    void stationInfo(client).then((value) => {
      if (!gone) setInfo(value);
    });
    return () => {
      gone = true;
    };
  }, [client]);
  return info;
}

/**
 * The origins this window's CSP lets video load from; null until the core answers (a tile waits
 * rather than fire a request the browser may block); undefined when the core does not say (an
 * older core): then nothing is judged not allowed.
 */
export function useStreamOrigins(): string[] | undefined | null {
  const info = useStationInfo();
  return info === null ? null : info?.streamOrigins;
}
