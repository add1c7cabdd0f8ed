import { useEffect, useState } from 'react';
import { acquireClock, type SyncClock } from './sync-clock';

/** This tile's share of its sync group's clock, acquired and released in one effect. */
export function useSyncClock(
  group: string,
  startMs: number,
  endMs: number,
  speed: number,
): SyncClock | null {
  const [clock, setClock] = useState<SyncClock | null>(null);
  useEffect(() => {
    const { clock: held, release } = acquireClock(group, startMs, endMs, speed);
    // The clock is a shared resource acquired and released by this effect; the tile learns it
    // from here (no other place may acquire it without releasing it).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setClock(held);
    return () => {
      setClock(null);
      release();
    };
  }, [group, startMs, endMs, speed]);
  return clock;
}
