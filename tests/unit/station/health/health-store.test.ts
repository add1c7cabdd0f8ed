/**
 * The health tables (migration 011) in a file, as a crash leaves them: every write is whole or
 * absent, intervals and history kept once, the running time covered up to the last heartbeat, and
 * intervals a crash left open closed at it by the next start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/station/cache/database';
import { HealthStore, unionSpans } from '../../../../electron/station/cache/health-store';
import { MIN, T0, harness } from './harness';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-health-'));
  file = join(dir, 'vigil.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('health store', () => {
  it('migration 011 makes the health tables', () => {
    const db = openDatabase(file);
    const names = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'health_intervals',
        'health_coverage',
        'health_imports',
        'health_tickets',
        'health_reports',
      ]),
    );
    db.close();
  });

  it('an import that fails midway stores none of it', () => {
    const db = openDatabase(file);
    const store = new HealthStore(db);
    expect(() =>
      db.transaction(() => {
        store.importIntervals([{ cameraId: 'cam-1', kind: 'offline', start: T0, end: T0 + MIN }]);
        store.addPlatformCoverage(T0, T0 + 60 * MIN);
        throw new Error('crash');
      })(),
    ).toThrow('crash');
    expect(store.intervalsIn(0, T0 * 2)).toEqual([]);
    expect(store.coverageIn(0, T0 * 2)).toEqual([]);
    db.close();
  });

  it('imported intervals are kept once; an open one comes back closed', () => {
    const db = openDatabase(file);
    const store = new HealthStore(db);
    const open = { cameraId: 'cam-1', kind: 'black' as const, start: T0, end: null };
    expect(store.importIntervals([open, open])).toBe(1);
    expect(store.importIntervals([{ ...open, end: T0 + MIN }])).toBe(1);
    expect(store.importIntervals([{ ...open, end: T0 + MIN }])).toBe(0);
    expect(store.intervalsIn(0, T0 * 2)).toEqual([{ ...open, end: T0 + MIN }]);
    db.close();
  });

  it('a crash: what was written is there, open intervals close at the last heartbeat', () => {
    // First run: started, a camera went offline, heartbeats, then killed (no stop).
    const first = harness({}, { db: openDatabase(file) });
    first.cap.health.start();
    first.clock.now = T0 + MIN;
    first.cap.onCameraStatus({ cameraId: 'cam-1', status: 'offline', at: first.clock.now });
    first.clock.now = T0 + 3 * MIN;
    first.cap.heartbeat();
    first.clock.now = T0 + 3 * MIN + 50_000; // killed 50 s after the last heartbeat
    first.db.close();

    const second = harness({}, { db: openDatabase(file) });
    second.clock.now = T0 + 10 * MIN;
    second.cap.health.start();
    expect(second.cap.store.intervalsIn(0, T0 * 2)).toEqual([
      { cameraId: 'cam-1', kind: 'offline', start: T0 + MIN, end: T0 + 3 * MIN },
    ]);
    // Covered: the first run up to its last heartbeat (the 50 s after it are a gap).
    // (The second run's span is empty until its first heartbeat.)
    expect(second.cap.store.coverageIn(T0, T0 + 11 * MIN)).toEqual([
      { start: T0, end: T0 + 3 * MIN },
    ]);
    second.clock.now = T0 + 11 * MIN;
    second.cap.heartbeat();
    expect(second.cap.store.coverageIn(T0, T0 + 12 * MIN)).toEqual([
      { start: T0, end: T0 + 3 * MIN },
      { start: T0 + 10 * MIN, end: T0 + 11 * MIN },
    ]);
    second.close();
  });

  it('unionSpans joins overlapping and touching spans', () => {
    expect(
      unionSpans([
        { start: 5, end: 9 },
        { start: 0, end: 2 },
        { start: 2, end: 3 },
        { start: 6, end: 7 },
        { start: 4, end: 4 },
      ]),
    ).toEqual([
      { start: 0, end: 3 },
      { start: 5, end: 9 },
    ]);
  });
});
