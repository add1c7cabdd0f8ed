/**
 * Alerts kept (issue #10: "that they are kept"): every alert the platform sent, once per id, in
 * the cache for `alertRetentionDays`, instead of the last 500 in memory; the desk's alert list and
 * the analysis read them from here.
 */
import type { Migration } from './migration';

export const migration008: Migration = {
  version: 8,
  name: 'alerts: every alert the platform sent, once per id',
  up(db) {
    db.exec(`
      CREATE TABLE alerts (
        id          TEXT PRIMARY KEY,
        at          INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        title       TEXT NOT NULL,
        category    TEXT NOT NULL,
        lat         REAL NOT NULL,
        lng         REAL NOT NULL,
        camera_id   TEXT
      ) STRICT;
      CREATE INDEX alerts_received ON alerts (received_at);
    `);
  },
};
