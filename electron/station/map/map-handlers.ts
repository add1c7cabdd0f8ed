/**
 * The map capability's handler type (shared/contract/map.ts); the real handlers are built in
 * ./map-capability.ts. (Tests that need a whole table use tests/shared/access-matrix.ts's stubs.)
 */
import type { mapMethods } from '../../../shared/contract/map';
import type { Handlers } from '../contract-host';

export type MapHandlers = Pick<Handlers, keyof typeof mapMethods>;
