/**
 * The tactical map's tables (issue #5): unit positions (tracks), map tiles cache.
 * Reserved for the map capability; filled while it is built, before any release ships it.
 */
import type { Migration } from './migration';

export const migration003: Migration = {
  version: 3,
  name: 'map: unit positions and tiles',
  up() {},
};
