/**
 * A wall page in a browser reloads itself after `walls.pageReloadHours`, at a calm moment
 * (scheduled-reload.ts). Under Electron (`window.vigil` present) the shell's memory guard does
 * this on measured memory instead, so nothing runs here.
 */
import { useEffect, useRef } from 'react';
import { useStationInfo } from '../state/use-station-info';
import { reloadUrl, SCHEDULED_RELOAD_CHECK_MS, scheduledReloadDue } from './scheduled-reload';

/** When this page started (its age is what grows its renderer's memory). */
const pageStartedAt = Date.now();

export function useScheduledReload(calm: boolean, reachable: boolean): void {
  const info = useStationInfo();
  const inBrowser = typeof window !== 'undefined' && !window.vigil;
  const hours = inBrowser ? (info?.wallPageReloadHours ?? 0) : 0;
  const now = useRef({ calm, reachable });
  useEffect(() => {
    now.current = { calm, reachable };
  }, [calm, reachable]);
  useEffect(() => {
    if (!(hours > 0)) return;
    const timer = setInterval(() => {
      const ageMs = Date.now() - pageStartedAt;
      if (!scheduledReloadDue({ ageMs, hours, ...now.current })) return;
      clearInterval(timer);
      console.info(
        `vigil: wall page up ${(ageMs / 3_600_000).toFixed(1)} h (walls.pageReloadHours ${hours}): reloading to free memory`,
      );
      window.location.replace(reloadUrl(window.location.href));
    }, SCHEDULED_RELOAD_CHECK_MS);
    return () => clearInterval(timer);
  }, [hours]);
}
