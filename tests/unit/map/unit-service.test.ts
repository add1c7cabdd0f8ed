import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/station/cache/database';
import { PositionIngest } from '../../../electron/station/map/position-ingest';
import { PositionStore } from '../../../electron/station/cache/position-store';
import { UnitService } from '../../../electron/station/map/unit-service';
import type { UnitState } from '../../../shared/contract/map';
import type { Catalog } from '../../../shared/api';

const catalog: Catalog = {
  version: 'v1',
  areas: [],
  cameras: [
    {
      id: 'cam-car-7',
      name: '车载图传 巡007',
      gridId: 'g',
      kind: 'vehicle',
      lat: 35.4,
      lng: 116.97,
      liveUrl: 'http://x/live.m3u8',
      status: 'online',
    },
  ],
};

function setup() {
  let t = 1_000_000;
  const db = openDatabase(':memory:');
  const store = new PositionStore(db);
  const ingest = new PositionIngest({ store, retentionDays: 30, now: () => t });
  const events: UnitState[][] = [];
  const units = new UnitService({
    store,
    ingest,
    catalog: () => catalog,
    onChanged: (u) => events.push(u),
    now: () => t,
  });
  const fix = (unitId: string, callSign: string, at: number, lat = 35.4) =>
    units.onFix({ unitId, callSign, kind: 'car', lat, lng: 116.97, heading: 90, speed: 10, at });
  return {
    db,
    store,
    ingest,
    units,
    events,
    fix,
    advance: (ms: number) => (t += ms),
    now: () => t,
  };
}

describe('UnitService', () => {
  it('batches a second of fixes into one event with each changed unit once', () => {
    const s = setup();
    for (let i = 0; i < 400; i++) s.fix(`U-${i}`, `巡${i}`, s.now());
    s.fix('U-1', '巡1', s.now() + 500, 35.41);
    s.units.tick();
    expect(s.events).toHaveLength(1);
    expect(s.events[0]).toHaveLength(400);
    expect(s.events[0]!.find((u) => u.unitId === 'U-1')?.lat).toBe(35.41);
    s.units.tick();
    expect(s.events).toHaveLength(1); // nothing changed, nothing sent
  });

  it('marks a unit stale after 30 s without a fix and offline after 10 min', () => {
    const s = setup();
    s.fix('U-C007', '巡007', s.now());
    s.units.tick();
    s.advance(31_000);
    s.units.tick();
    expect(s.events.at(-1)).toEqual([
      expect.objectContaining({ unitId: 'U-C007', stale: true, status: 'available' }),
    ]);
    s.advance(10 * 60_000);
    s.units.tick();
    expect(s.events.at(-1)?.[0]).toMatchObject({ stale: true, status: 'offline' });
    s.fix('U-C007', '巡007', s.now());
    s.units.tick();
    expect(s.events.at(-1)?.[0]).toMatchObject({ stale: false, status: 'available' });
  });

  it('links a unit to the camera named after its call sign, and keeps busy across fixes', () => {
    const s = setup();
    s.fix('U-C007', '巡007', s.now());
    expect(s.units.get('U-C007')?.cameraId).toBe('cam-car-7');
    expect(s.units.setStatus('U-C007', 'busy')).toBe(true);
    s.fix('U-C007', '巡007', s.now() + 1000);
    expect(s.units.get('U-C007')?.status).toBe('busy');
  });

  it('ignores a late, older fix for the live position but still stores it', () => {
    const s = setup();
    s.fix('U-1', '巡1', s.now() + 2000, 35.42);
    s.fix('U-1', '巡1', s.now() + 1000, 35.41);
    expect(s.units.get('U-1')?.lat).toBe(35.42);
    s.ingest.flush();
    expect(s.store.track('U-1', 0, s.now() + 10_000)).toHaveLength(2);
  });

  it('restores units from the cache at start, stale until a fix arrives', () => {
    const s = setup();
    s.fix('U-1', '巡1', s.now());
    s.ingest.flush();
    const again = new UnitService({
      store: s.store,
      ingest: s.ingest,
      catalog: () => null,
      onChanged: () => {},
      now: () => s.now() + 60_000,
    });
    expect(again.list()).toEqual([
      expect.objectContaining({ unitId: 'U-1', callSign: '巡1', stale: true }),
    ]);
  });
});
