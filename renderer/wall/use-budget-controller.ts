/**
 * Runs this wall window's decoder budget at run time (budget-controller.ts): every window it
 * reads the front <video> of every tile with a slot (getVideoPlaybackQuality, the buffer ahead),
 * with how late the page's own timers ran (lag-probe.ts) and whether the platform link is up,
 * gives the window to the controller through the budget store, and when the budget moves it logs
 * why and stores what was learnt as this wall's next start. Mounted once per wall window.
 *
 * Test seam (`?budgetTest` on the wall's URL, e2e only): the videos are not read; each window
 * says the tiles with a slot dropped the share given to `window.__vigilTest.budgetLoad(share)`
 * (0 until called), with windows of half a second; `budgetLoad(share, { behind, lagMs })` also
 * says that share of the tiles fell behind the clock while the page's timers ran `lagMs` late (a
 * processor taken by another task), with the real link state. Injected readings, not a CPU hog:
 * a hog on a shared 2-core test machine loads every other test too and is never switched off at
 * a known moment, so "lowered under load, back up when it ends" could not be asserted without
 * timing.
 */
import { useEffect, useRef } from 'react';
import {
  CONTROL_WINDOW_MS,
  learnedBudgetKey,
  learntFrom,
  parseLearned,
  windowFromReadings,
  type TileReading,
} from './budget-controller';
import { budgetSnapshot, stepDecoderBudget, type BudgetChange } from './budget-store';
import { frontOf } from './front-frames';
import { startLagProbe } from './lag-probe';
import { bufferedAhead } from './use-hls-player';

/** The test seam's window: short, so an e2e sees a recovery in seconds. */
const TEST_WINDOW_MS = 500;
/** Frames a tile is due per second (the simulator's 25 fps), for the test seam's windows. */
const TEST_FPS = 25;

interface TestSeam {
  share: number;
  /** Share of the tiles behind the clock, and the page's timer lag (ms). */
  behind: number;
  lagMs: number;
}

/** `window.__vigilTest.budgetLoad(share)` when the URL asks for it, else null. */
function installTestSeam(): TestSeam | null {
  if (!new URLSearchParams(window.location.search).has('budgetTest')) return null;
  const seam: TestSeam = { share: 0, behind: 0, lagMs: 0 };
  // A test-only global, not typed in the app's globals on purpose.
  const host = window as unknown as { __vigilTest?: Record<string, unknown> };
  host.__vigilTest = {
    ...host.__vigilTest,
    budgetLoad: (share: unknown, starved?: { behind?: unknown; lagMs?: unknown }): void => {
      if (typeof share !== 'number' || !(share >= 0 && share <= 1))
        throw new TypeError(`budgetLoad takes a dropped share from 0 to 1, not ${String(share)}`);
      const behind = starved?.behind ?? 0;
      const lagMs = starved?.lagMs ?? 0;
      if (typeof behind !== 'number' || !(behind >= 0 && behind <= 1))
        throw new TypeError(`budgetLoad's behind is a share from 0 to 1, not ${String(behind)}`);
      if (typeof lagMs !== 'number' || !(lagMs >= 0 && lagMs <= 60_000))
        throw new TypeError(`budgetLoad's lagMs is 0 to 60000 ms, not ${String(lagMs)}`);
      seam.share = share;
      seam.behind = behind;
      seam.lagMs = lagMs;
    },
  };
  return seam;
}

/** The front video of every tile with a slot, now. */
function readTiles(): TileReading[] {
  const readings: TileReading[] = [];
  for (const index of budgetSnapshot().decoding) {
    const video = frontOf(index)?.video;
    const quality = video?.getVideoPlaybackQuality?.();
    if (!video || !quality) continue;
    readings.push({
      video,
      total: quality.totalVideoFrames,
      dropped: quality.droppedVideoFrames,
      bufferedAheadS: bufferedAhead(video),
      playing: !video.paused && !video.ended,
      mediaTimeS: video.currentTime,
      at: performance.now(),
      rate: video.playbackRate,
    });
  }
  return readings;
}

/** What was learnt, stored for the next start (budget-controller.ts's `learntFrom`). */
function remember(key: string, change: BudgetChange, now: number): void {
  try {
    const learnt = learntFrom(parseLearned(window.localStorage.getItem(key)), change, now);
    if (learnt) window.localStorage.setItem(key, JSON.stringify(learnt));
  } catch {
    // Storage disabled (a kiosk profile): the next start begins from the calibration again.
  }
}

/**
 * `linkUp`: the platform link is online now (a stall while it is not is the network's, never a
 * reason to lower the budget).
 */
export function useBudgetController(wallId: number, linkUp: boolean): void {
  const link = useRef(linkUp);
  useEffect(() => {
    link.current = linkUp;
  }, [linkUp]);
  useEffect(() => {
    const seam = installTestSeam();
    const windowMs = seam ? TEST_WINDOW_MS : CONTROL_WINDOW_MS;
    let last = seam ? [] : readTiles();
    const lag = seam ? null : startLagProbe();
    // `?budgetLog` (the wall bench): every window, not only the changes, to the console.
    const logWindows = new URLSearchParams(window.location.search).has('budgetLog');
    const timer = setInterval(() => {
      let measured;
      if (seam) {
        const tiles = budgetSnapshot().decoding.size;
        const frames = Math.round((tiles * TEST_FPS * windowMs) / 1000);
        measured = {
          tiles,
          frames,
          dropped: Math.round(frames * seam.share),
          decoderStalls: 0,
          behind: Math.round(tiles * seam.behind),
          lagMs: seam.lagMs,
          linkUp: link.current,
        };
      } else {
        const now = readTiles();
        const lagMs = lag?.take();
        measured = {
          ...windowFromReadings(last, now),
          lagMs: lagMs === undefined ? undefined : Math.round(lagMs),
          linkUp: link.current,
        };
        last = now;
        if (logWindows) console.debug('vigil: decoder window', JSON.stringify(measured));
      }
      const change = stepDecoderBudget(measured);
      if (!change) return;
      const at = Date.now();
      console.info('vigil: decoder budget', JSON.stringify({ wallId, ...change, measured }));
      remember(learnedBudgetKey(wallId), change, at);
    }, windowMs);
    return () => {
      clearInterval(timer);
      lag?.stop();
    };
  }, [wallId]);
}
