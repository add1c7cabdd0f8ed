import { useSyncExternalStore } from 'react';
import { clockSnapshot, subscribeClock } from './clock-store';

/** The current time, whole seconds, re-rendering once a second. */
export function useClock(): number {
  return useSyncExternalStore(subscribeClock, clockSnapshot);
}
