import { describe, expect, it } from 'vitest';
import {
  grantStreams,
  warmingTiles,
  type StreamWish,
} from '../../../../renderer/wall/decoder-budget';
import {
  ASSUMED_MAIN_WEIGHT,
  MAX_MAIN_WEIGHT,
  mainWeight,
  upscale,
  wantsMain,
  type Size,
} from '../../../../renderer/wall/stream-choice';
import { learnStreamSize, streamSize, subStreamSize } from '../../../../renderer/wall/stream-sizes';

const size = (width: number, height: number): Size => ({ width, height });
const SUB = size(320, 180);
const MAIN = size(640, 360);
/** A tile of an n×n layout on a screen, as the wall lays it out (2 px between tiles). */
const tileOf = (n: number, screen: Size): Size =>
  size(Math.floor((screen.width - 2 * (n - 1)) / n), Math.floor((screen.height - 2 * (n - 1)) / n));
const HD = size(1920, 1080);
const E2E = size(1600, 900);

describe('the stream for the tile’s size', () => {
  it('the sub-stream fitted into the tile: scaled up by the smaller of the two ratios', () => {
    expect(upscale(size(960, 540), SUB)).toBe(3);
    expect(upscale(size(960, 300), SUB)).toBeCloseTo(300 / 180);
    expect(upscale(size(0, 0), SUB)).toBe(0);
    expect(upscale(size(960, 540), size(0, 180))).toBe(0);
  });

  it('a 2×2 wall wants the main stream, a 4×4 the sub-stream, at 1920×1080 and 1600×900', () => {
    for (const screen of [HD, E2E]) {
      const facts = { sub: SUB, main: MAIN };
      expect(wantsMain({ ...facts, tile: tileOf(2, screen), wasMain: false })).toBe(true);
      expect(wantsMain({ ...facts, tile: tileOf(4, screen), wasMain: false })).toBe(false);
      // Coming from a 2×2 (main): a 4×4 still drops to the sub-stream.
      expect(wantsMain({ ...facts, tile: tileOf(4, screen), wasMain: true })).toBe(false);
      expect(wantsMain({ ...facts, tile: tileOf(1, screen), wasMain: false })).toBe(true);
    }
  });

  it('no common layout lies in the hysteresis band: a 3×3 plays the same whatever came before', () => {
    for (const [screen, main] of [
      [HD, true],
      [E2E, false],
    ] as const) {
      for (const wasMain of [false, true])
        expect(wantsMain({ sub: SUB, tile: tileOf(3, screen), wasMain })).toBe(main);
    }
  });

  it('with hysteresis: a tile near the line keeps what it had', () => {
    // 1.8× the sub-stream: inside the band [1.7, 1.9).
    const tile = size(576, 324);
    expect(wantsMain({ sub: SUB, tile, wasMain: false })).toBe(false);
    expect(wantsMain({ sub: SUB, tile, wasMain: true })).toBe(true);
    // A few pixels either way change nothing; out of the band, it follows.
    expect(wantsMain({ sub: SUB, tile: size(570, 320), wasMain: true })).toBe(true);
    expect(wantsMain({ sub: SUB, tile: size(608, 342), wasMain: false })).toBe(true);
    expect(wantsMain({ sub: SUB, tile: size(540, 304), wasMain: true })).toBe(false);
  });

  it('sizes not known: the sub-stream (playing it learns its size), except in an enlarged tile', () => {
    expect(wantsMain({ sub: null, tile: size(1600, 900), wasMain: false })).toBe(false);
    expect(wantsMain({ sub: SUB, tile: null, wasMain: true })).toBe(false);
    expect(wantsMain({ sub: null, tile: null, wasMain: false, enlarged: true })).toBe(true);
    // Known, the size decides even when enlarged: a sub-stream as large as the window will do.
    expect(wantsMain({ sub: HD, tile: HD, wasMain: false, enlarged: true })).toBe(false);
  });

  it('a main stream no larger than the sub-stream is never worth its cost', () => {
    expect(wantsMain({ sub: SUB, main: SUB, tile: HD, wasMain: false })).toBe(false);
  });

  it('a main stream weighs its pixels per second over the sub-stream’s', () => {
    expect(mainWeight(MAIN, SUB)).toBe(4);
    expect(mainWeight(size(1920, 1080), size(640, 360))).toBe(9);
    // Odd sizes round to the whole number they are near (1920×1088 is 9.07 × 640×360).
    expect(mainWeight(size(1920, 1088), size(640, 360))).toBe(9);
    expect(mainWeight(size(704, 576), size(352, 288))).toBe(4);
    // Frame rates, when known: a 25 fps main over a 12.5 fps sub costs twice its pixels.
    expect(mainWeight(MAIN, SUB, { main: 25, sub: 12.5 })).toBe(8);
    expect(mainWeight(null, SUB)).toBe(ASSUMED_MAIN_WEIGHT);
    expect(mainWeight(size(3840, 2160), size(352, 288))).toBe(MAX_MAIN_WEIGHT);
    expect(mainWeight(SUB, MAIN)).toBe(1);
  });
});

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const wishesOf = (entries: [number, StreamWish][]) => new Map(entries);
const allMain = (n: number, weight = 4, rotating = false) =>
  wishesOf(range(n).map((i) => [i, { main: weight, rotating }]));
const base = { hidden: false, enlarged: null, budget: 16 } as const;
const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);

