/**
 * The wall capability's handler type (shared/contract/wall.ts); the handlers are built in
 * ./wall-capability.ts. (Tests that need a whole table use tests/shared/access-matrix.ts's stubs.)
 */
import type { wallMethods } from '../../../shared/contract/wall';
import type { Handlers } from '../contract-host';

export type WallHandlers = Pick<Handlers, keyof typeof wallMethods>;
