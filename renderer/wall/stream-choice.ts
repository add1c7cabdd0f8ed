/**
 * Which of a camera's two streams a tile plays (issue #14 item 5), and what a main stream costs
 * the decoder budget. Pure: the tile measures itself, the stream sizes are learnt from the videos
 * (stream-sizes.ts), the budget grants (decoder-budget.ts).
 *
 * The choice: the sub-stream's picture, fitted into the tile (object-fit: contain), is scaled up
 * by `upscale`. Scaled up by about two or more, each pixel of the sub-stream covers four or more
 * of the screen's and the picture is visibly blocky: the tile wants the main stream. Below, the
 * sub-stream is as good as the screen can show and costs a fraction: the tile keeps it.
 *
 * With hysteresis, so a tile near the line does not flip (each flip starts a stream): a tile wants
 * the main stream from `MAIN_FROM` times the sub-stream's size and keeps it down to `SUB_BELOW`.
 * The band lies between the layouts a hall uses: with a 320×180 sub-stream, a 2×2 wall is 2.5× at
 * 1600×900 and 3× at 1920×1080, a 3×3 is 1.66× and 2.0×, a 4×4 1.25× and 1.5×; none falls inside
 * [1.7, 1.9), so each layout plays the same streams whatever came before it, while a window
 * resized by a few per cent, a scrollbar or a rounding of the device pixel ratio changes nothing.
 */

export interface Size {
  width: number;
  height: number;
}

/** A tile wants the main stream from this upscale of its sub-stream... */
export const MAIN_FROM = 1.9;
/** ...and keeps it while the upscale stays at or above this. */
export const SUB_BELOW = 1.7;

/**
 * What a main stream weighs in the budget before its size is known (a sub-stream weighs 1): a
 * main stream of twice the sub-stream's width and height (the simulator's 640×360 over 320×180;
 * a D1 over a CIF), replaced by the pixel ratio once the main stream has played.
 */
export const ASSUMED_MAIN_WEIGHT = 4;
/** The most a main stream weighs (a 4K main over a CIF sub would be ~80: one tile, no wall). */
export const MAX_MAIN_WEIGHT = 16;

const valid = (s: Size | null | undefined): s is Size =>
  Boolean(s && s.width > 0 && s.height > 0 && Number.isFinite(s.width * s.height));

/** How many times a stream of size `stream` is scaled up to fit `tile` (contain), or 0. */
export function upscale(tile: Size, stream: Size): number {
  if (!valid(tile) || !valid(stream)) return 0;
  return Math.min(tile.width / stream.width, tile.height / stream.height);
}

export interface ChoiceFacts {
  /** The tile's size in device pixels (CSS pixels × devicePixelRatio); null before measured. */
  tile: Size | null;
  /** The sub-stream's size, learnt (or assumed from the other cameras); null while unknown. */
  sub: Size | null;
  /** The main stream's size when learnt. */
  main?: Size | null;
  /** The tile wanted the main stream last time (hysteresis). */
  wasMain: boolean;
  /** The tile fills the window: before any size is known it wants the main stream, as it did
   * before sizes counted (a 1×1 layout, a double-click). */
  enlarged?: boolean;
}

/**
 * The tile wants the main stream. Unknown sizes choose the sub-stream (it is cheaper, and playing
 * it is how its size is learnt), except in an enlarged tile; a main stream known to be no larger
 * than the sub-stream is never worth its cost.
 */
export function wantsMain({ tile, sub, main, wasMain, enlarged = false }: ChoiceFacts): boolean {
  if (!valid(tile) || !valid(sub)) return enlarged;
  if (valid(main) && main.width * main.height <= sub.width * sub.height) return false;
  const scale = upscale(tile, sub);
  return scale >= (wasMain ? SUB_BELOW : MAIN_FROM);
}

/**
 * What a main stream weighs in the decoder budget, where a sub-stream weighs 1: its pixels per
 * second over the sub-stream's (the decoder's work grows with them), rounded up, from 1 to
 * `MAX_MAIN_WEIGHT`. Frame rates are taken as equal when not known (an NVR's two streams of one
 * camera usually share it); sizes not known yet give `ASSUMED_MAIN_WEIGHT`.
 */
export function mainWeight(
  main: Size | null | undefined,
  sub: Size | null | undefined,
  fps: { main?: number; sub?: number } = {},
): number {
  if (!valid(main) || !valid(sub)) return ASSUMED_MAIN_WEIGHT;
  const mainFps = fps.main && fps.main > 0 ? fps.main : 1;
  const subFps = fps.sub && fps.sub > 0 ? fps.sub : mainFps;
  const ratio = (main.width * main.height * mainFps) / (sub.width * sub.height * subFps);
  // Within 2 % over a whole number is that number (odd sizes: 1920×1088 over 640×360 is 9).
  return Math.min(MAX_MAIN_WEIGHT, Math.max(1, Math.ceil(ratio * 0.98)));
}
