/**
 * Roll calls (issue #17 item 4) from synthetic positions: every unit on duty with its fix age,
 * whether it is in its beat, what it covered and reached since the previous roll call, how long
 * it has been parked, and the anomalies (no-fix, stale-fix, outside-grid, parked); made at the
 * configured times (hall time) once, and on demand.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RollCall } from '../../../../shared/contract/analysis';
import { ConfigError, parseConfig } from '../../../../electron/station/config';
import { chief, harness, HOUR, MIN, still, T0, type Harness } from './harness';

let h: Harness | undefined;
afterEach(() => h?.close());

/** 14:00 hall time on 2026-12-01. */
const R = Date.UTC(2026, 11, 1, 6, 0);

describe('roll calls', () => {
  it('flags no-fix, stale-fix, outside-grid and parked; counts distance and points reached', async () => {
    h = harness();
    // u1: drives east along the line in g1 through the must-reach point, fresh fix: no anomaly.
    h.unit('u1', 'g1');
    const drive = Array.from({ length: 61 }, (_, i) => ({
      at: R - 60 * 1000 + i * 1000,
      lat: 35.402,
      lng: 116.972 + i * 0.0001, // ~9 m a second
      speed: 9,
    }));
    h.track('u1', drive);
    // u2: its beat is g1, parked in g2 for 90 minutes, last fix 7 minutes ago.
    h.unit('u2', 'g1');
    h.track('u2', still(R - 97 * MIN, R - 7 * MIN, { lat: 35.405, lng: 116.985 }));
    // u3: last seen 2 hours ago (on duty: within the shift), no fix since.
    h.unit('u3', 'g2');
    h.track('u3', still(R - 2 * HOUR - 5 * MIN, R - 2 * HOUR, { lat: 35.405, lng: 116.985 }));
    // u4: last seen yesterday: not on duty.
    h.track('u4', still(R - 20 * HOUR, R - 19 * HOUR, { lat: 35.405, lng: 116.985 }));

    h.clock.now = R;
    const made = await h.cap.rollCalls.due();
    expect(made).toHaveLength(1);
    const rc = made[0] as RollCall;
    expect(rc).toMatchObject({
      day: '2026-12-01',
      slot: '14:00',
      at: R,
      onDuty: 3,
      withAnomalies: 2,
    });
    const byId = new Map(rc.units.map((u) => [u.unitId, u]));
    expect(byId.get('u1')).toMatchObject({
      gridId: 'g1',
      fixAgeS: 0,
      insideGrid: true,
      pointsReached: 1,
      parkedMinutes: null,
      anomalies: [],
    });
    expect(byId.get('u1')?.coveredM).toBeGreaterThan(500);
    expect(byId.get('u1')?.coveredM).toBeLessThan(560);
    expect(byId.get('u2')).toMatchObject({
      fixAgeS: 420,
      insideGrid: false,
      parkedMinutes: 90,
      anomalies: ['stale-fix', 'outside-grid', 'parked'],
    });
    expect(byId.get('u3')).toMatchObject({ fixAgeS: 7200, anomalies: ['no-fix'] });
    expect(byId.has('u4')).toBe(false);
    // Announced and kept; not made twice; the day's list has it.
    expect(h.emitted.filter((e) => e.stream === 'analysis.rollCall')).toHaveLength(1);
    h.clock.now = R + 10 * MIN;
    expect(await h.cap.rollCalls.due()).toEqual([]);
    expect(h.cap.handlers['analysis.rollCalls']({ date: '2026-12-01' }, chief)).toHaveLength(1);
  });

  it('counts since the previous roll call; one on demand is kept too', async () => {
    h = harness();
    h.unit('u1', 'g1');
    h.track('u1', still(T0 - HOUR, T0 + HOUR, { lat: 35.405, lng: 116.975 }));
    h.clock.now = T0;
    const first = (await h.cap.handlers['analysis.rollCallNow']({}, chief)) as RollCall;
    expect(first.slot).toBe('10:00');
    h.clock.now = T0 + HOUR;
    const second = (await h.cap.handlers['analysis.rollCallNow']({}, chief)) as RollCall;
    expect(second.sinceMs).toBe(T0);
    expect(h.cap.handlers['analysis.rollCalls']({ date: '2026-12-01' }, chief)).toHaveLength(2);
  });

  it('a roll call time missed by more than an hour is not made late', async () => {
    h = harness({ analysis: { rollCalls: ['08:00'] } });
    h.clock.now = T0; // 10:00
    expect(await h.cap.rollCalls.due()).toEqual([]);
  });

  it('has its defaults', () => {
    const a = parseConfig({}).analysis;
    expect({ ...a, score: undefined }).toEqual({
      historyDays: 365,
      rollCalls: ['08:00', '14:00', '20:00'],
      shiftHours: 12,
      staleFixMinutes: 5,
      noFixMinutes: 30,
      parkedMinutes: 60,
      parkedRadiusM: 50,
      score: undefined,
    });
    expect(a.score.patrolHoursTarget).toBe(40);
  });

  it('refuses bad roll call times at start, naming the key', () => {
    expect(() => parseConfig({ analysis: { rollCalls: ['8:00'] } })).toThrow(ConfigError);
    expect(() => parseConfig({ analysis: { rollCalls: ['08:00', '08:00'] } })).toThrow(
      /analysis\.rollCalls/,
    );
  });
});
