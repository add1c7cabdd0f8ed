/**
 * What the simulated recorders hold (electron/sim/recordings.ts): mostly continuous, with gaps a
 * timeline can show (a recorder's restart shared by its cameras, a camera's drop-outs, some
 * cameras missing hours, the time a camera was offline), the same on every run, never the future,
 * never older than the recorders keep.
 */
import { describe, expect, it } from 'vitest';
import {
  createSimRecordings,
  offlineSince,
  recordingRetentionMs,
  type RecordedRange,
} from '../../../electron/sim/recordings';

const hour = 3_600_000;
const day = 24 * hour;
const now = Date.parse('2026-12-03T06:30:00Z');
const cameras = Array.from(
  { length: 40 },
  (_, i) => `370883000013200000${String(i).padStart(2, '0')}`,
);
const nvrOf = (id: string): string => `grid-${Number(id.slice(-2)) % 5}`;

const total = (ranges: RecordedRange[]): number =>
  ranges.reduce((sum, r) => sum + r.endMs - r.startMs, 0);
const gapsOf = (ranges: RecordedRange[]): RecordedRange[] =>
  ranges.slice(1).map((r, i) => ({ startMs: ranges[i]!.endMs, endMs: r.startMs }));

describe('simulated recordings', () => {
  it('are sorted, apart, within the span, and the same for the same seed', () => {
    const a = createSimRecordings(1);
    const b = createSimRecordings(1);
    for (const id of cameras) {
      const ranges = a.ranges(id, nvrOf(id), now - 3 * day, now, now);
      expect(b.ranges(id, nvrOf(id), now - 3 * day, now, now)).toEqual(ranges);
      for (const [i, r] of ranges.entries()) {
        expect(r.endMs).toBeGreaterThan(r.startMs);
        expect(r.startMs).toBeGreaterThanOrEqual(now - 3 * day);
        expect(r.endMs).toBeLessThanOrEqual(now);
        if (i > 0) expect(r.startMs).toBeGreaterThan(ranges[i - 1]!.endMs);
      }
    }
    // Another seed, another pattern.
    const other = createSimRecordings(2);
    expect(
      cameras.some(
        (id) =>
          JSON.stringify(other.ranges(id, nvrOf(id), now - 3 * day, now, now)) !==
          JSON.stringify(a.ranges(id, nvrOf(id), now - 3 * day, now, now)),
      ),
    ).toBe(true);
  });

  it('are mostly continuous, with restarts of minutes and a camera or two missing hours', () => {
    const rec = createSimRecordings(1);
    const perCamera = cameras.map((id) => rec.ranges(id, nvrOf(id), now - day, now, now));
    const recorded = perCamera.reduce((sum, r) => sum + total(r), 0) / (cameras.length * day);
    expect(recorded).toBeGreaterThan(0.9);
    expect(recorded).toBeLessThan(1);
    const gaps = perCamera.flatMap(gapsOf).map((g) => g.endMs - g.startMs);
    expect(gaps.filter((ms) => ms >= 2 * 60_000 && ms <= 8 * 60_000).length).toBeGreaterThan(5);
    expect(gaps.some((ms) => ms >= hour)).toBe(true);
  });

  it('a recorder restart is missing from every camera on it, at the same time', () => {
    const rec = createSimRecordings(1);
    const onOne = cameras.filter((id) => nvrOf(id) === 'grid-0');
    const gapSets = onOne.map((id) =>
      gapsOf(rec.ranges(id, 'grid-0', now - 7 * day, now, now)).map((g) => `${g.startMs}`),
    );
    const shared = gapSets[0]!.filter((g) => gapSets.every((set) => set.includes(g)));
    expect(shared.length).toBeGreaterThan(0);
  });

  it('nothing after now, nothing older than 30 days', () => {
    const rec = createSimRecordings(1);
    const id = cameras[0]!;
    expect(rec.ranges(id, 'grid-0', now + hour, now + 2 * hour, now)).toEqual([]);
    const tail = rec.ranges(id, 'grid-0', now - hour, now + hour, now);
    expect(tail.at(-1)?.endMs).toBeLessThanOrEqual(now);
    expect(rec.ranges(id, 'grid-0', now - 40 * day, now - 35 * day, now)).toEqual([]);
    const month = rec.ranges(id, 'grid-0', now - 40 * day, now, now);
    expect(month[0]!.startMs).toBeGreaterThanOrEqual(now - recordingRetentionMs);
  });

  it('a camera offline is not recorded from when it stopped until it sends again', () => {
    const rec = createSimRecordings(1);
    const id = cameras[3]!;
    const span = { from: now - 10 * 60_000, to: now };
    const before = rec.ranges(id, 'grid-3', span.from, span.to, now);
    rec.offline(id, now - 6 * 60_000);
    rec.offline(id, now - 5 * 60_000); // said twice: still from the first
    rec.online(id, now - 4 * 60_000);
    const after = rec.ranges(id, 'grid-3', span.from, span.to, now);
    // Nothing recorded while it was offline; the rest as before.
    const offline = { startMs: now - 6 * 60_000, endMs: now - 4 * 60_000 };
    expect(after.some((r) => r.startMs < offline.endMs && r.endMs > offline.startMs)).toBe(false);
    expect(total(after)).toBeGreaterThanOrEqual(total(before) - 2 * 60_000);
    expect(total(after)).toBeGreaterThan(0);

    // Still offline: nothing from then to now.
    rec.offline(id, now - 2 * 60_000);
    expect(rec.ranges(id, 'grid-3', span.from, span.to, now).at(-1)?.endMs).toBe(now - 2 * 60_000);
  });

  it('a camera offline in the catalog at start went offline 1-30 hours before', () => {
    for (const id of cameras) {
      const since = offlineSince(1, id, now);
      expect(now - since).toBeGreaterThanOrEqual(hour);
      expect(now - since).toBeLessThanOrEqual(30 * hour);
      expect(offlineSince(1, id, now)).toBe(since);
    }
  });
});
