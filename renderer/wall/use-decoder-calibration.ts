/**
 * Decides where this wall window's decoder budget starts (decoder-budget.ts's budgetStart: the
 * URL, the config's `walls.decoderBudget`, what the run-time controller learnt last, the stored
 * calibration) and whether it adapts at run time (use-budget-controller.ts); when there is no
 * start, runs the
 * calibration (calibration.ts) once the catalog gives it cameras to play, then stores the answer
 * (localStorage, BUDGET_STORAGE_KEY) so it runs once per machine. Wall windows that start
 * together take turns (a Web Lock): the first measures, the others wait and take its answer.
 * The tiles keep the default budget meanwhile. Mounted once per wall window.
 */
import { useEffect, useMemo, useState } from 'react';
import type { CatalogView } from '../state/use-catalog';
import { useClient } from '../transport/use-client';
import { stationInfo } from '../state/use-station-info';
import { setDecoderBudget } from './budget-store';
import { calibrateDecoders } from './calibration';
import {
  BUDGET_MEASURED_AT_KEY,
  BUDGET_STORAGE_KEY,
  budgetMeasuredMeanwhile,
  budgetStart,
  CALIBRATION_STEPS,
} from './decoder-budget';
import { learnedBudgetKey } from './budget-controller';

export type CalibrationView =
  | { phase: 'none' }
  /** Another wall window of this machine is measuring; this one takes its answer. */
  | { phase: 'waiting' }
  | { phase: 'measuring'; streams: number }
  /** `shared`: measured by another wall window while this one waited. */
  | { phase: 'done'; budget: number; shared: boolean };

/** The lock wall windows of one machine (one origin) take to calibrate one at a time. */
const CALIBRATION_LOCK = 'vigil-decoder-calibration';
/** "Waiting" shows only when the lock is not granted at once. */
const WAITING_AFTER_MS = 300;

/** How long a window that waited gives the answer stored by the one before it to arrive. */
const ANSWER_LAG_MS = 2_000;

/**
 * `read()` now, or as soon as it has a value: localStorage reaches other windows (other renderer
 * processes) a moment after the write, so the lock can be granted before the answer stored under
 * it is visible here (seen in e2e: read 1 ms after the other window's write, empty). A `storage`
 * event says it arrived; after `ms`, or on abort, what `read()` says then.
 */
function soon<T>(read: () => T | null, ms: number, signal: AbortSignal): Promise<T | null> {
  const now = read();
  if (now !== null || signal.aborted) return Promise.resolve(now);
  return new Promise((resolve) => {
    const finish = (): void => {
      clearTimeout(timer);
      window.removeEventListener('storage', onStorage);
      signal.removeEventListener('abort', finish);
      resolve(read());
    };
    const onStorage = (): void => {
      if (read() !== null) finish();
    };
    const timer = setTimeout(finish, ms);
    window.addEventListener('storage', onStorage);
    signal.addEventListener('abort', finish, { once: true });
  });
}

/** Runs `task` holding the calibration lock (Web Locks; without them, at once). */
function oneWallAtATime<T>(signal: AbortSignal, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return task();
  // The lib types the answer as a promise of the task's promise; at run time it is its value.
  return locks.request(CALIBRATION_LOCK, { signal }, task).then((answer) => answer);
}

/** How long the measured budget stays on the wall after the calibration. */
const SHOW_RESULT_MS = 10_000;

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

/** Live sub-streams of cameras not offline in the catalog, as many as the ramp's largest step. */
function calibrationUrls(tree: CatalogView['tree']): string[] {
  const urls: string[] = [];
  const most = Math.max(...CALIBRATION_STEPS);
  for (const camera of tree?.cameras.values() ?? []) {
    if (camera.status === 'offline') continue;
    urls.push(camera.subUrl ?? camera.liveUrl);
    if (urls.length >= most) break;
  }
  return urls;
}

export function useDecoderCalibration(catalog: CatalogView, wallId: number): CalibrationView {
  const client = useClient();
  const [wanted, setWanted] = useState(false);
  const [view, setView] = useState<CalibrationView>({ phase: 'none' });
  // From the catalog's version, not from live statuses: a status change must not restart it.
  const tree = catalog.tree;
  const urls = useMemo(() => (wanted ? calibrationUrls(tree) : []), [wanted, tree]);

  useEffect(() => {
    let gone = false;
    void stationInfo(client).then((info) => {
      if (gone) return;
      const params = new URLSearchParams(window.location.search);
      const store = storage();
      const choice = budgetStart({
        query: params.get('budget'),
        configured: info?.decoderBudget ?? 'auto',
        stored: store?.getItem(BUDGET_STORAGE_KEY) ?? null,
        measuredAt: store?.getItem(BUDGET_MEASURED_AT_KEY) ?? null,
        learned: store?.getItem(learnedBudgetKey(wallId)) ?? null,
        recalibrate: params.has('calibrate'),
        now: Date.now(),
      });
      // A calibration to come: the start is fixed meanwhile (its players load the machine).
      setDecoderBudget(choice.budget, choice.reason, choice.adapt);
      console.info('vigil: decoder budget at start', JSON.stringify({ wallId, ...choice }));
      setWanted(choice.calibrate);
    });
    return () => {
      gone = true;
    };
  }, [client, wallId]);

  useEffect(() => {
    if (urls.length === 0) return;
    const abort = new AbortController();
    const waitingSince = Date.now();
    const waiting = setTimeout(() => setView({ phase: 'waiting' }), WAITING_AFTER_MS);
    void oneWallAtATime(abort.signal, async () => {
      clearTimeout(waiting);
      const store = storage();
      const measuredMeanwhile = () =>
        budgetMeasuredMeanwhile({
          stored: store?.getItem(BUDGET_STORAGE_KEY) ?? null,
          measuredAt: store?.getItem(BUDGET_MEASURED_AT_KEY) ?? null,
          waitingSince,
        });
      // A window that waited was behind one that measured: its answer may still be on its way.
      const waited = Date.now() - waitingSince >= WAITING_AFTER_MS;
      const meanwhile = waited
        ? await soon(measuredMeanwhile, ANSWER_LAG_MS, abort.signal)
        : measuredMeanwhile();
      if (meanwhile !== null) return { budget: meanwhile, runs: [], shared: true };
      const outcome = await calibrateDecoders({
        urls,
        signal: abort.signal,
        onProgress: (streams) => setView({ phase: 'measuring', streams }),
      });
      // Stored before the lock is let go, so a window waiting for it finds the answer.
      if (outcome.budget !== null) {
        store?.setItem(BUDGET_STORAGE_KEY, String(outcome.budget));
        store?.setItem(BUDGET_MEASURED_AT_KEY, String(Date.now()));
      }
      return { ...outcome, shared: false };
    }).then(
      ({ budget, runs, shared }) => {
        console.info('vigil: decoder calibration', JSON.stringify({ budget, shared, runs }));
        setWanted(false);
        if (budget === null) return setView({ phase: 'none' });
        // Measured: where the run-time controller starts.
        setDecoderBudget(budget, 'calibrated', true);
        setView({ phase: 'done', budget, shared });
      },
      () => {}, // aborted: the window is going away (or React's StrictMode remount runs it again)
    );
    return () => {
      clearTimeout(waiting);
      abort.abort();
    };
  }, [urls]);

  const done = view.phase === 'done';
  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => setView({ phase: 'none' }), SHOW_RESULT_MS);
    return () => clearTimeout(timer);
  }, [done]);

  return view;
}
