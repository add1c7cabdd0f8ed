/**
 * The Electron preload exposes the contract's bridge as `window.vigil`; its type comes straight
 * from shared/api.ts so nothing is kept in sync by hand. In the browser host it is absent and the
 * renderer talks to the core over a WebSocket instead (transport/ws-bridge.ts).
 */
import type { VigilBridge } from '../shared/api';

declare global {
  interface Window {
    readonly vigil?: VigilBridge;
  }
}

export {};
