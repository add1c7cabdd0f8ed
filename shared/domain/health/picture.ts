/**
 * What a tile's picture looks like (issue #16 item 1): a tile that decodes frames is not yet a
 * tile that shows the scene. A camera whose lens is covered or whose sensor died sends a black
 * picture; a camera or encoder that hangs keeps sending the same picture with fresh timestamps.
 * Both play "normally" for the player, so the tile looks at the picture itself: every couple of
 * seconds it draws the video into a tiny canvas (32×18) and keeps three numbers — the mean luma,
 * its spread (standard deviation) and the mean absolute difference to the previous sample — with
 * the count of frames the player has decoded. This module turns the last samples into a verdict.
 * Pure (no DOM), so every rule is tested with numbers.
 *
 * The rules, and why they do not fire on a real scene at night:
 * - black: every sample of the last `blackSamples` is dark (mean luma < 16 of 255) AND flat
 *   (spread < 4) AND still (difference < 0.5). A dark street at night has lamps and headlights
 *   (spread) or movement (difference); a picture that is all three is black to the watcher too
 *   (tests/integration/health/picture-clips.test.ts: a moving scene at mean luma 12 is not black).
 * - frozen: over the last `frozenMs` the picture did not change at all (difference < 0.1: a hung
 *   camera resends the very same picture) on at least three samples in four, and never by 1.5 or
 *   more (a re-encoded key frame gives a small bump), while the player kept decoding frames.
 *   A still scene still changes a little (sensor noise, the camera's clock in the corner). Without
 *   new frames it is a stall, which the player already reports, not a frozen picture.
 * One normal sample clears a verdict at once: a tile never keeps saying black over a live scene.
 */

/** One look at the picture. */
export interface PictureSample {
  /** When, ms (any clock that only goes forward). */
  at: number;
  /** Mean luma, 0-255. */
  luma: number;
  /** Standard deviation of luma, 0-255. */
  spread: number;
  /** Mean absolute luma difference to the previous sample, 0-255; null for the first sample. */
  diff: number | null;
  /** Frames the player had decoded (getVideoPlaybackQuality().totalVideoFrames). */
  frames: number;
}

export type PictureVerdict = 'ok' | 'black' | 'frozen' | 'unknown';

export interface PictureRules {
  /** Darker than this mean luma is dark. */
  darkLuma: number;
  /** A flatter picture than this spread is flat. */
  flatSpread: number;
  /** A black picture changes less than this between samples. */
  blackDiff: number;
  /** A frozen picture changes less than this between samples. */
  stillDiff: number;
  /** ... except for a bump (a re-encoded key frame) smaller than this. */
  bumpDiff: number;
  /** Consecutive black samples before the tile says so. */
  blackSamples: number;
  /** How long the picture must stay still while frames arrive before the tile says frozen. */
  frozenMs: number;
}

export const defaultPictureRules: PictureRules = {
  darkLuma: 16,
  flatSpread: 4,
  blackDiff: 0.5,
  stillDiff: 0.1,
  bumpDiff: 1.5,
  blackSamples: 3,
  frozenMs: 8_000,
};

/** How often a tile samples its picture. */
export const PICTURE_SAMPLE_MS = 2_000;
/** How many samples a tile keeps (enough for the longest rule). */
export const PICTURE_HISTORY = 8;

/** The verdict on the samples, oldest first. */
export function diagnosePicture(
  samples: readonly PictureSample[],
  rules: PictureRules = defaultPictureRules,
): PictureVerdict {
  const last = samples.at(-1);
  if (!last) return 'unknown';
  const isBlack = (s: PictureSample) =>
    s.luma < rules.darkLuma && s.spread < rules.flatSpread && (s.diff ?? 0) < rules.blackDiff;
  const tail = samples.slice(-rules.blackSamples);
  if (tail.length === rules.blackSamples && tail.every(isBlack)) return 'black';
  if (isBlack(last)) return 'unknown';

  // Frozen: over the last `frozenMs`, (nearly) every sample the same as the one before while
  // the player kept decoding. An encoder resending one picture still gives a small bump where a
  // key frame is re-encoded (the simulator's frozen look: one change of ~0.6 in 12 s), so one
  // sample in four may differ a little, none by much. A moving scene changes at every sample.
  // The picture moved just now: whatever was said, it is not frozen.
  if ((last.diff ?? 0) >= rules.bumpDiff) return 'ok';
  const window = lastSpan(samples, rules.frozenMs);
  const diffs = window.flatMap((s) => (s.diff === null ? [] : [s.diff]));
  if (diffs.length === 0) return 'ok';
  const still = diffs.filter((d) => d < rules.stillDiff).length;
  if (still * 2 < diffs.length) return 'ok';
  const from = window[0]!;
  const covers = last.at - from.at >= rules.frozenMs;
  const decoding = last.frames > from.frames;
  if (!decoding) return 'ok';
  if (covers && still * 4 >= diffs.length * 3 && Math.max(...diffs) < rules.bumpDiff) {
    return 'frozen';
  }
  return 'unknown';
}

/** The newest samples spanning at least `ms` (all of them when they span less). */
function lastSpan(samples: readonly PictureSample[], ms: number): readonly PictureSample[] {
  const last = samples.at(-1)!;
  let first = samples.length - 1;
  while (first > 0 && last.at - samples[first]!.at < ms) first--;
  return samples.slice(first);
}

/**
 * The three numbers of one sample from an RGBA pixel buffer (a canvas's ImageData), and the luma
 * to compare the next sample with. Rec. 601 luma, integer maths.
 */
export function measurePicture(
  rgba: ArrayLike<number>,
  previous: Uint8Array | null,
): { luma: number; spread: number; diff: number | null; lumaPlane: Uint8Array } {
  const pixels = Math.floor(rgba.length / 4);
  const plane = new Uint8Array(pixels);
  let sum = 0;
  let sumSq = 0;
  let diffSum = 0;
  const compare = previous !== null && previous.length === pixels;
  for (let i = 0; i < pixels; i++) {
    const y =
      (77 * (rgba[i * 4] ?? 0) + 150 * (rgba[i * 4 + 1] ?? 0) + 29 * (rgba[i * 4 + 2] ?? 0)) >> 8;
    plane[i] = y;
    sum += y;
    sumSq += y * y;
    if (compare) diffSum += Math.abs(y - previous[i]!);
  }
  if (pixels === 0) return { luma: 0, spread: 0, diff: null, lumaPlane: plane };
  const luma = sum / pixels;
  const spread = Math.sqrt(Math.max(0, sumSq / pixels - luma * luma));
  return { luma, spread, diff: compare ? diffSum / pixels : null, lumaPlane: plane };
}
