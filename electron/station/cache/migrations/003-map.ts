/**
 * The tactical map's tables (issue #5): unit positions (tracks), the units last seen, and the
 * district geometry as the platform last sent it. Map tiles are NOT here: they live in their own
 * MBTiles file (dataDir/tiles.mbtiles, electron/station/map/mbtiles.ts) so an offline package can
 * be swapped, copied or deleted without touching the operator's data.
 */
import type { Migration } from './migration';

export const migration003: Migration = {
  version: 3,
  name: 'map: unit positions and tiles',
  up(db) {
    db.exec(`
      -- One row per fix (docs/protocol.md §3, vigil/units/{unitId}/position), 1 Hz per unit.
      -- Clustered by (unit_id, at) (WITHOUT ROWID): a track query reads one contiguous range,
      -- and pruning deletes the head of each unit's range. A repeated fix (same unit, same at)
      -- is ignored on insert. ~1.4 M rows an hour for 400 units.
      CREATE TABLE unit_positions (
        unit_id TEXT    NOT NULL,
        at      INTEGER NOT NULL,
        lat     REAL    NOT NULL,
        lng     REAL    NOT NULL,
        heading REAL    NOT NULL,
        speed   REAL    NOT NULL,
        PRIMARY KEY (unit_id, at)
      ) STRICT, WITHOUT ROWID;

      -- Every unit ever seen and its latest fix: the map restores units cache-first, tracks know
      -- a call sign after a restart, and pruning walks this list.
      CREATE TABLE units_seen (
        unit_id   TEXT PRIMARY KEY,
        call_sign TEXT    NOT NULL,
        kind      TEXT    NOT NULL CHECK (kind IN ('car', 'foot', 'village')),
        lat       REAL    NOT NULL,
        lng       REAL    NOT NULL,
        heading   REAL    NOT NULL,
        speed     REAL    NOT NULL,
        at        INTEGER NOT NULL
      ) STRICT;

      -- The district geometry (GET /api/v1/geometry), replaced whole when a valid one arrives.
      CREATE TABLE map_geometry (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        version    TEXT    NOT NULL,
        body       TEXT    NOT NULL CHECK (json_valid(body)),
        fetched_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