describe('the budget in weights', () => {
  it('a 2×2 wall on the main stream uses 16 of 16', () => {
    const grant = grantStreams({ ...base, wanting: range(4), wishes: allMain(4) });
    expect(sorted(grant.decoding)).toEqual([0, 1, 2, 3]);
    expect(sorted(grant.main)).toEqual([0, 1, 2, 3]);
    expect(grant).toMatchObject({ used: 16, wanted: 16 });
  });

  it('sub-stream before preview: the main stream only from what is left once every tile has a slot', () => {
    // Budget 8, four tiles wanting main (4 each): four slots, then tile 0's main stream (+3 = 7);
    // tile 1's would need 10: one main, three sub-streams.
    const grant = grantStreams({ ...base, budget: 8, wanting: range(4), wishes: allMain(4) });
    expect(sorted(grant.decoding)).toEqual([0, 1, 2, 3]);
    expect(sorted(grant.main)).toEqual([0]);
    expect(grant).toMatchObject({ used: 7, wanted: 16 });
    // Budget 2: two tiles on the sub-stream, none held back for another's main stream.
    const tight = grantStreams({ ...base, budget: 2, wanting: range(4), wishes: allMain(4) });
    expect(sorted(tight.decoding)).toEqual([0, 1]);
    expect(tight.main.size).toBe(0);
  });

  it('the main stream goes in the slots’ order: focus pins and alert pulls first, then tile order', () => {
    const grant = grantStreams({
      ...base,
      budget: 8,
      wanting: range(4),
      urgent: [3],
      wishes: allMain(4),
    });
    expect(sorted(grant.main)).toEqual([3]);
    // A later tile whose main stream fits takes what an earlier one could not.
    const mixed = grantStreams({
      ...base,
      budget: 6,
      wanting: range(3),
      wishes: wishesOf([
        [0, { main: 9 }],
        [1, { main: 2 }],
        [2, { main: null }],
      ]),
    });
    expect(sorted(mixed.main)).toEqual([1]);
    expect(mixed).toMatchObject({ used: 4, wanted: 12 });
  });

  it('a 16-tile wall wanting sub-streams uses one slot a tile, as before', () => {
    const grant = grantStreams({ ...base, wanting: range(25) });
    expect(sorted(grant.decoding)).toEqual(range(16));
    expect(grant).toMatchObject({ used: 16, wanted: 25 });
  });

  it('an enlarged tile plays its main stream when its size wants it, whatever the budget', () => {
    const wishes = allMain(9);
    const grant = grantStreams({ ...base, budget: 3, enlarged: 0, wanting: range(9), wishes });
    expect(sorted(grant.decoding)).toEqual([0]);
    expect(sorted(grant.main)).toEqual([0]);
    const hidden = grantStreams({ ...base, hidden: true, wanting: range(4), wishes });
    expect(hidden.decoding.size).toBe(0);
  });

  it('a rotating tile takes its main stream only with room for its next camera’s main stream', () => {
    // 2×2 rotating at 16: 4 slots and 4 sub-stream pre-warms leave 8; a main stream and its
    // warm need 6 more: one tile.
    const grant = grantStreams({ ...base, wanting: range(4), wishes: allMain(4, 4, true) });
    expect(sorted(grant.main)).toEqual([0]);
    expect(grant.used).toBe(7);
    // ...and the pre-warms fit: tile 0 warms a main stream (4), the others sub-streams.
    const warm = warmingTiles({
      ...base,
      decoding: grant.used,
      warming: range(4),
      weights: new Map([
        [0, 4],
        [1, 1],
        [2, 1],
        [3, 1],
      ]),
    });
    expect(sorted(warm)).toEqual([0, 1, 2, 3]);
    // At 32, all four play and warm their main streams.
    const wide = grantStreams({
      ...base,
      budget: 32,
      wanting: range(4),
      wishes: allMain(4, 4, true),
    });
    expect(wide.main.size).toBe(4);
  });

  it('pre-warms take their weight, in tile order, after the tiles on screen', () => {
    const weights = new Map([
      [0, 4],
      [1, 1],
    ]);
    expect(sorted(warmingTiles({ ...base, decoding: 12, warming: [1, 0], weights }))).toEqual([0]);
    expect(sorted(warmingTiles({ ...base, decoding: 13, warming: [1, 0], weights }))).toEqual([]);
    expect(sorted(warmingTiles({ ...base, decoding: 13, warming: [1] }))).toEqual([1]);
  });
});

describe('the stream sizes a window learns', () => {
  it('per stream URL; a camera not played yet is assumed to have the sub-stream size last learnt', () => {
    expect(subStreamSize('http://nvr/a/sub.m3u8')).toBeNull();
    learnStreamSize('http://nvr/a/sub.m3u8', size(352, 288), true);
    learnStreamSize('http://nvr/a/main.m3u8', size(704, 576), false);
    expect(streamSize('http://nvr/a/main.m3u8')).toEqual(size(704, 576));
    expect(subStreamSize('http://nvr/b/sub.m3u8')).toEqual(size(352, 288));
    // A main stream does not set what sub-streams are assumed to be; a bad size is ignored.
    learnStreamSize('http://nvr/c/main.m3u8', size(1920, 1080), false);
    learnStreamSize('http://nvr/d/sub.m3u8', size(0, 180), true);
    expect(subStreamSize('http://nvr/b/sub.m3u8')).toEqual(size(352, 288));
  });
});
