/**
 * The watch modes' tables (issue #4): rotation groups, tours and tour runs, focus pins.
 * Reserved for the watch capability; filled while it is built, before any release ships it.
 */
import type { Migration } from './migration';

export const migration004: Migration = {
  version: 4,
  name: 'watch: rotation groups, tours, tour runs, focus pins',
  up() {},
};
