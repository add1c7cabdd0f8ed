import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import type { WallBudgetReport } from '../../shared/contract/wall';
import { useClient } from '../transport/use-client';
import { budgetSnapshot, subscribeBudget, type BudgetSnapshot } from './budget-store';

/** At most one report a second per wall window (the desk's miniatures need no more). */
export const TILE_REPORT_INTERVAL_MS = 1000;

/** The budget as the wall's corner says it, for the desk (issue #14). */
export function budgetReport(b: BudgetSnapshot): WallBudgetReport | undefined {
  if (b.budget < 1) return undefined;
  const playing = b.decoding.size;
  return {
    budget: b.budget,
    playing,
    held: Math.max(0, b.wanting - playing),
    used: b.used,
    main: b.main.size,
    reason: b.reason,
    changedAt: Math.max(0, Math.round(b.changedAt)),
  };
}

/**
 * Collects what each tile says it is doing and reports the whole wall to the core
 * (`wall.reportTiles`, with the window's decoder budget), throttled: a burst of changes is one
 * call. Returns the callback tiles call with their state.
 */
export function useTileReporter(
  wallId: number,
  tileCount: number,
): (index: number, state: string) => void {
  const client = useClient();
  const states = useRef(new Map<number, string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastSent = useRef(0);
  const count = useRef(tileCount);
  const snapshot = useSyncExternalStore(subscribeBudget, budgetSnapshot);
  const budget = useRef(snapshot);

  const send = useCallback(() => {
    timer.current = null;
    lastSent.current = Date.now();
    const tiles = [...states.current]
      .filter(([index]) => index < count.current)
      .map(([index, state]) => ({ index, state }));
    void client.call('wall.reportTiles', { wallId, tiles, budget: budgetReport(budget.current) });
  }, [client, wallId]);

  const schedule = useCallback(() => {
    if (timer.current) return;
    const wait = Math.max(0, lastSent.current + TILE_REPORT_INTERVAL_MS - Date.now());
    timer.current = setTimeout(send, wait);
  }, [send]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  // The budget moved (or the tiles it lets play): say so.
  useEffect(() => {
    budget.current = snapshot;
    schedule();
  }, [snapshot, schedule]);
  // A layout change drops tiles: say so.
  useEffect(() => {
    count.current = tileCount;
    for (const index of [...states.current.keys()]) {
      if (index >= tileCount) states.current.delete(index);
    }
    schedule();
  }, [tileCount, schedule]);

  return useCallback(
    (index: number, state: string) => {
      if (states.current.get(index) === state) return;
      states.current.set(index, state);
      schedule();
    },
    [schedule],
  );
}
