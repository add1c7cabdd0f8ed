/** A stand-in station for the browser host's tests, and small WebSocket helpers. */
import WebSocket from 'ws';
import { ContractHost, type Handlers } from '../../../electron/station/contract-host';
import { EventBus } from '../../../electron/station/event-bus';
import type { Station } from '../../../electron/station/station';
import type { Role } from '../../../shared/api';
import type { VigilConfig } from '../../../electron/station/config';

export const wallState = {
  wallId: 1,
  layout: {
    cols: 1,
    rows: 1,
    cells: [{ col: 0, row: 0, colSpan: 1, rowSpan: 1 }],
    layoutId: '1',
  },
  tiles: [],
};
const handlers = {
  'wall.list': () => [wallState],
  'wall.assign': () => wallState,
} as unknown as Handlers; // a stub: only the methods these tests call

/** `session`: who is signed in at the station (a duty chief unless said otherwise). */
export function fakeStation(
  session: () => { name: string; role: Role } | null = () => ({ name: '李四', role: 'chief' }),
): Station {
  return {
    config: {
      station: { id: 's', operator: '李四', role: 'watcher' },
      security: { streamHosts: [], tileHosts: ['http://tiles.local'] },
    } as unknown as VigilConfig, // the host reads only station and security
    dataDir: '/nonexistent',
    host: new ContractHost(handlers, { session }),
    events: new EventBus(),
    wallCount: 2,
    platformOrigins: () => ['http://10.1.2.3:8080'],
    simulator: null,
    // ---- map: one tile exists (12/3378/1616); the rest are not in the cache
    tiles: async (z, x, y) =>
      z === 12 && x === 3378 && y === 1616
        ? { bytes: Buffer.from('\x89PNG\r\n\x1a\nfake', 'latin1'), contentType: 'image/png' }
        : null,
    importTiles: () => ({ tiles: 0, cachedTiles: 0 }),
    stop: async () => {},
  };
}

export function open(url: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

export function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
}
