/**
 * Which unit positions the station keeps (issues #10 item 3, #11 item 4), driven the way MQTT
 * drives them: RealtimeClient.onMessage → UnitService.onFix → PositionIngest → PositionStore, on
 * a fake clock, in an in-memory cache.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/station/cache/database';
import { PositionIngest } from '../../../electron/station/map/position-ingest';
import { PositionStore } from '../../../electron/station/cache/position-store';
import { UnitService } from '../../../electron/station/map/unit-service';
import { RealtimeClient } from '../../../electron/station/upstream/realtime-client';
import { maxFutureSkewMs } from '../../../electron/station/upstream/realtime-payloads';

const DAY = 86_400_000;
const RETENTION_DAYS = 8;
const T0 = Date.UTC(2026, 10, 23, 2, 0, 0);

function setup() {
  const clock = { t: T0 };
  const now = () => clock.t;
  const db = openDatabase(':memory:');
  const store = new PositionStore(db);
  const ingest = new PositionIngest({ store, retentionDays: RETENTION_DAYS, now });
  const service = () =>
    new UnitService({ store, ingest, catalog: () => null, onChanged: () => {}, now });
  let units = service();
  const realtime = new RealtimeClient({
    url: 'mqtt://unused',
    stationId: 't',
    now,
    maxPositionAgeMs: RETENTION_DAYS * DAY,
    onCameraStatus: () => {},
    onUnit: (p) => units.onFix(p),
    onConnection: () => {},
  });
  /** One position message on vigil/units/{unitId}/position. */
  const publish = (unitId: string, at: number, lat = 35.4) =>
    realtime.onMessage(
      `vigil/units/${unitId}/position`,
      Buffer.from(
        JSON.stringify({
          unitId,
          callSign: `巡${unitId}`,
          kind: 'car',
          lat,
          lng: 116.97,
          heading: 90,
          speed: 8,
          at,
        }),
      ),
    );
  return {
    clock,
    db,
    store,
    ingest,
    realtime,
    publish,
    get units() {
      return units;
    },
    restart: () => (units = service()),
  };
}

describe('late position fixes (a tracker that buffered in a tunnel)', () => {
  it('go into the track in time order, once each, and never move the unit back', () => {
    const s = setup();
    s.publish('U-1', T0 - 60_000, 35.4);
    s.publish('U-1', T0, 35.46); // the latest, on leaving the tunnel
    // The tunnel's buffer, uploaded late and out of order, one fix twice (a redelivery).
    s.publish('U-1', T0 - 20_000, 35.44);
    s.publish('U-1', T0 - 40_000, 35.42);
    s.publish('U-1', T0 - 20_000, 35.44);
    s.ingest.flush();
    expect(s.store.track('U-1', T0 - DAY, T0).map((f) => [f.at, f.lat])).toEqual([
      [T0 - 60_000, 35.4],
      [T0 - 40_000, 35.42],
      [T0 - 20_000, 35.44],
      [T0, 35.46],
    ]);
    expect(s.ingest.counters.duplicates).toBe(1);
    expect(s.units.get('U-1')).toMatchObject({ at: T0, lat: 35.46 });
    // The cache's latest did not move back either: a restart shows the same place.
    s.restart();
    expect(s.units.get('U-1')).toMatchObject({ at: T0, lat: 35.46 });
    expect(s.realtime.counters).toMatchObject({ dropped: 0, refused: 0 });
  });
});

describe('position `at` limits', () => {
  it('refuses and counts a fix dated beyond the clock skew or past the retention', () => {
    const s = setup();
    s.publish('U-1', T0 + 365 * DAY, 10); // a year ahead
    s.publish('U-1', T0 + maxFutureSkewMs + 1, 11);
    s.publish('U-1', T0 - RETENTION_DAYS * DAY - 1, 12);
    s.publish('U-2', T0 + 365 * DAY, 13);
    expect(s.realtime.counters.refused).toBe(4);
    expect(s.realtime.counters.lastRefused).toMatch(/vigil\/units\/U-2\/position: .*future/);
    // Within the skew, and a day old (within the retention): taken.
    s.publish('U-1', T0 - DAY, 35.3);
    s.publish('U-1', T0 + maxFutureSkewMs, 35.5);
    s.ingest.flush();
    expect(s.store.track('U-1', 0, Number.MAX_SAFE_INTEGER).map((f) => f.lat)).toEqual([
      35.3, 35.5,
    ]);
    expect(s.units.get('U-2')).toBeUndefined();
    // The real fixes keep coming and stay the latest, across a restart too.
    s.clock.t += 10 * 60_000;
    s.publish('U-1', s.clock.t, 35.6);
    s.ingest.flush();
    s.restart();
    expect(s.units.get('U-1')).toMatchObject({ at: s.clock.t, lat: 35.6 });
    expect(s.store.unitIds()).toEqual(['U-1']);
  });

  it('heals a cache that already holds a future-dated latest (written before the fix)', () => {
    const s = setup();
    const row = { callSign: '巡1', kind: 'car' as const, lng: 116.97, heading: 0, speed: 0 };
    // What an older station stored: a real fix, then one dated a year ahead; and a unit that
    // only ever sent a future fix.
    s.store.add([
      { ...row, unitId: 'U-1', at: T0 - 5_000, lat: 35.4 },
      { ...row, unitId: 'U-1', at: T0 + 365 * DAY, lat: 10 },
      { ...row, unitId: 'U-9', at: T0 + 365 * DAY, lat: 10 },
    ]);
    s.restart();
    expect(s.units.get('U-1')).toMatchObject({ at: T0 - 5_000, lat: 35.4 });
    expect(s.units.get('U-9')).toBeUndefined();
    expect(s.store.track('U-1', 0, Number.MAX_SAFE_INTEGER).map((f) => f.lat)).toEqual([35.4]);
    // Real fixes are stored and become the latest, in memory and in the cache.
    s.publish('U-1', T0, 35.41);
    s.ingest.flush();
    expect(s.units.get('U-1')).toMatchObject({ at: T0, lat: 35.41 });
    s.restart();
    expect(s.units.get('U-1')).toMatchObject({ at: T0, lat: 35.41 });
    expect(s.store.unitIds()).toEqual(['U-1']);
  });
});

describe('units unseen for longer than the retention', () => {
  it('are forgotten on the prune schedule, in memory and in the cache', async () => {
    const s = setup();
    // 20,000 bogus unit ids, each published once.
    for (let i = 0; i < 20_000; i++) s.publish(`BOGUS-${i}`, T0);
    s.ingest.flush();
    expect(s.units.list()).toHaveLength(20_000);
    s.clock.t = T0 + RETENTION_DAYS * DAY + 60_000;
    s.publish('U-1', s.clock.t - 1000); // a real unit, still on patrol
    s.ingest.flush();
    await s.ingest.prune();
    expect(s.units.list().map((u) => u.unitId)).toEqual(['U-1']);
    expect(s.store.unitIds()).toEqual(['U-1']);
    expect(s.store.count()).toBe(1);
    expect(s.ingest.counters.unitsPruned).toBe(20_000);
    s.restart();
    expect(s.units.list().map((u) => u.unitId)).toEqual(['U-1']);
  });
});
