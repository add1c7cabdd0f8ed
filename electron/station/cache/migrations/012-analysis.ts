/**
 * Analysis (issue #17): the incident history the products are computed from (imported from the
 * platform, from a CSV export, and kept current by the live incidents), the ranges of the
 * platform's history already imported, warnings to units (预警指令) with the order each unit got
 * (its outbox item), the roll calls made (点名), each unit's measures of a past day in its beat
 * (lines, points, time moving: the weekly score adds seven of them), and the weekly scores.
 */
import type { Migration } from './migration';

export const migration012: Migration = {
  version: 12,
  name: 'analysis: incident history, imports, warnings and orders, roll calls, unit days, scores',
  up(db) {
    db.exec(`
      CREATE TABLE analysis_incidents (
        id           TEXT PRIMARY KEY,
        number       TEXT NOT NULL,
        category     TEXT NOT NULL,
        level        TEXT NOT NULL,
        lat          REAL NOT NULL,
        lng          REAL NOT NULL,
        address      TEXT NOT NULL,
        reported_at  INTEGER NOT NULL,
        window_start INTEGER,
        window_end   INTEGER,
        grid_id      TEXT,
        acknowledged_at INTEGER,
        arrived_at   INTEGER,
        closed_at    INTEGER,
        unit_ids     TEXT NOT NULL,
        source       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX analysis_incidents_reported ON analysis_incidents (reported_at);

      CREATE TABLE analysis_imports (
        from_ms      INTEGER NOT NULL,
        to_ms        INTEGER NOT NULL,
        covered_from INTEGER,
        imported_at  INTEGER NOT NULL,
        PRIMARY KEY (from_ms, to_ms)
      ) STRICT;

      CREATE TABLE analysis_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE analysis_warnings (
        id           TEXT PRIMARY KEY,
        window_start INTEGER NOT NULL,
        window_end   INTEGER NOT NULL,
        status       TEXT NOT NULL,
        body         TEXT NOT NULL
      ) STRICT;
      CREATE INDEX analysis_warnings_window ON analysis_warnings (window_start, window_end);

      CREATE TABLE analysis_warning_orders (
        warning_id TEXT NOT NULL,
        unit_id    TEXT NOT NULL,
        call_sign  TEXT NOT NULL,
        outbox_id  INTEGER NOT NULL,
        state      TEXT NOT NULL,
        PRIMARY KEY (warning_id, unit_id)
      ) STRICT;
      CREATE INDEX analysis_warning_orders_outbox ON analysis_warning_orders (outbox_id);

      CREATE TABLE analysis_roll_calls (
        id   TEXT PRIMARY KEY,
        day  TEXT NOT NULL,
        slot TEXT NOT NULL,
        at   INTEGER NOT NULL,
        body TEXT NOT NULL
      ) STRICT;
      CREATE INDEX analysis_roll_calls_day ON analysis_roll_calls (day, at);

      CREATE TABLE analysis_unit_days (
        unit_id     TEXT NOT NULL,
        day_start   INTEGER NOT NULL,
        grid_id     TEXT NOT NULL,
        on_duty     INTEGER NOT NULL,
        line_share  REAL NOT NULL,
        point_share REAL NOT NULL,
        moving_ms   INTEGER NOT NULL,
        PRIMARY KEY (unit_id, day_start)
      ) STRICT;

      CREATE TABLE analysis_scores (
        week_start   TEXT PRIMARY KEY,
        generated_at INTEGER NOT NULL,
        body         TEXT NOT NULL
      ) STRICT;
    `);
  },
};
