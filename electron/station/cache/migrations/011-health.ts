/**
 * Camera health (issue #16): when each camera was down (from this station's own sight: the
 * platform's status, the tiles, the prober; and from the platform's history), the spans of time
 * those records cover (the station's running time, extended by a heartbeat each minute, and the
 * platform's history), the fault tickets mirrored from the platform (the whole record as JSON,
 * with the columns the queries filter on), the history ranges already imported, and the weekly
 * reports made on schedule.
 *
 * Cameras keep their maintenance contractor (`maintainer`, issue #16) in the cached catalog, so a
 * station started from its cache still dispatches tickets to the right one.
 *
 * At most one open interval per camera and kind (a partial unique index): a flap closes and
 * reopens, it never leaves two open. An imported interval is kept once (camera, kind, start).
 */
import type { Migration } from './migration';

export const migration011: Migration = {
  version: 11,
  name: 'health: down intervals, coverage, tickets, history imports, weekly reports; maintainer',
  up(db) {
    db.exec(`
      ALTER TABLE cameras ADD COLUMN maintainer TEXT;

      CREATE TABLE health_intervals (
        id        INTEGER PRIMARY KEY,
        camera_id TEXT NOT NULL,
        kind      TEXT NOT NULL,
        start     INTEGER NOT NULL,
        end       INTEGER,
        source    TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX health_intervals_once ON health_intervals (camera_id, kind, start, source);
      CREATE UNIQUE INDEX health_intervals_open ON health_intervals (camera_id, kind)
        WHERE end IS NULL AND source = 'station';
      CREATE INDEX health_intervals_start ON health_intervals (start);
      CREATE INDEX health_intervals_end ON health_intervals (end);

      CREATE TABLE health_coverage (
        id     INTEGER PRIMARY KEY,
        start  INTEGER NOT NULL,
        end    INTEGER NOT NULL,
        source TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX health_coverage_once ON health_coverage (source, start);

      CREATE TABLE health_imports (
        from_ms     INTEGER NOT NULL,
        to_ms       INTEGER NOT NULL,
        imported_at INTEGER NOT NULL,
        PRIMARY KEY (from_ms, to_ms)
      ) STRICT;

      CREATE TABLE health_tickets (
        id          TEXT PRIMARY KEY,
        rev         INTEGER NOT NULL,
        body        TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        provisional INTEGER NOT NULL DEFAULT 0,
        refused     TEXT,
        camera_id   TEXT NOT NULL,
        fault       TEXT NOT NULL,
        status      TEXT NOT NULL,
        opened_at   INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX health_tickets_camera ON health_tickets (camera_id, fault);
      CREATE INDEX health_tickets_opened ON health_tickets (opened_at);
      CREATE INDEX health_tickets_status ON health_tickets (status);

      CREATE TABLE health_reports (
        week_start   TEXT PRIMARY KEY,
        generated_at INTEGER NOT NULL,
        body         TEXT NOT NULL
      ) STRICT;
    `);
  },
};
