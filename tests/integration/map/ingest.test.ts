/**
 * Positions into the cache at 400 units × 1 Hz without loss: five simulated minutes (120,000
 * fixes) driven through the real ingest path (UnitService.onFix → PositionIngest → one
 * transaction per 250 ms flush) on a fake clock, in a real SQLite file with the production
 * pragmas. Then pruning by the retention setting.
 *
 * The behaviour does not change with the length of the run; the full hour (1.44 M rows) is the
 * bench's (`tests/bench/map-ingest.ts`, docs/benchmarks.md), since on a busy 2-core machine it
 * ran past any sane test timeout.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/station/cache/database';
import { PositionIngest } from '../../../electron/station/map/position-ingest';
import { PositionStore } from '../../../electron/station/cache/position-store';
import { UnitService } from '../../../electron/station/map/unit-service';
import { tempDir } from '../../unit/map/helpers';

const UNITS = 400;
const SECONDS = 300;

describe('position ingest', () => {
  it('stores five simulated minutes of 400 units at 1 Hz without losing a fix', async () => {
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
    for (let s = 0; s < SECONDS; s++) {
      // Four flushes a second, as the 250 ms timer does; fixes spread over the second.
      for (let q = 0; q < 4; q++) {
        for (let u = (q * UNITS) / 4; u < ((q + 1) * UNITS) / 4; u++) {
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
    const total = UNITS * SECONDS;
    expect(store.count()).toBe(total);
    expect(ingest.counters).toMatchObject({
      received: total,
      written: total,
      overflow: 0,
      duplicates: 0,
    });
    expect(events).toBe(SECONDS); // one batched event a second, never one per fix
    expect(store.track('U-7', t0, now)).toHaveLength(SECONDS);
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

    // Retention: 30 days and half the run later, the first half is pruned, unit by unit.
    now = t0 + 30 * 86_400_000 + (SECONDS / 2) * 1000;
    const pruned = await ingest.prune();
    expect(pruned).toBe(total / 2);
    expect(store.count()).toBe(total / 2);
    ingest.stop();
    db.close();
  });
});
