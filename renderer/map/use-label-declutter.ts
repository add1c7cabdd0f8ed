/**
 * Keeps a map's names from writing over each other (label-declutter.ts): again after every
 * zoom or pan, after layers come (the geometry, the units), and every few seconds while units
 * move their call signs. On every map: the desk's, the Dispatch tab's and the wall's.
 */
import type L from 'leaflet';
import { useEffect } from 'react';
import { declutterLabels, HIDDEN_LABEL_CLASS } from './label-declutter';

/** Units move: their call signs are placed again this often. */
const AGAIN_MS = 2_000;

export function useLabelDeclutter(map: L.Map | null, enabled: boolean): void {
  useEffect(() => {
    if (!map || !enabled) return;
    const container = map.getContainer();
    let frame = 0;
    const run = (): void => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        declutterLabels(container);
      });
    };
    map.on('zoomend moveend resize layeradd', run);
    const timer = setInterval(run, AGAIN_MS);
    run();
    return () => {
      map.off('zoomend moveend resize layeradd', run);
      clearInterval(timer);
      if (frame) cancelAnimationFrame(frame);
      for (const el of container.querySelectorAll(`.${HIDDEN_LABEL_CLASS}`)) {
        el.classList.remove(HIDDEN_LABEL_CLASS);
      }
      delete container.dataset.labelsHidden;
    };
  }, [map, enabled]);
}
