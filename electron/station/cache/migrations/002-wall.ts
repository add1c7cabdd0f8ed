/**
 * The video wall's tables (issue #3): layouts, views, tile streams and playback state.
 * Reserved for the wall capability; filled while it is built, before any release ships it.
 */
import type { Migration } from './migration';

export const migration002: Migration = {
  version: 2,
  name: 'wall: layouts and views',
  up() {},
};
