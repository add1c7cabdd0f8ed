/**
 * The role matrix over the browser host's WebSocket (issue #11: every method × every role × both
 * transports): the socket's window is its key's, the operator the session's, and the host answers
 * exactly as the contract's access table says. The Electron transport is held to the same matrix in
 * tests/unit/shell/ipc-host.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Role } from '../../../shared/api';
import { ContractHost } from '../../../electron/station/contract-host';
import {
  startBrowserHost,
  windowToken,
  type BrowserHost,
} from '../../../electron/serve/browser-host';
import { matrixCases, passesDoor, refusedAtDoor, stubHandlers } from '../../shared/access-matrix';
import { fakeStation, open } from './helpers';

describe('the role matrix over the WebSocket', () => {
  let role: Role | null = null;
  let host: BrowserHost;
  const sockets: Record<'desk' | 'wall', WebSocket | null> = { desk: null, wall: null };

  beforeAll(async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'vigil-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<title>Vigil</title>');
    const station = {
      ...fakeStation(),
      host: new ContractHost(stubHandlers(), {
        session: () => (role ? { name: '测试员', role } : null),
      }),
    };
    host = await startBrowserHost({ station, rendererDir, port: 0 });
    const ws = (query: string) => `${host.origin.replace('http', 'ws')}/ws?${query}`;
    sockets.desk = await open(
      ws(`window=desk&token=${windowToken(host.token, 'desk')}`),
      host.origin,
    );
    sockets.wall = await open(
      ws(`window=wall&wall=1&token=${windowToken(host.token, 1)}`),
      host.origin,
    );
  });
  afterAll(async () => {
    sockets.desk?.close();
    sockets.wall?.close();
    await host.close();
  });

  let next = 0;
  const call = (ws: WebSocket, method: string): Promise<unknown> =>
    new Promise((resolve) => {
      const id = ++next;
      const onMessage = (data: WebSocket.RawData) => {
        const frame = JSON.parse(String(data)) as { id?: number; result?: unknown };
        if (frame.id !== id) return;
        ws.off('message', onMessage);
        resolve(frame.result);
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, method, input: {} }));
    });

  it('answers every method for every role from both windows as the access table says', async () => {
    const wrong: string[] = [];
    for (const c of matrixCases()) {
      role = c.role;
      const result = await call(sockets[c.from.window]!, c.method);
      if (refusedAtDoor(result) === passesDoor(c)) {
        wrong.push(
          `${c.method} as ${c.role ?? 'nobody'} from ${c.from.window}: ${JSON.stringify(result)}`,
        );
      }
    }
    expect(wrong).toEqual([]);
    expect(matrixCases().length).toBeGreaterThan(500);
  });
});
