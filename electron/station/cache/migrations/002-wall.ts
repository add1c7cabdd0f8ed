/**
 * The video wall's tables (issue #3): each wall's layout (merged cells), the operator's custom
 * layouts and named views. Reserved for the wall capability; filled before any release shipped it.
 */
import type { Migration } from './migration';

export const migration002: Migration = {
  version: 2,
  name: 'wall: layouts and views',
  up(db) {
    db.exec(`
      -- The wall's layout as JSON {cols, rows, cells, layoutId}; NULL means the configured grid
      -- (walls.cols × walls.rows). cols/rows stay in step with it for readers of 001's columns.
      -- name becomes operator-given: '' means none (the renderer labels the wall by number).
      ALTER TABLE walls ADD COLUMN layout TEXT CHECK (layout IS NULL OR json_valid(layout));
      UPDATE walls SET name = '';

      -- Custom layouts saved by name; body is {cols, rows, cells}, validated on read.
      CREATE TABLE wall_layouts (
        name       TEXT PRIMARY KEY,
        body       TEXT NOT NULL CHECK (json_valid(body)),
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- Named views; body is {walls: [{wallId, layout, cameras}]}, validated on read.
      CREATE TABLE wall_views (
        name     TEXT PRIMARY KEY,
        body     TEXT NOT NULL CHECK (json_valid(body)),
        saved_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
