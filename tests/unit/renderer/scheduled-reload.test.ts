import { describe, expect, it } from 'vitest';
import {
  reloadUrl,
  SCHEDULED_RELOAD_GRACE_MS,
  scheduledReloadDue,
} from '../../../renderer/wall/scheduled-reload';

const hour = 3_600_000;

describe('a browser wall’s scheduled reload', () => {
  it('is not due before its hours, nor ever when turned off', () => {
    expect(scheduledReloadDue({ ageMs: 6 * hour - 1, hours: 6, calm: true, reachable: true })).toBe(
      false,
    );
    expect(scheduledReloadDue({ ageMs: 100 * hour, hours: 0, calm: true, reachable: true })).toBe(
      false,
    );
  });

  it('is due at its hours when nobody is working with the wall', () => {
    expect(scheduledReloadDue({ ageMs: 6 * hour, hours: 6, calm: true, reachable: true })).toBe(
      true,
    );
    expect(scheduledReloadDue({ ageMs: 1.5 * hour, hours: 1.5, calm: true, reachable: true })).toBe(
      true,
    );
  });

  it('waits for a calm moment, but not longer than its grace hour', () => {
    expect(scheduledReloadDue({ ageMs: 6 * hour, hours: 6, calm: false, reachable: true })).toBe(
      false,
    );
    const late = 6 * hour + SCHEDULED_RELOAD_GRACE_MS;
    expect(scheduledReloadDue({ ageMs: late - 1, hours: 6, calm: false, reachable: true })).toBe(
      false,
    );
    expect(scheduledReloadDue({ ageMs: late, hours: 6, calm: false, reachable: true })).toBe(true);
  });

  it('never while the host does not answer, even past its grace hour', () => {
    const late = 6 * hour + SCHEDULED_RELOAD_GRACE_MS;
    expect(scheduledReloadDue({ ageMs: 6 * hour, hours: 6, calm: true, reachable: false })).toBe(
      false,
    );
    expect(scheduledReloadDue({ ageMs: late, hours: 6, calm: false, reachable: false })).toBe(
      false,
    );
  });

  it('reloads the same wall with the reason on its URL, its other parameters kept', () => {
    const next = new URL(reloadUrl('http://127.0.0.1:5180/?window=wall&wall=2&token=abc'));
    expect(next.searchParams.get('notice')).toBe('schedule');
    expect(next.searchParams.get('wall')).toBe('2');
    expect(next.searchParams.get('token')).toBe('abc');
    expect(new URL(reloadUrl(next.href)).searchParams.getAll('notice')).toEqual(['schedule']);
  });
});
