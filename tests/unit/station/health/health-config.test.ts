/**
 * The `health` section of vigil.config.json (issue #16): its defaults, and every bad value
 * refused at start with the key and the problem named, as the other sections are.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../../electron/station/config';

const errorOf = (raw: unknown): ConfigError => {
  try {
    parseConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('health config', () => {
  it('has its defaults', () => {
    expect(parseConfig({}).health).toEqual({
      probe: { enabled: true, ratePerSecond: 20, periodMinutes: 60, timeoutMs: 5000 },
      ticketAfterSeconds: 120,
      autoVerifyHours: 24,
      slaHours: { checkpoint: 3, fixed: 8, vehicle: 24, body: 24 },
      maintenanceWindows: [],
      report: { weekday: 1, time: '08:00' },
      historyDays: 56,
    });
  });

  it('takes a partial section, the rest defaulted', () => {
    const health = parseConfig({
      health: {
        probe: { ratePerSecond: 5 },
        slaHours: { checkpoint: 2 },
        maintenanceWindows: [{ start: '23:30', end: '00:30' }],
        report: { time: '07:45' },
      },
    }).health;
    expect(health.probe).toMatchObject({ enabled: true, ratePerSecond: 5 });
    expect(health.slaHours).toEqual({ checkpoint: 2, fixed: 8, vehicle: 24, body: 24 });
    expect(health.report).toEqual({ weekday: 1, time: '07:45' });
    expect(health.maintenanceWindows).toEqual([{ start: '23:30', end: '00:30' }]);
  });

  it('names the key of a bad value', () => {
    const bad: [unknown, string][] = [
      [{ probe: { ratePerSecond: 0 } }, 'health.probe.ratePerSecond'],
      [{ probe: { ratePerSecond: '20' } }, 'health.probe.ratePerSecond'],
      [{ probe: { periodMinutes: 0.5 } }, 'health.probe.periodMinutes'],
      [{ probe: { timeoutMs: 50 } }, 'health.probe.timeoutMs'],
      [{ probe: { enabled: 'yes' } }, 'health.probe.enabled'],
      [{ ticketAfterSeconds: 5 }, 'health.ticketAfterSeconds'],
      [{ ticketAfterSeconds: 12.5 }, 'health.ticketAfterSeconds'],
      [{ autoVerifyHours: 0 }, 'health.autoVerifyHours'],
      [{ slaHours: { fixed: -1 } }, 'health.slaHours.fixed'],
      [
        { maintenanceWindows: [{ start: '25:00', end: '03:00' }] },
        'health.maintenanceWindows.0.start',
      ],
      [{ maintenanceWindows: [{ start: '02:00', end: '02:00' }] }, 'health.maintenanceWindows'],
      [{ report: { weekday: 0 } }, 'health.report.weekday'],
      [{ report: { weekday: 8 } }, 'health.report.weekday'],
      [{ report: { time: '8:00' } }, 'health.report.time'],
      [{ historyDays: 400 }, 'health.historyDays'],
    ];
    for (const [health, key] of bad) {
      expect(errorOf({ health }).key, JSON.stringify(health)).toBe(key);
    }
    expect(errorOf({ health: { report: { time: '24:00' } } }).message).toMatch(
      /health\.report\.time: .*HH:MM/,
    );
  });

  it('names an unknown key', () => {
    expect(errorOf({ health: { probe: { rate: 20 } } }).message).toBe(
      'vigil.config.json: health.probe.rate: unknown key',
    );
    expect(errorOf({ health: { ticketAfterSecond: 60 } }).message).toBe(
      'vigil.config.json: health.ticketAfterSecond: unknown key',
    );
  });
});
