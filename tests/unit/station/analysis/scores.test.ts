/**
 * Weekly scores (issue #17 item 5) computed by hand from a synthetic week: the parts' measures
 * and points, the total over the measured parts, ranks within the zone; the monthly patrol star;
 * a week with no tracks says so; bad weights refused at start with the key named.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { UnitScore, WeeklyScores } from '../../../../shared/contract/analysis';
import { ConfigError, parseConfig } from '../../../../electron/station/config';
import { median, timePoints } from '../../../../electron/station/analysis/scores';
import { chief, harness, MIN, still, type Harness } from './harness';

let h: Harness | undefined;
afterEach(() => h?.close());

/** Monday 2026-11-23 10:00 hall time. */
const MON = Date.UTC(2026, 10, 23, 2, 0);

function order(h: Harness, id: string, unitId: string, at: number, ackS: number, arriveS: number) {
  h.db
    .prepare(
      `INSERT INTO orders VALUES (?, ?, ?, ?, ?, '甲', 35.405, 116.975, NULL, ?, ?, NULL, ?, ?, NULL, 0, 0)`,
    )
    .run(id, `inc-${id}`, unitId, `巡${unitId}`, at, at + ackS * 1000, at + arriveS * 1000, at, at);
}

const part = (u: UnitScore | undefined, key: string) => u?.parts.find((p) => p.key === key);

