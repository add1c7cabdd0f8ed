/**
 * Decides this wall window's decoder budget at start (decoder-budget.ts's chooseBudget: the URL,
 * the config's `walls.decoderBudget`, the stored calibration) and, when there is none, runs the
 * calibration (calibration.ts) once the catalog gives it cameras to play, then stores the answer
 * (localStorage, BUDGET_STORAGE_KEY) so it runs once per machine. The tiles keep the default
 * budget meanwhile. Mounted once per wall window.
 */
import { useEffect, useMemo, useState } from 'react';
import type { CatalogView } from '../state/use-catalog';
import { useClient } from '../transport/use-client';
import { setDecoderBudget } from './budget-store';
import { calibrateDecoders } from './calibration';
import { BUDGET_STORAGE_KEY, CALIBRATION_STEPS, chooseBudget } from './decoder-budget';

export type CalibrationView =
  { phase: 'none' } | { phase: 'measuring'; streams: number } | { phase: 'done'; budget: number };

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

export function useDecoderCalibration(catalog: CatalogView): CalibrationView {
  const client = useClient();
  const [wanted, setWanted] = useState(false);
  const [view, setView] = useState<CalibrationView>({ phase: 'none' });
  // From the catalog's version, not from live statuses: a status change must not restart it.
  const tree = catalog.tree;
  const urls = useMemo(() => (wanted ? calibrationUrls(tree) : []), [wanted, tree]);

  useEffect(() => {
    let gone = false;
    void client.call('station.info', {}).then((result) => {
      if (gone) return;
      const params = new URLSearchParams(window.location.search);
      const choice = chooseBudget({
        query: params.get('budget'),
        configured: result.ok ? (result.value.decoderBudget ?? 'auto') : 'auto',
        stored: storage()?.getItem(BUDGET_STORAGE_KEY) ?? null,
        recalibrate: params.has('calibrate'),
      });
      setDecoderBudget(choice.budget);
      setWanted(choice.calibrate);
    });
    return () => {
      gone = true;
    };
  }, [client]);

  useEffect(() => {
    if (urls.length === 0) return;
    const abort = new AbortController();
    void calibrateDecoders({
      urls,
      signal: abort.signal,
      onProgress: (streams) => setView({ phase: 'measuring', streams }),
    }).then(
      ({ budget, runs }) => {
        console.info('vigil: decoder calibration', JSON.stringify({ budget, runs }));
        setWanted(false);
        if (budget === null) return setView({ phase: 'none' });
        storage()?.setItem(BUDGET_STORAGE_KEY, String(budget));
        setDecoderBudget(budget);
        setView({ phase: 'done', budget });
      },
      () => {}, // aborted: the window is going away (or React's StrictMode remount runs it again)
    );
    return () => abort.abort();
  }, [urls]);

  const done = view.phase === 'done';
  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => setView({ phase: 'none' }), SHOW_RESULT_MS);
    return () => clearTimeout(timer);
  }, [done]);

  return view;
}
