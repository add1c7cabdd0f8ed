/** Alerts kept once per id, newest first, pruned by age (issue #10: alerts are kept). */
import { describe, expect, it } from 'vitest';
import { AlertStore } from '../../../../electron/station/cache/alert-store';
import { openDatabase } from '../../../../electron/station/cache/database';

const alert = (id: string, at = 1_000) => ({
  id,
  title: `警情 ${id}`,
  category: '盗窃',
  lat: 35.4,
  lng: 116.97,
  at,
});

describe('the alert store', () => {
  it('keeps each id once, newest received first, with its camera when it has one', () => {
    const store = new AlertStore(openDatabase(':memory:'));
    expect(store.add(alert('a1'), 10)).toBe(true);
    expect(store.add({ ...alert('a2'), cameraId: 'cam-7' }, 20)).toBe(true);
    // A redelivery (QoS 1) is not a second alert, and does not overwrite the first.
    expect(store.add({ ...alert('a1'), title: 'changed' }, 30)).toBe(false);
    expect(store.list(10)).toEqual([
      { ...alert('a2'), receivedAt: 20, cameraId: 'cam-7' },
      { ...alert('a1'), receivedAt: 10 },
    ]);
    expect(store.list(10, 20).map((a) => a.id)).toEqual(['a1']);
    expect(store.list(1).map((a) => a.id)).toEqual(['a2']);
  });

  it('forgets alerts received before the retention', () => {
    const store = new AlertStore(openDatabase(':memory:'));
    store.add(alert('old'), 5);
    store.add(alert('new'), 50);
    expect(store.prune(10)).toBe(1);
    expect(store.list(10).map((a) => a.id)).toEqual(['new']);
  });
});
