/**
 * Alerts are kept (issue #10): an alert the platform publishes on MQTT is in the station's cache,
 * once however often it is delivered, and still there after a restart of the station.
 */
import { rmSync } from 'node:fs';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeptAlert } from '../../../shared/contract/alerts';
import { createStation, type Station } from '../../../electron/station';
import { startSimulator, type Simulator } from '../../../electron/sim';
import { signInAs } from '../../sign-in';
import { httpConfig, tempDir, value, waitFor } from './helpers';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ cameras: 50, units: 0, seed: 3, port: 0, mqttPort: 0 });
});
afterAll(() => sim.stop());

describe('alerts', () => {
  it('are kept once per id, across a restart', async () => {
    const dataDir = tempDir('vigil-alerts-');
    const start = async (): Promise<Station> => {
      const station = await createStation({ config: httpConfig(sim), dataDir });
      await signInAs(station);
      return station;
    };
    let station = await start();
    try {
      // Online means the broker too: the station has subscribed before the platform publishes.
      await waitFor('link online', async () => {
        const link = await value<{ state: string }>(station, 'link.get', {});
        return link.state === 'online' ? link : undefined;
      });
      const platform = await mqtt.connectAsync(sim.mqttUrl, { clientId: 'alerts-kept-test' });
      const payload = {
        id: 'JQ-20261203-0001',
        title: '农贸市场 钱包被盗',
        category: '盗窃',
        lat: 35.405,
        lng: 116.966,
        at: Date.now(),
      };
      for (let i = 0; i < 3; i++) {
        await platform.publishAsync('vigil/alerts', JSON.stringify(payload), { qos: 1 });
      }
      await platform.endAsync();
      const kept = await waitFor('alert kept', async () => {
        const list = await value<KeptAlert[]>(station, 'alerts.list', {});
        return list.some((a) => a.id === payload.id) ? list : undefined;
      });
      expect(kept.filter((a) => a.id === payload.id)).toHaveLength(1);
      expect(kept.find((a) => a.id === payload.id)).toMatchObject({
        title: payload.title,
        category: '盗窃',
        at: payload.at,
      });
      await station.stop();
      station = await start();
      const after = await value<KeptAlert[]>(station, 'alerts.list', {});
      expect(after.map((a) => a.id)).toContain(payload.id);
    } finally {
      await station.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
