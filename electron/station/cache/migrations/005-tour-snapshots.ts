/**
 * The picture a watcher's abnormal or faulty tour mark carries (issue #4: "opens an event ...
 * with a note and a snapshot"): one JPEG per stop, kept with the run as its evidence. A row of
 * its own rather than inside the run's JSON body, so listing runs never reads the pictures.
 */
import type { Migration } from './migration';

export const migration005: Migration = {
  version: 5,
  name: 'watch: a snapshot with a tour mark',
  up(db) {
    db.exec(`
      CREATE TABLE tour_snapshots (
        run_id     TEXT NOT NULL REFERENCES tour_runs (id),
        stop_index INTEGER NOT NULL,
        camera_id  TEXT NOT NULL,
        taken_at   INTEGER NOT NULL,
        mime       TEXT NOT NULL CHECK (mime = 'image/jpeg'),
        data       BLOB NOT NULL,
        PRIMARY KEY (run_id, stop_index)
      ) STRICT;
    `);
  },
};
