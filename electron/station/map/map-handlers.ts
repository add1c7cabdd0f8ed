/**
 * The map capability's handler type (shared/contract/map.ts); the real handlers are built in
 * ./map-capability.ts. `placeholderMapHandlers` answers empty (or 'unavailable'): for tests of
 * other capabilities that need a complete Handlers table without a database.
 */
import type { mapMethods } from '../../../shared/contract/map';
import { VigilError } from '../../../shared/result';
import type { Handlers } from '../contract-host';

export type MapHandlers = Pick<Handlers, keyof typeof mapMethods>;

const notYet = (): never => {
  throw new VigilError('unavailable', 'map: not built yet');
};

export function placeholderMapHandlers(): MapHandlers {
  return {
    'map.geometry': () => ({
      version: '',
      source: 'none',
      areas: [],
      mustPatrolLines: [],
      mustReachPoints: [],
      checkpoints: [],
      dutyPosts: [],
      bounds: null,
    }),
    'units.list': () => [],
    'tracks.query': notYet,
    'compliance.report': notYet,
    'map.radius': notYet,
    'tracks.exportGpx': notYet,
    'map.tileInfo': () => ({
      urlTemplate: '/tiles/{z}/{x}/{y}.png',
      crs: 'WGS84',
      minZoom: 8,
      maxZoom: 18,
      tileSize: 256,
      attribution: '',
      cachedTiles: 0,
      available: false,
      center: { lat: 35.4, lng: 116.97 },
      zoom: 11,
    }),
  };
}
