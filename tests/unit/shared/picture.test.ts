/**
 * The picture rules (issue #16 item 1) on numbers: black needs dark, flat AND still, for three
 * samples; frozen needs no change for 8 s WHILE frames keep arriving; a night scene with lamps or
 * movement is not black; a stall (no frames) is not frozen; one normal sample clears a verdict.
 */
import { describe, expect, it } from 'vitest';
import {
  diagnosePicture,
  measurePicture,
  type PictureSample,
} from '../../../shared/domain/health/picture';

/** Samples every 2 s from `values`: [luma, spread, diff] each, frames +50 a sample unless given. */
function run(values: [number, number, number | null][], framesPer = 50): PictureSample[] {
  return values.map(([luma, spread, diff], i) => ({
    at: i * 2000,
    luma,
    spread,
    diff,
    frames: i * framesPer,
  }));
}
const repeat = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);

describe('diagnosePicture', () => {
  it('says nothing from no sample or one', () => {
    expect(diagnosePicture([])).toBe('unknown');
    expect(diagnosePicture(run([[120, 50, null]]))).toBe('ok');
  });

  it('a black picture: three samples dark, flat and still', () => {
    const black: [number, number, number][] = repeat(3, [2, 0.5, 0]);
    expect(diagnosePicture(run([[120, 50, null], ...black]))).toBe('black');
    // Two are not enough yet.
    expect(diagnosePicture(run([[120, 50, null], ...black.slice(0, 2)]))).toBe('unknown');
  });

  it('a dark street with lamps (spread) or movement (change) is not black', () => {
    expect(diagnosePicture(run(repeat(6, [14, 22, 0.2] as [number, number, number])))).not.toBe(
      'black',
    );
    expect(diagnosePicture(run(repeat(6, [12, 3, 0.8] as [number, number, number])))).toBe('ok');
  });

  it('a frozen picture: no change for 8 s while frames keep coming', () => {
    const still = repeat(5, [110, 45, 0] as [number, number, number]);
    expect(diagnosePicture(run([[110, 45, null], ...still]))).toBe('frozen');
    // 6 s of no change: not yet.
    expect(diagnosePicture(run([[110, 45, 9], ...still.slice(0, 3)]))).toBe('unknown');
  });

  it('a small bump now and then (a re-encoded key frame) does not end a frozen picture', () => {
    const still: [number, number, number] = [110, 45, 0];
    const bump: [number, number, number] = [110, 45, 0.6];
    const samples = run([[110, 45, null], still, still, bump, still, still, still, still, bump]);
    for (let n = 6; n <= samples.length; n++) {
      expect(diagnosePicture(samples.slice(0, n)), `after ${n} samples`).toBe('frozen');
    }
    // A real change is not a bump.
    expect(diagnosePicture(run([[110, 45, null], still, still, still, still, [110, 45, 4]]))).toBe(
      'ok',
    );
  });

  it('a dark scene that moves a little at every sample is not frozen', () => {
    expect(diagnosePicture(run(repeat(8, [12, 7, 0.5] as [number, number, number])))).toBe('ok');
  });

  it('no change without new frames is a stall (the player says so), not a frozen picture', () => {
    const still = repeat(6, [110, 45, 0] as [number, number, number]);
    expect(diagnosePicture(run([[110, 45, null], ...still], 0))).toBe('ok');
  });

  it('a still scene that still changes a little (noise, the clock) is not frozen', () => {
    expect(diagnosePicture(run(repeat(8, [100, 40, 0.3] as [number, number, number])))).toBe('ok');
  });

  it('one normal sample clears a verdict at once', () => {
    const black = repeat(4, [1, 0, 0] as [number, number, number]);
    expect(diagnosePicture(run([...black, [120, 50, 60]]))).toBe('ok');
    const frozen = repeat(6, [100, 40, 0] as [number, number, number]);
    expect(diagnosePicture(run([[100, 40, null], ...frozen, [100, 40, 5]]))).toBe('ok');
  });
});

describe('measurePicture', () => {
  const rgba = (pixels: number[][]) => Uint8ClampedArray.from(pixels.flat());

  it('a black picture: luma 0, spread 0; no difference for the first sample', () => {
    const m = measurePicture(rgba(repeat(4, [0, 0, 0, 255])), null);
    expect(m).toMatchObject({ luma: 0, spread: 0, diff: null });
  });

  it('half white, half black: mean 127.5 and spread 127.5 (Rec. 601 luma of white is 255)', () => {
    const m = measurePicture(
      rgba([...repeat(2, [255, 255, 255, 255]), ...repeat(2, [0, 0, 0, 255])]),
      null,
    );
    expect(m.luma).toBeCloseTo(127.5, 1);
    expect(m.spread).toBeCloseTo(127.5, 1);
  });

  it('the difference is the mean absolute luma change per pixel', () => {
    const first = measurePicture(rgba(repeat(4, [100, 100, 100, 255])), null);
    const next = measurePicture(
      rgba([...repeat(2, [100, 100, 100, 255]), ...repeat(2, [140, 140, 140, 255])]),
      first.lumaPlane,
    );
    expect(next.diff).toBeCloseTo(20, 0);
  });
});
