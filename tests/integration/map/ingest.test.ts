/**
 * Positions into the cache at 400 units × 1 Hz for a simulated hour without loss: 1,440,000
 * fixes driven through the real ingest path (UnitService.onFix → PositionIngest → one
 * transaction per 250 ms flush) on a fake clock, in a real SQLite file with the production
 * pragmas. Then pruning by the retention setting.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/station/cache/database';
import { PositionIngest } from '../../../electron/station/map/position-ingest';
import { PositionStore } from '../../../electron/station/map/position-store';
import { UnitService } from '../../../electron/station/map/unit-service';
import { tempDir } from '../../unit/map/helpers';

describe('position ingest', () => {
  it('stores a simulated hour of 400 units at 1 Hz without losing a fix', async () => {
    const t0 = Date.UTC(2026, 10, 23, 0, 0, 0);
    let now = t0;
    const db = openDatabase(join(tempDir(), 'vigil.db'));
    const store = new PositionStore(db);
    const ingest = new PositionIngest({ store, retentionDays: 30, now: () => now });
    let events = 0;
    const units = new UnitService({
      store,
      ingest,
      catalog: () => null,
      onChanged: () => events++,
      now: () => now,
    });
    for (let s = 0; s < 3600; s++) {
      // Four flushes a second, as the 250 ms timer does; fixes spread over the second.
      for (let q = 0; q < 4; q++) {
        for (let u = q * 100; u < (q + 1) * 100; u++) {
          units.onFix({
            unitId: `U-${u}`,
            callSign: `巡${u}`,
            kind: 'car',
            lat: 35.4 + u * 1e-4 + s * 1e-6,
            lng: 116.97 + s * 1e-6,
            heading: 90,
            speed: 10,
            at: now,
          });
        }
        ingest.flush();
      }
      now += 1000;
      units.tick();
    }
    expect(store.count()).toBe(1_440_000);
    expect(ingest.counters).toMatchObject({
      received: 1_440_000,
      written: 1_440_000,
      overflow: 0,
      duplicates: 0,
    });
    expect(events).toBe(3600); // one batched event a second, never one per fix
    expect(store.track('U-7', t0, now)).toHaveLength(3600);
    // How fast it goes is the bench's (docs/benchmarks.md "Map: unit positions into the cache"),
    // not an assertion here: a loaded CI machine ran this at a fifth of its usual speed.

    // A repeated fix (a broker redelivering) is stored once.
    units.onFix({
      unitId: 'U-7',
      callSign: '巡7',
      kind: 'car',
      lat: 35.4,
      lng: 116.97,
      heading: 0,
      speed: 0,
      at: t0,
    });
    ingest.flush();
    expect(ingest.counters.duplicates).toBe(1);

    // Retention: 30 days later the hour is pruned, unit by unit.
    now = t0 + 30 * 86_400_000 + 1800_000;
    const pruned = await ingest.prune();
    expect(pruned).toBe(720_000);
    expect(store.count()).toBe(720_000);
    ingest.stop();
    db.close();
  }, 120_000);
});
