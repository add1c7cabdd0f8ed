/**
 * The first-start calibration's decisions on fake measurements: where the budget comes from, when
 * the ramp stops, and what budget it ends with.
 */
import { describe, expect, it } from 'vitest';
import {
  CALIBRATION_STEPS,
  DEFAULT_DECODER_BUDGET,
  budgetMeasuredMeanwhile,
  calibrationStep,
  chooseBudget,
  type CalibrationRun,
  type RampStep,
} from '../../../renderer/wall/decoder-budget';

const run = (tiles: number, droppedShare: number, frames = tiles * 50): CalibrationRun => ({
  tiles,
  droppedShare,
  frames,
  asked: tiles,
});

/** Drives the ramp with a fake machine: `dropsAt(n)` is the share dropped at n streams. */
function ramp(dropsAt: (n: number) => number, framesPerStream = 50) {
  const runs: CalibrationRun[] = [];
  for (;;) {
    const step: RampStep = calibrationStep(runs);
    if (!('measure' in step)) return { step, measured: runs.map((r) => r.tiles) };
    runs.push(run(step.measure, dropsAt(step.measure), step.measure * framesPerStream));
  }
}

describe('the decoder calibration ramp', () => {
  it('climbs 4, 8, 12, 16, 24, 32 and stops at the first count that drops too many frames twice', () => {
    const { step, measured } = ramp((n) => (n <= 12 ? 0 : n === 16 ? 0.004 : 0.08));
    expect(measured).toEqual([4, 8, 12, 16, 24, 24]);
    expect(step).toEqual({ budget: 16 });
  });

  it('a count spoilt once (a player starting, another process) is measured again and passes', () => {
    expect(calibrationStep([run(4, 0), run(8, 0.03)])).toEqual({ measure: 8 });
    expect(calibrationStep([run(4, 0), run(8, 0.03), run(8, 0.002)])).toEqual({ measure: 12 });
    expect(calibrationStep([run(4, 0), run(8, 0.03), run(8, 0.02)])).toEqual({ budget: 4 });
  });

  it('ends at the largest step when nothing drops', () => {
    const { step, measured } = ramp(() => 0);
    expect(measured).toEqual([...CALIBRATION_STEPS]);
    expect(step).toEqual({ budget: 32 });
  });

  it('a machine that drops frames at the first step gets half of it, never 0', () => {
    expect(ramp(() => 0.3)).toEqual({ step: { budget: 2 }, measured: [4, 4] });
    expect(calibrationStep([run(1, 0.5), run(1, 0.5)])).toEqual({ budget: 1 });
  });

  it('streams that barely played at the first step teach nothing: keep the default', () => {
    expect(calibrationStep([run(4, 0, 3)])).toEqual({ failed: true });
    expect(calibrationStep([run(0, 1, 0)])).toEqual({ failed: true });
  });

  it('streams that barely played later mean the machine is overloaded: stop below them', () => {
    expect(calibrationStep([run(4, 0), run(8, 0), run(12, 0, 20)])).toEqual({ budget: 8 });
  });

  it("counts the wall's own decoding tiles: a wall already at 16 goes on to 24", () => {
    expect(calibrationStep([{ tiles: 16, droppedShare: 0, frames: 800, asked: 4 }])).toEqual({
      measure: 24,
    });
  });

  it('a step that measured fewer streams than it asked for (one not playing) is not repeated', () => {
    expect(calibrationStep([{ tiles: 7, droppedShare: 0, frames: 350, asked: 8 }])).toEqual({
      measure: 12,
    });
  });
});

describe('where a wall window gets its budget', () => {
  const none = { query: null, configured: 'auto' as const, stored: null, recalibrate: false };

  it('the URL first, then a number in the config: no calibration', () => {
    expect(chooseBudget({ ...none, query: '9', configured: 12, stored: '20' })).toEqual({
      budget: 9,
      calibrate: false,
    });
    expect(chooseBudget({ ...none, configured: 12, stored: '20', recalibrate: true })).toEqual({
      budget: 12,
      calibrate: false,
    });
  });

  it('then the stored calibration; with nothing, the default while it calibrates', () => {
    expect(chooseBudget({ ...none, stored: '20' })).toEqual({ budget: 20, calibrate: false });
    expect(chooseBudget(none)).toEqual({ budget: DEFAULT_DECODER_BUDGET, calibrate: true });
    expect(chooseBudget({ ...none, query: '0', stored: 'x' })).toEqual({
      budget: DEFAULT_DECODER_BUDGET,
      calibrate: true,
    });
  });

  it('"calibrate" in the config or ?calibrate measures again, on the stored value meanwhile', () => {
    expect(chooseBudget({ ...none, configured: 'calibrate', stored: '20' })).toEqual({
      budget: 20,
      calibrate: true,
    });
    expect(chooseBudget({ ...none, stored: '20', recalibrate: true })).toEqual({
      budget: 20,
      calibrate: true,
    });
  });
});

describe('wall windows that start together', () => {
  const waitingSince = 1_000_000;

  it('a window that waited takes the budget another window stored meanwhile', () => {
    expect(
      budgetMeasuredMeanwhile({
        stored: '12',
        measuredAt: String(waitingSince + 15_000),
        waitingSince,
      }),
    ).toBe(12);
  });

  it('measures itself when what is stored is older than its wait, missing or not a budget', () => {
    // An older calibration ("calibrate" asks for a new one at every start).
    expect(
      budgetMeasuredMeanwhile({ stored: '12', measuredAt: String(waitingSince - 1), waitingSince }),
    ).toBeNull();
    // Stored by a version that kept no time.
    expect(budgetMeasuredMeanwhile({ stored: '12', measuredAt: null, waitingSince })).toBeNull();
    // Tampered with, or out of range.
    for (const stored of ['0', '65', 'lots', '', null])
      expect(
        budgetMeasuredMeanwhile({ stored, measuredAt: String(waitingSince + 1), waitingSince }),
      ).toBeNull();
    expect(
      budgetMeasuredMeanwhile({ stored: '12', measuredAt: 'yesterday', waitingSince }),
    ).toBeNull();
  });
});
