/**
 * The first-start calibration of a wall window's decoder budget: muted hls.js players of live
 * sub-streams (the wall's own hls.js settings) in a layer over the grid at 2 % opacity, added
 * step by step (decoder-budget.ts's ramp), each count measured a few seconds by every playing
 * video's getVideoPlaybackQuality, the wall's own tiles included (they keep decoding meanwhile,
 * so they are part of the load). The players are drawn, as tiles are: behind the grid, at
 * opacity 0 or off-screen Chromium does not composite them and they never drop a frame (32 at
 * 0 % where drawn ones drop a quarter at 24; docs/benchmarks.md). Ends within about `maxMs`;
 * every player is destroyed and the layer removed however it ends (done, failed, or the window
 * closing).
 */
import Hls from 'hls.js';
import {
  calibrationResult,
  calibrationStep,
  type CalibrationRun,
  type RampOptions,
} from './decoder-budget';
import { STARTED_FRAMES } from './budget-controller';
import { wallHlsConfig } from './hls-config';

export interface CalibrationTiming {
  /** Longest wait before a measurement for every video of the page to have played a little. */
  warmupMs: number;
  /** How long each count is measured. */
  measureMs: number;
  /** The whole calibration; a ramp still going then stops with what it has. */
  maxMs: number;
}

export const calibrationTiming: CalibrationTiming = {
  warmupMs: 2_000,
  measureMs: 2_000,
  // No step starts after this: the last one ends by ~22 s.
  maxMs: 18_000,
};

export interface CalibrationOutcome {
  /** null: the first measurement saw no video (no stream played): nothing learnt. */
  budget: number | null;
  runs: CalibrationRun[];
}

interface Quality {
  total: number;
  dropped: number;
}

const quality = (video: HTMLVideoElement): Quality => {
  const q = video.getVideoPlaybackQuality?.();
  return { total: q?.totalVideoFrames ?? 0, dropped: q?.droppedVideoFrames ?? 0 };
};

const playing = (video: HTMLVideoElement): boolean =>
  !video.paused && !video.ended && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA;

/** The players just added, and every other video of the page with a stream (the tiles'), are
 * past their start. */
const settled = (added: readonly HTMLVideoElement[]): boolean =>
  added.every((video) => quality(video).total >= STARTED_FRAMES) &&
  [...document.querySelectorAll('video')].every(
    (video) => video.currentSrc === '' || quality(video).total >= STARTED_FRAMES,
  );

/** Waits `ms`, or less when `signal` aborts (then throws). */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** One measurement: every video of the page playing at the start and still there at the end. */
async function measure(ms: number, signal: AbortSignal): Promise<CalibrationRun> {
  const before = new Map<HTMLVideoElement, Quality>();
  for (const video of document.querySelectorAll('video'))
    if (playing(video)) before.set(video, quality(video));
  await pause(ms, signal);
  let tiles = 0;
  let frames = 0;
  let dropped = 0;
  for (const [video, start] of before) {
    if (!video.isConnected) continue;
    const end = quality(video);
    tiles += 1;
    frames += Math.max(0, end.total - start.total);
    dropped += Math.max(0, end.dropped - start.dropped);
  }
  return { tiles, frames, droppedShare: frames > 0 ? dropped / frames : 1 };
}

export async function calibrateDecoders({
  urls,
  onProgress,
  signal,
  timing = calibrationTiming,
  ramp,
}: {
  /** Live sub-stream playlists to play (cycled when the ramp wants more players). */
  urls: readonly string[];
  /** The count being measured (streams decoding at once). */
  onProgress: (streams: number) => void;
  signal: AbortSignal;
  timing?: CalibrationTiming;
  ramp?: RampOptions;
}): Promise<CalibrationOutcome> {
  const layer = document.createElement('div');
  layer.className = 'wall-calibration-layer';
  layer.setAttribute('aria-hidden', 'true');
  document.body.append(layer);
  const players: { video: HTMLVideoElement; hls: Hls }[] = [];
  const runs: CalibrationRun[] = [];
  const startedAt = Date.now();

  const addPlayer = (url: string): HTMLVideoElement => {
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    layer.append(video);
    const hls = new Hls({ ...wallHlsConfig });
    hls.loadSource(url);
    hls.attachMedia(video);
    video.play().catch(() => {});
    players.push({ video, hls });
    return video;
  };

  try {
    if (urls.length === 0 || !Hls.isSupported()) return { budget: null, runs };
    for (;;) {
      const step = calibrationStep(runs, ramp);
      if ('failed' in step) return { budget: null, runs };
      if ('budget' in step) return { budget: step.budget, runs };
      if (Date.now() - startedAt > timing.maxMs)
        return { budget: calibrationResult(runs, ramp?.maxDropShare), runs };
      onProgress(step.measure);
      // The wall's own tiles count: add only the players the step needs beyond them.
      const others = [...document.querySelectorAll('video')].filter(
        (v) => playing(v) && v.parentElement !== layer,
      ).length;
      const added: HTMLVideoElement[] = [];
      while (players.length + others < step.measure)
        added.push(addPlayer(urls[players.length % urls.length]!));
      // The tiles connecting at the wall's start, and the players just added, start first.
      const warmUntil = Date.now() + timing.warmupMs;
      while (Date.now() < warmUntil && !settled(added)) await pause(100, signal);
      runs.push({ ...(await measure(timing.measureMs, signal)), asked: step.measure });
    }
  } finally {
    for (const { video, hls } of players) {
      hls.destroy();
      video.removeAttribute('src');
      video.load();
    }
    layer.remove();
  }
}