describe('analysis.scores', () => {
  it('scores each unit by its parts, ranked within its zone', async () => {
    h = harness();
    h.unit('u1', 'g1');
    h.unit('u2', 'g1');
    h.unit('u3', 'g2');
    // u1 drives the must-patrol line (60 s at 9 m/s), then stops 10 minutes at the must-reach point.
    h.track('u1', [
      ...Array.from({ length: 61 }, (_, i) => ({
        at: MON + i * 1000,
        lat: 35.405,
        lng: 116.972 + i * 0.0001,
        speed: 9,
      })),
      ...still(MON + 5 * MIN, MON + 15 * MIN, { lat: 35.402, lng: 116.972 }),
    ]);
    // u2 stays away from both in its beat; u3 in g2, which has neither lines nor points.
    h.track('u2', still(MON, MON + 10 * MIN, { lat: 35.408, lng: 116.975 }));
    h.track('u3', still(MON, MON + 10 * MIN, { lat: 35.405, lng: 116.985 }));
    order(h, 'o1', 'u1', MON + 60 * MIN, 120, 600);
    order(h, 'o2', 'u2', MON + 90 * MIN, 30, 240);

    const s = (await h.cap.handlers['analysis.scores']({}, chief)) as WeeklyScores;
    expect(s).toMatchObject({ weekStart: '2026-11-23', noData: false });
    expect(s.formula.map((f) => f.key)).toEqual([
      'lines',
      'points',
      'warnings',
      'patrolHours',
      'incidents',
      'ackTime',
      'arrivalTime',
    ]);
    const [u1, u2, u3] = ['u1', 'u2', 'u3'].map((id) => s.units.find((u) => u.unitId === id));
    expect(part(u1, 'lines')?.value).toBeCloseTo(1, 1);
    expect(part(u1, 'points')).toMatchObject({ value: 1, points: 100 });
    expect(part(u1, 'warnings')).toMatchObject({ value: null, points: 0 });
    expect(part(u1, 'patrolHours')).toMatchObject({ value: 0, points: 0 });
    expect(part(u1, 'incidents')).toMatchObject({ value: 1, points: 100 });
    // 120 s to acknowledge: 100 × (600 − 120) ÷ (600 − 60); 600 s to arrive: 100 × 1200 ÷ 1500.
    expect(part(u1, 'ackTime')).toMatchObject({ value: 120, points: 88.9 });
    expect(part(u1, 'arrivalTime')).toMatchObject({ value: 600, points: 80 });
    // (0.2·100 + 0.2·100 + 0.15·0 + 0.1·100 + 0.1·88.9 + 0.1·80) ÷ 0.85 ≈ 78.7
    expect(u1?.total).toBeCloseTo(78.7, 0);
    // (0.1·100 + 0.1·100 + 0.1·100) ÷ 0.85 = 35.3
    expect(part(u2, 'lines')).toMatchObject({ value: 0, points: 0 });
    expect(u2?.total).toBe(35.3);
    // u3: only patrolHours (0) and incidents (0 of the zone's most, 1) are measured.
    expect(part(u3, 'lines')?.value).toBeNull();
    expect(part(u3, 'incidents')).toMatchObject({ value: 0, points: 0 });
    expect(u3?.total).toBe(0);
    expect(s.units.map((u) => [u.unitId, u.zoneId, u.rank])).toEqual([
      ['u1', 'z1', 1],
      ['u2', 'z1', 2],
      ['u3', 'z1', 3],
    ]);

    // The month's star: the best mean weekly score of each zone.
    const star = await h.cap.handlers['analysis.star']({}, chief);
    expect(star).toMatchObject({
      month: '2026-11',
      zones: [{ zoneId: 'z1', unitId: 'u1', callSign: '巡u1', weeks: 1 }],
    });
  });

  it("counts the platform's history incidents naming a unit, their times from the report", async () => {
    h = harness();
    h.unit('u1', 'g1');
    h.track('u1', still(MON, MON + 10 * MIN, { lat: 35.405, lng: 116.975 }));
    h.cap.store.putIncident(
      {
        id: 'h1',
        number: 'J1',
        category: '纠纷',
        level: 3,
        lat: 35.405,
        lng: 116.975,
        address: '',
        reportedAt: MON + 60 * MIN,
        acknowledgedAt: MON + 60 * MIN + 90_000,
        arrivedAt: MON + 60 * MIN + 400_000,
        unitIds: ['u1'],
      },
      'platform',
    );
    const s = (await h.cap.handlers['analysis.scores']({}, chief)) as WeeklyScores;
    const u1 = s.units[0];
    expect(part(u1, 'incidents')).toMatchObject({ value: 1, points: 100 });
    expect(part(u1, 'ackTime')).toMatchObject({ value: 90 });
    expect(part(u1, 'arrivalTime')).toMatchObject({ value: 400 });
  });

  it('a week with no tracks says so', async () => {
    h = harness();
    const s = (await h.cap.handlers['analysis.scores'](
      { weekStart: '2026-11-16' },
      chief,
    )) as WeeklyScores;
    expect(s).toMatchObject({ noData: true, units: [] });
    expect(await h.cap.handlers['analysis.star']({ month: '2026-10' }, chief)).toMatchObject({
      zones: [{ zoneId: 'z1', unitId: null, score: null }],
    });
  });

  it('maps times to points linearly and takes medians', () => {
    expect(timePoints(60, 60, 600)).toBe(100);
    expect(timePoints(330, 60, 600)).toBe(50);
    expect(timePoints(900, 60, 600)).toBe(0);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('analysis.score.weights', () => {
  const errorOf = (weights: Record<string, number>): ConfigError => {
    try {
      parseConfig({ analysis: { score: { weights } } });
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error('expected a ConfigError');
  };

  it('defaults to weights summing to 1; a formula of its own is taken', () => {
    const w = parseConfig({}).analysis.score.weights;
    expect(Object.values(w).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(
      parseConfig({ analysis: { score: { weights: { lines: 0.5, points: 0.5 } } } }).analysis.score
        .weights,
    ).toEqual({ lines: 0.5, points: 0.5 });
  });

  it.each([
    [{ lines: 0.5, speed: 0.5 }, 'analysis.score.weights.speed', 'unknown part "speed"'],
    [{ lines: 1.5, points: -0.5 }, 'analysis.score.weights.lines', 'must be 0-1'],
    [{ lines: 0.5, points: 0.4 }, 'analysis.score.weights', 'sum to 1 (they sum to 0.9)'],
  ])('refuses %j at start, naming the key', (weights, key, message) => {
    const e = errorOf(weights);
    expect(e.key).toBe(key);
    expect(e.message).toContain(message);
  });
});
