/**
 * Operators (issue #11): local accounts with a slow password hash, and the station's session (who
 * is signed in at this workstation), kept so a restart of the core in the middle of a shift does
 * not sign the operator out.
 */
import type { Migration } from './migration';

export const migration006: Migration = {
  version: 6,
  name: 'operators: accounts and the session',
  up(db) {
    db.exec(`
      CREATE TABLE operators (
        name          TEXT PRIMARY KEY,
        role          TEXT NOT NULL CHECK (role IN ('watcher', 'chief', 'admin')),
        password_hash TEXT NOT NULL,
        disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        created_at    INTEGER NOT NULL,
        failures      INTEGER NOT NULL DEFAULT 0,
        locked_until  INTEGER
      ) STRICT;
      CREATE TABLE session (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        operator  TEXT NOT NULL REFERENCES operators (name),
        since     INTEGER NOT NULL,
        -- The desk locked (idle, or by hand): its calls wait for the operator's password.
        locked    INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1))
      ) STRICT;
    `);
  },
};
