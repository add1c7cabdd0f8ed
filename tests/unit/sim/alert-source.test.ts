/** The simulator's alerts (issue #15): labelled as simulated, and calm by default. */
import { describe, expect, it } from 'vitest';
import type { Camera } from '../../../shared/api';
import {
  defaultAlertIntervalMs,
  makeAlert,
  simulatedTitlePrefix,
} from '../../../electron/sim/alert-source';
import { createPrng } from '../../../electron/sim/prng';

const camera: Camera = {
  id: '37088300001320000001',
  name: '人民医院大门 1',
  gridId: 'g1',
  kind: 'fixed',
  lat: 35.4,
  lng: 116.9,
  liveUrl: 'http://platform.test/live/1/main.m3u8',
  status: 'online',
};

describe('simulated alerts', () => {
  it('a made-up alert says it is simulated; a title the admin API gives is kept as given', () => {
    const prng = createPrng(3);
    for (let i = 0; i < 20; i++) {
      const alert = makeAlert(prng, camera, {}, 1763863200000);
      expect(alert.title.startsWith(simulatedTitlePrefix)).toBe(true);
      expect(alert.title).toContain('人民医院大门附近');
    }
    expect(simulatedTitlePrefix).toBe('【模拟】');
    const given = makeAlert(prng, camera, { title: 'e2e 火情' }, 1763863200000);
    expect(given.title).toBe('e2e 火情');
  });

  it('one random alert every 10 minutes by default, not every minute', () => {
    expect(defaultAlertIntervalMs).toBe(600_000);
  });
});
