/**
 * Dispatch (issue #13): the platform's incidents as this station mirrors them, the pictures
 * fetched for them, every unit's latest status, and the orders this station gave. The orders'
 * delivery is the outbox's (an `incident-dispatch` event and one `unit-order` item per unit,
 * written in the same transaction as the order's row, so a crash loses none); a row names its
 * outbox items so its state (queued, sent, refused) is read from them, never kept twice.
 */
import type { Migration } from './migration';

export const migration009: Migration = {
  version: 9,
  name: 'dispatch: incidents, their pictures, unit statuses and orders',
  up(db) {
    db.exec(`
      CREATE TABLE incidents (
        id          TEXT PRIMARY KEY,
        rev         INTEGER NOT NULL,
        body        TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        provisional INTEGER NOT NULL DEFAULT 0,
        refused     TEXT,
        status      TEXT NOT NULL,
        reported_at INTEGER NOT NULL,
        lat         REAL NOT NULL,
        lng         REAL NOT NULL
      ) STRICT;
      CREATE INDEX incidents_reported ON incidents (reported_at);
      CREATE INDEX incidents_lat ON incidents (lat);

      CREATE TABLE incident_pictures (
        incident_id TEXT NOT NULL,
        picture_id  TEXT NOT NULL,
        bytes       BLOB NOT NULL,
        fetched_at  INTEGER NOT NULL,
        PRIMARY KEY (incident_id, picture_id)
      ) STRICT;

      CREATE TABLE unit_statuses (
        unit_id      TEXT PRIMARY KEY,
        availability TEXT NOT NULL,
        activity     TEXT NOT NULL,
        incident_id  TEXT,
        order_id     TEXT,
        at           INTEGER NOT NULL,
        received_at  INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE orders (
        order_id         TEXT PRIMARY KEY,
        incident_id      TEXT NOT NULL,
        unit_id          TEXT NOT NULL,
        call_sign        TEXT NOT NULL,
        ordered_at       INTEGER NOT NULL,
        by               TEXT NOT NULL,
        lat              REAL NOT NULL,
        lng              REAL NOT NULL,
        progress         TEXT,
        acknowledged_at  INTEGER,
        arrived_at       INTEGER,
        cleared_at       INTEGER,
        ack_due_at       INTEGER NOT NULL,
        arrival_due_at   INTEGER NOT NULL,
        reinforcement    TEXT,
        event_outbox_id  INTEGER NOT NULL,
        order_outbox_id  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX orders_incident ON orders (incident_id);
      CREATE INDEX orders_unit ON orders (unit_id, ordered_at);
      CREATE INDEX orders_ordered ON orders (ordered_at);
    `);
  },
};
