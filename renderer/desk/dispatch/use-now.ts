import { useEffect, useState } from 'react';

/** The clock, re-read every `everyMs` (ages in minutes, order timers in seconds). */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
