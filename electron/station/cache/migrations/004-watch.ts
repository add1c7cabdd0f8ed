/**
 * The watch modes' tables (issue #4): rotation groups and running rotations, tours and tour runs
 * (with one row per marked or missed stop, for the coverage report), focus pins and alert pulls.
 * Bodies are JSON validated on read by the watch store; columns are what queries filter on.
 */
import type { Migration } from './migration';

export const migration004: Migration = {
  version: 4,
  name: 'watch: rotation groups, tours, tour runs, focus pins',
  up(db) {
    db.exec(`
      CREATE TABLE rotation_groups (
        id         TEXT PRIMARY KEY,
        body       TEXT NOT NULL CHECK (json_valid(body)),
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- A running rotation per wall (RotationRun), so a restart resumes the same page.
      CREATE TABLE rotation_runs (
        wall_id  INTEGER PRIMARY KEY,
        group_id TEXT NOT NULL,
        body     TEXT NOT NULL CHECK (json_valid(body))
      ) STRICT;

      CREATE TABLE tours (
        id         TEXT PRIMARY KEY,
        body       TEXT NOT NULL CHECK (json_valid(body)),
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- Every tour run (TourRunState); the evidence a patrol was done. Never deleted with its tour.
      CREATE TABLE tour_runs (
        id         TEXT PRIMARY KEY,
        tour_id    TEXT NOT NULL,
        status     TEXT NOT NULL CHECK (status IN ('running', 'completed', 'stopped')),
        started_at INTEGER NOT NULL,
        body       TEXT NOT NULL CHECK (json_valid(body))
      ) STRICT;
      CREATE INDEX tour_runs_started ON tour_runs (started_at);
      CREATE INDEX tour_runs_running ON tour_runs (status) WHERE status = 'running';

      -- One row per stop outcome. outbox_id is set for a mark (delivered to the platform).
      CREATE TABLE tour_stop_outcomes (
        run_id     TEXT NOT NULL REFERENCES tour_runs (id),
        stop_index INTEGER NOT NULL,
        camera_id  TEXT NOT NULL,
        outcome    TEXT NOT NULL CHECK (outcome IN ('normal', 'abnormal', 'faulty', 'missed')),
        at         INTEGER NOT NULL,
        outbox_id  INTEGER REFERENCES outbox (id),
        PRIMARY KEY (run_id, stop_index)
      ) STRICT;
      CREATE INDEX tour_stop_outcomes_at ON tour_stop_outcomes (at);

      CREATE TABLE focus_pins (
        wall_id    INTEGER NOT NULL,
        tile_index INTEGER NOT NULL,
        body       TEXT NOT NULL CHECK (json_valid(body)),
        PRIMARY KEY (wall_id, tile_index)
      ) STRICT;

      CREATE TABLE focus_pulls (
        alert_id TEXT PRIMARY KEY,
        body     TEXT NOT NULL CHECK (json_valid(body))
      ) STRICT;
    `);
  },
};
