/**
 * The wall capability's handler type (shared/contract/wall.ts); the real handlers are built in
 * ./wall-capability.ts. `placeholderWallHandlers` answers empty (or 'unavailable'): for tests of
 * other capabilities that need a complete Handlers table without a database.
 */
import type { wallMethods } from '../../../shared/contract/wall';
import { VigilError } from '../../../shared/result';
import type { Handlers } from '../contract-host';

export type WallHandlers = Pick<Handlers, keyof typeof wallMethods>;

const unavailable = (): never => {
  throw new VigilError('unavailable', 'walls: not built in this test');
};

export function placeholderWallHandlers(): WallHandlers {
  return {
    'wall.setLayout': unavailable,
    'wall.swap': unavailable,
    'wall.sendGroup': unavailable,
    'wall.rename': unavailable,
    'wall.identify': unavailable,
    'wall.reportTiles': unavailable,
    'wall.tileReports': () => [],
    'layout.list': () => [],
    'layout.save': unavailable,
    'layout.delete': unavailable,
    'view.list': () => [],
    'view.save': unavailable,
    'view.load': unavailable,
    'view.delete': unavailable,
  };
}
