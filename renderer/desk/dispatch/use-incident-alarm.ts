/**
 * New incidents announce themselves (issue #13 item 2): a short sound and a flash on their queue
 * row and marker for a few seconds. Mounted with the desk's tabs, so a new 110 call is heard while
 * the chief looks at the walls; the first load is not an arrival.
 */
import { useEffect, useRef, useState } from 'react';
import type { IncidentMap } from '../../state/use-incidents';
import { beep } from './beep';
import { arrivals } from './dispatch-model';

const FLASH_MS = 8_000;

export interface IncidentAlarm {
  /** Ids that arrived in the last few seconds (their rows flash). */
  flashing: ReadonlySet<string>;
  /** Open incidents nobody accepted yet (the tab's count). */
  newCount: number;
}

const NONE: ReadonlySet<string> = new Set();

export function useIncidentAlarm(incidents: IncidentMap | undefined): IncidentAlarm {
  const known = useRef<Set<string> | null>(null);
  const [flashing, setFlashing] = useState<ReadonlySet<string>>(NONE);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
    };
  }, []);

  useEffect(() => {
    if (!incidents) return;
    if (known.current === null) {
      known.current = new Set(incidents.keys());
      return;
    }
    const fresh = arrivals(known.current, incidents.values());
    for (const id of incidents.keys()) known.current.add(id);
    if (fresh.length === 0) return;
    beep(Math.max(...fresh.map((id) => incidents.get(id)?.level ?? 1)));
    setFlashing((before) => new Set([...before, ...fresh]));
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setFlashing((before) => {
        const next = new Set(before);
        for (const id of fresh) next.delete(id);
        return next;
      });
    }, FLASH_MS);
    timers.current.add(timer);
  }, [incidents]);

  let newCount = 0;
  for (const incident of incidents?.values() ?? []) if (incident.status === 'new') newCount++;
  return { flashing, newCount };
}
