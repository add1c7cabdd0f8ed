/**
 * Camera status from MQTT (issue #11 item 4): ordered by the message's `at`, future-dated ones
 * refused and counted, and the topic's id must be the payload's. RealtimeClient.onMessage →
 * CatalogService.setStatus, on a fake clock, over an in-memory cache.
 */
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../../../shared/api';
import { CatalogStore } from '../../../../electron/station/cache/catalog-store';
import { openDatabase } from '../../../../electron/station/cache/database';
import { CatalogService } from '../../../../electron/station/upstream/catalog-service';
import { RealtimeClient } from '../../../../electron/station/upstream/realtime-client';

const T0 = Date.UTC(2026, 10, 23, 2, 0, 0);
const catalog: Catalog = {
  version: 'v1',
  areas: [{ id: 'g1', name: '一网格', level: 'grid', parentId: null }],
  cameras: ['cam-1', 'cam-2'].map((id) => ({
    id,
    name: id,
    gridId: 'g1',
    kind: 'fixed' as const,
    lat: 35.4,
    lng: 116.97,
    liveUrl: `http://10.1.2.3/live/${id}.m3u8`,
    status: 'online' as const,
  })),
};

function setup() {
  const db = openDatabase(':memory:');
  const store = new CatalogStore(db);
  store.replace(catalog, 'platform', T0);
  const changes: string[] = [];
  const service = new CatalogService({
    store,
    origin: { kind: 'none' },
    pollMs: 60_000,
    link: () => {},
    onChanged: () => {},
    onCameraStatus: (id, status) => changes.push(`${id} ${status}`),
    now: () => T0,
  });
  service.loadCache();
  const realtime = new RealtimeClient({
    url: 'mqtt://unused',
    stationId: 't',
    now: () => T0,
    onCameraStatus: (m) => service.setStatus(m.cameraId, m.status, m.at),
    onConnection: () => {},
  });
  const publish = (topicId: string, cameraId: string, status: string, at: number) =>
    realtime.onMessage(
      `vigil/cameras/${topicId}/status`,
      Buffer.from(JSON.stringify({ cameraId, status, at })),
    );
  const status = (id: string) => service.camera(id)?.status;
  return { store, realtime, publish, status, changes };
}

describe('camera status ordering and `at` limits', () => {
  it('a status older than the last one taken does not undo it', () => {
    const s = setup();
    s.publish('cam-1', 'cam-1', 'offline', T0 - 1_000);
    // A redelivered, older "online" arrives after the newer "offline".
    s.publish('cam-1', 'cam-1', 'online', T0 - 60_000);
    expect(s.status('cam-1')).toBe('offline');
    expect(s.store.getCamera('cam-1')?.status).toBe('offline');
    expect(s.changes).toEqual(['cam-1 offline']);
    // A newer one is taken.
    s.publish('cam-1', 'cam-1', 'online', T0);
    expect(s.status('cam-1')).toBe('online');
    expect(s.changes).toEqual(['cam-1 offline', 'cam-1 online']);
  });

  it('refuses and counts a future-dated status; it does not block the real ones', () => {
    const s = setup();
    s.publish('cam-2', 'cam-2', 'offline', T0 + 365 * 86_400_000);
    expect(s.status('cam-2')).toBe('online');
    expect(s.realtime.counters).toMatchObject({ refused: 1, dropped: 0 });
    expect(s.realtime.counters.lastRefused).toMatch(/^vigil\/cameras\/cam-2\/status: .*future/);
    s.publish('cam-2', 'cam-2', 'offline', T0);
    expect(s.status('cam-2')).toBe('offline');
  });

  it('drops a status whose topic names another camera', () => {
    const s = setup();
    s.publish('cam-2', 'cam-1', 'offline', T0);
    expect(s.status('cam-1')).toBe('online');
    expect(s.realtime.counters).toMatchObject({ dropped: 1, refused: 0 });
    expect(s.realtime.counters.lastDropped).toBe(
      'vigil/cameras/cam-2/status: cameraId does not match topic',
    );
  });
});
