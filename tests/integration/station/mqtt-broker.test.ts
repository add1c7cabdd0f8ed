/**
 * The station against real brokers (issue #10, docs/protocol.md §3):
 *
 * - a real Mosquitto with a password file and TLS listeners (tests/integration/station/mosquitto.ts):
 *   with the right user, password and CA file (given relative to the config file) the link is up
 *   and a published status reaches the station; a bad payload is counted in `link.get`; a wrong
 *   password is refused and the link says "MQTT: not authorized" without printing the password;
 *   a broker certificate not signed by the configured CA is refused and the link says so; two
 *   stations with one station.id both say so in their link.
 * - the simulator's broker (aedes): the same duplicate id found with two clients and forgotten
 *   once the other leaves; a bad payload counted in `link.get` (these run everywhere).
 *
 * Every broker and station is stopped at the end, also when a test fails.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LinkState } from '../../../shared/api';
import { createStation, type Station } from '../../../electron/station';
import { loadConfig } from '../../../electron/station/config';
import { DUPLICATE_STATION_ID } from '../../../electron/station/upstream/link-state';
import { RealtimeClient } from '../../../electron/station/upstream/realtime-client';
import { startSimulator, type Simulator } from '../../../electron/sim';
import { desk, httpConfig, tempDir, value, waitFor } from './helpers';
import { missingBrokerTools, startTestBroker, type TestBroker } from './mosquitto';

const stations: Station[] = [];
const clients: MqttClient[] = [];
const realtimes: RealtimeClient[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(stations.splice(0).map((s) => s.stop()));
  await Promise.all(realtimes.splice(0).map((r) => r.stop()));
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const link = (station: Station) => value<LinkState>(station, 'link.get', {}, desk);
/** Waits for the link to pass `test`; the error shows the last link seen. */
async function linkMatches(station: Station, what: string, test: (l: LinkState) => boolean) {
  let last: LinkState | null = null;
  try {
    return await waitFor(
      what,
      async () => {
        last = await link(station);
        return test(last) ? last : undefined;
      },
      30_000,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; last link: ${JSON.stringify(last)}`);
  }
}

interface StartedStation {
  station: Station;
  logs: string[];
}

/** A station on a catalog file (cam-1) whose config, in `dir`, has these platform keys. */
async function fileStation(
  dir: string,
  platform: Record<string, unknown>,
  stationId = 'hall-1',
): Promise<StartedStation> {
  const own = join(dir, `station-${stations.length}-${Date.now()}`);
  mkdirSync(own);
  writeFileSync(
    join(dir, 'catalog.json'),
    JSON.stringify({
      areas: [
        { id: 'r1', name: '城区', level: 'region', parentId: null },
        { id: 'z1', name: '钢山派出所', level: 'zone', parentId: 'r1' },
        { id: 'g1', name: '钢山一网格', level: 'grid', parentId: 'z1' },
      ],
      cameras: [
        {
          id: 'cam-1',
          name: '东门',
          gridId: 'g1',
          kind: 'fixed',
          lat: 35.4,
          lng: 116.97,
          liveUrl: 'http://127.0.0.1:9/hls/cam-1.m3u8',
          status: 'online',
        },
      ],
    }),
  );
  const configFile = join(dir, `vigil-${stations.length}.config.json`);
  writeFileSync(
    configFile,
    JSON.stringify({
      platform: { kind: 'file', catalogFile: 'catalog.json', ...platform },
      station: { id: stationId },
      walls: { count: 1, cols: 1, rows: 1 },
      security: { streamHosts: ['http://127.0.0.1:9'] },
    }),
  );
  const logs: string[] = [];
  const station = await createStation({
    config: loadConfig(configFile, { mustExist: true }),
    dataDir: join(own, 'data'),
    log: (line) => logs.push(line),
  });
  stations.push(station);
  return { station, logs };
}

const missing = missingBrokerTools();

// CI installs them (.ci/run): there a missing tool fails the suite rather than skipping it.
describe.skipIf(missing !== null && !process.env.CI)(
  `a real Mosquitto with passwords and TLS ${missing ?? ''}`,
  () => {
    let broker: TestBroker;
    beforeAll(async () => {
      expect(missing, 'mosquitto, mosquitto_passwd and openssl (.ci/run installs them)').toBeNull();
      broker = await startTestBroker();
    });
    afterAll(async () => {
      await broker?.stop();
    });

    it('connects with the right credentials and CA: link up, a status arrives, a bad payload is counted', async () => {
      const { station, logs } = await fileStation(broker.dir, {
        mqttUrl: broker.tlsUrl,
        mqttUsername: broker.username,
        mqttPassword: broker.password,
        mqttCaFile: 'good-ca.pem', // relative to the config file
      });
      const up = await linkMatches(station, 'link online over TLS', (l) => l.state === 'online');
      expect(up).toMatchObject({
        detail: null,
        realtime: { dropped: 0, duplicateStationId: false },
      });

      const platform = await mqtt.connectAsync(broker.tlsUrl, {
        username: broker.username,
        password: broker.password,
        ca: readFileSync(join(broker.dir, 'good-ca.pem')),
        reconnectPeriod: 0,
      });
      clients.push(platform);
      await platform.publishAsync(
        'vigil/cameras/cam-1/status',
        JSON.stringify({ cameraId: 'cam-1', status: 'offline', at: Date.now() }),
        { qos: 1, retain: true },
      );
      await waitFor('cam-1 offline at the station', async () => {
        const catalog = await value<{ cameras: { id: string; status: string }[] }>(
          station,
          'catalog.get',
          {},
          desk,
        );
        return catalog.cameras.find((c) => c.id === 'cam-1')?.status === 'offline';
      });

      // A payload that breaks the contract: dropped, and counted where link.get shows it.
      await platform.publishAsync(
        'vigil/alerts',
        JSON.stringify({ id: 'a-1', title: '', category: '110', lat: 35.4, lng: 116.9, at: 1 }),
        { qos: 1 },
      );
      const counted = await linkMatches(
        station,
        'a dropped payload in link.get',
        (l) => (l.realtime?.dropped ?? 0) === 1,
      );
      expect(counted.realtime?.lastProblem).toMatch(/^vigil\/alerts: title: /);
      expect(counted.realtime?.received).toBeGreaterThanOrEqual(2);
      expect(counted.state).toBe('online');
      expect(logs.join('\n')).not.toContain(broker.password);
    });

    it('is refused with a wrong password, and the link says so without printing it', async () => {
      const wrong = 'not-the-Zh3ngZh0u-password';
      const { station, logs } = await fileStation(broker.dir, {
        mqttUrl: broker.plainUrl,
        mqttUsername: broker.username,
        mqttPassword: wrong,
      });
      const refused = await linkMatches(station, 'link: not authorized', (l) =>
        /realtime: MQTT: not authorized/.test(l.detail ?? ''),
      );
      expect(refused.state).toBe('degraded');
      const everything = `${JSON.stringify(refused)}\n${logs.join('\n')}`;
      expect(everything).not.toContain(wrong);
      expect(everything).not.toContain(broker.password);
    });

    it('refuses a broker certificate the configured CA did not sign', async () => {
      const { station } = await fileStation(broker.dir, {
        mqttUrl: broker.rogueTlsUrl,
        mqttUsername: broker.username,
        mqttPassword: broker.password,
        mqttCaFile: 'good-ca.pem',
      });
      const refused = await linkMatches(station, 'link: certificate not trusted', (l) =>
        /not signed by a trusted CA \(platform\.mqttCaFile\)/.test(l.detail ?? ''),
      );
      expect(refused.state).toBe('degraded');
      expect(refused.realtime?.received).toBe(0);
    });

    it('two stations with one station.id: both links say another workstation uses it', async () => {
      const platform = {
        mqttUrl: broker.plainUrl,
        mqttUsername: broker.username,
        mqttPassword: broker.password,
      };
      const a = await fileStation(broker.dir, platform, 'twin');
      const b = await fileStation(broker.dir, platform, 'twin');
      for (const { station } of [a, b]) {
        const l = await linkMatches(station, 'duplicate station id in the link', (v) =>
          (v.detail ?? '').includes(DUPLICATE_STATION_ID),
        );
        expect(l).toMatchObject({ state: 'degraded', realtime: { duplicateStationId: true } });
      }
      expect(a.logs.join('\n')).toMatch(/another workstation uses the same station\.id "twin"/);
      // A station with its own id on the same broker is not disturbed.
      const c = await fileStation(broker.dir, platform, 'solo');
      await linkMatches(c.station, 'solo online', (v) => v.state === 'online');
      expect((await link(c.station)).realtime?.duplicateStationId).toBe(false);
    });
  },
);

describe("the simulator's broker (aedes)", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ cameras: 50, units: 0, alertIntervalMs: 0 });
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('two clients with one id find each other; the one left forgets it once the other is gone', async () => {
    const make = (stationId: string) => {
      const lines: string[] = [];
      const client = new RealtimeClient({
        url: sim.mqttUrl,
        stationId,
        reconnectMs: 300,
        duplicateClearMs: 2_000,
        onCameraStatus: () => {},
        onConnection: () => {},
        log: (line) => lines.push(line),
      });
      realtimes.push(client);
      client.start();
      return { client, lines };
    };
    const a = make('twin');
    await waitFor('a up', () => a.client.isUp());
    const b = make('twin');
    const other = make('other');
    await waitFor(
      'both know',
      () => a.client.health().duplicateStationId && b.client.health().duplicateStationId,
      20_000,
    );
    expect(other.client.health().duplicateStationId).toBe(false);
    await b.client.stop();
    await waitFor('a forgets the duplicate', () => !a.client.health().duplicateStationId, 20_000);
    expect(a.lines.join('\n')).toMatch(/no other workstation uses station\.id "twin" any more/);
  });

  it('counts a bad payload where link.get shows it', async () => {
    const dir = tempDir('vigil-broker-');
    dirs.push(dir);
    const station = await createStation({ config: httpConfig(sim), dataDir: join(dir, 'data') });
    stations.push(station);
    await linkMatches(station, 'link online', (l) => l.state === 'online');
    const platform = await mqtt.connectAsync(sim.mqttUrl, { reconnectPeriod: 0 });
    clients.push(platform);
    const before = (await link(station)).realtime?.dropped ?? 0;
    await platform.publishAsync('vigil/units/u-9/position', JSON.stringify({ unitId: 'u-8' }), {
      qos: 1,
    });
    const l = await linkMatches(
      station,
      'dropped + 1',
      (v) => (v.realtime?.dropped ?? 0) === before + 1,
    );
    expect(l.realtime?.lastProblem).toMatch(/^vigil\/units\/u-9\/position: /);
  });
});
