/**
 * A refused outbox item can be noted (issue #10 leftover): the desk's "N refused" count counted
 * every refusal ever made, so it only grew and watchers learned to ignore it. An operator who has
 * dealt with a refusal (made the mark again, told the platform's people) notes it; the count is of
 * the refusals nobody has noted yet. Who noted it and when stay on the row (and in the audit log).
 */
import type { Migration } from './migration';

export const migration010: Migration = {
  version: 10,
  name: 'outbox: refused items noted by an operator',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN noted_at INTEGER;
      ALTER TABLE outbox ADD COLUMN noted_by TEXT;
    `);
  },
};
