/**
 * The first schema: the catalog cache, the walls, patrol marks, the outbox and the audit log.
 */
import type { Migration } from './migration';

export const migration001: Migration = {
  version: 1,
  name: 'initial: catalog, walls, patrol marks, outbox, audit',
  up(db) {
    db.exec(`
      -- Small key/value facts: catalog_version, catalog_source, catalog_fetched_at.
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- The catalog cache, replaced whole when a new valid catalog arrives. ord keeps the
      -- platform's order so the desk's tree does not reshuffle between runs.
      CREATE TABLE areas (
        id        TEXT PRIMARY KEY,
        name      TEXT NOT NULL,
        level     TEXT NOT NULL CHECK (level IN ('region', 'zone', 'grid')),
        parent_id TEXT,
        ord       INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE cameras (
        id                    TEXT PRIMARY KEY,
        name                  TEXT NOT NULL,
        grid_id               TEXT NOT NULL,
        kind                  TEXT NOT NULL CHECK (kind IN ('fixed', 'checkpoint', 'vehicle', 'body')),
        lat                   REAL NOT NULL,
        lng                   REAL NOT NULL,
        heading               REAL,
        fov                   REAL,
        range                 REAL,
        live_url              TEXT NOT NULL,
        sub_url               TEXT,
        playback_url_template TEXT,
        status                TEXT NOT NULL CHECK (status IN ('online', 'offline', 'unknown')),
        ord                   INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX cameras_grid ON cameras (grid_id);

      -- Walls and what each tile shows. No foreign key to cameras: a camera that leaves the
      -- catalog leaves its tile pointing at an id the wall shows as "not in catalog".
      CREATE TABLE walls (
        wall_id INTEGER PRIMARY KEY,
        name    TEXT NOT NULL,
        cols    INTEGER NOT NULL CHECK (cols >= 1),
        rows    INTEGER NOT NULL CHECK (rows >= 1)
      ) STRICT;

      CREATE TABLE wall_tiles (
        wall_id    INTEGER NOT NULL REFERENCES walls (wall_id) ON DELETE CASCADE,
        tile_index INTEGER NOT NULL CHECK (tile_index >= 0),
        camera_id  TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (wall_id, tile_index)
      ) STRICT;

      -- Operator actions waiting for (or done with) delivery to the platform. A row is pending
      -- until delivered_at or rejected_at is set. idempotency_key is what the platform dedupes on.
      CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        kind            TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        payload         TEXT NOT NULL CHECK (json_valid(payload)),
        created_at      INTEGER NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error      TEXT,
        delivered_at    INTEGER,
        rejected_at     INTEGER
      ) STRICT;
      CREATE INDEX outbox_pending ON outbox (next_attempt_at)
        WHERE delivered_at IS NULL AND rejected_at IS NULL;

      CREATE TABLE patrol_marks (
        id         TEXT PRIMARY KEY,
        camera_id  TEXT NOT NULL,
        mark       TEXT NOT NULL CHECK (mark IN ('normal', 'abnormal', 'faulty')),
        note       TEXT NOT NULL,
        operator   TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        outbox_id  INTEGER NOT NULL REFERENCES outbox (id)
      ) STRICT;
      CREATE INDEX patrol_marks_created ON patrol_marks (created_at);

      -- Who did what, when. Append-only: the triggers refuse updates and deletes.
      CREATE TABLE audit (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,
        at       INTEGER NOT NULL,
        operator TEXT NOT NULL,
        role     TEXT NOT NULL,
        action   TEXT NOT NULL,
        subject  TEXT,
        detail   TEXT CHECK (detail IS NULL OR json_valid(detail))
      ) STRICT;
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
    `);
  },
};
