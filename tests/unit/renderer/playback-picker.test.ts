import { describe, expect, it } from 'vitest';
import { normaliseHhMm, pickRange } from '../../../renderer/common/PlaybackPicker';
import { reasonKey, stretches } from '../../../renderer/wall/PlaybackTimeline';
import { zonedAt } from '../../../shared/domain/time/hall-time';

const zone = 'Asia/Shanghai';
const now = zonedAt('2026-12-03', 15 * 60, zone);

describe('pickRange', () => {
  it("reads the date and time in the hall's zone, the length in minutes", () => {
    expect(pickRange('2026-12-03', '09:05', 15, zone, now)).toEqual({
      ok: true,
      range: { startMs: Date.UTC(2026, 11, 3, 1, 5), endMs: Date.UTC(2026, 11, 3, 1, 20) },
      cut: false,
    });
  });

  it('says what is wrong with a field', () => {
    expect(pickRange('2026-02-30', '09:05', 15, zone, now)).toEqual({
      ok: false,
      error: 'badDate',
    });
    expect(pickRange('2026-12-03', '9:5', 15, zone, now)).toEqual({ ok: false, error: 'badTime' });
    expect(pickRange('2026-12-03', '24:00', 15, zone, now)).toEqual({
      ok: false,
      error: 'badTime',
    });
  });

  it('never plays the future: a start not yet recorded is refused, an end cut to now', () => {
    expect(pickRange('2026-12-03', '15:00', 15, zone, now)).toEqual({ ok: false, error: 'future' });
    const cut = pickRange('2026-12-03', '14:50', 30, zone, now);
    expect(cut).toEqual({
      ok: true,
      range: { startMs: now - 10 * 60_000, endMs: now - 10_000 },
      cut: true,
    });
  });

  it('refuses a range longer than allowed (a clip: 1 h)', () => {
    expect(pickRange('2026-12-03', '09:00', 120, zone, now, 3_600_000)).toEqual({
      ok: false,
      error: 'tooLong',
    });
  });

  it('tidies a typed time', () => {
    expect(normaliseHhMm('905')).toBe('09:05');
    expect(normaliseHhMm('9:05')).toBe('09:05');
    expect(normaliseHhMm('21.30')).toBe('21:30');
    expect(normaliseHhMm('noon')).toBe('noon');
  });
});

describe('stretches (the timeline)', () => {
  it('cuts the range into recorded stretches and the gaps between, in order', () => {
    expect(
      stretches(0, 100, [
        { startMs: 60, endMs: 80 },
        { startMs: 10, endMs: 40 },
      ]),
    ).toEqual([
      { startMs: 0, endMs: 10, recorded: false },
      { startMs: 10, endMs: 40, recorded: true },
      { startMs: 40, endMs: 60, recorded: false },
      { startMs: 60, endMs: 80, recorded: true },
      { startMs: 80, endMs: 100, recorded: false },
    ]);
  });

  it('clips ranges to the played range; all recorded is one stretch, none one gap', () => {
    expect(stretches(0, 100, [{ startMs: -50, endMs: 500 }])).toEqual([
      { startMs: 0, endMs: 100, recorded: true },
    ]);
    expect(stretches(0, 100, [])).toEqual([{ startMs: 0, endMs: 100, recorded: false }]);
  });
});

describe('reasonKey (why the timeline does not know)', () => {
  it("reads the core's reasons as the watcher's words, and leaves others as they came", () => {
    expect(reasonKey('the platform could not be reached (connect ECONNREFUSED)')).toBe(
      'unreachable',
    );
    expect(reasonKey('the platform does not say what was recorded (cameras from a file)')).toBe(
      'file',
    );
    expect(reasonKey('the platform does not say what was recorded')).toBe('notKept');
    expect(reasonKey("the platform's answer was not understood (ranges: too many)")).toBe(
      'notUnderstood',
    );
    expect(reasonKey('something else')).toBeNull();
    expect(reasonKey(undefined)).toBeNull();
  });
});
