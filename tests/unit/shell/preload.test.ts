/**
 * The preload under a stand-in for Electron's preload API (the real module needs the binary):
 * it exposes exactly the contract's bridge, frozen, and the page never sees the IPC event.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcChannels, type VigilBridge, type VigilEvent } from '../../../shared/api';

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    listeners,
    exposed: [] as [string, unknown][],
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => electron.exposed.push([key, api]),
    },
    ipcRenderer: {
      invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'pong' })),
      on: (channel: string, fn: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(fn);
      },
      removeListener: (channel: string, fn: (...args: unknown[]) => void) => {
        listeners.get(channel)?.delete(fn);
      },
    },
  };
});
vi.mock('electron', () => ({
  contextBridge: electron.contextBridge,
  ipcRenderer: electron.ipcRenderer,
}));

let bridge: VigilBridge;
beforeAll(async () => {
  await import('../../../electron/shell/preload');
  expect(electron.exposed).toHaveLength(1);
  bridge = electron.exposed[0]![1] as VigilBridge;
});

describe('preload', () => {
  it('exposes one frozen object, window.vigil, with exactly call and onEvent', () => {
    expect(electron.exposed[0]![0]).toBe('vigil');
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.getOwnPropertyNames(bridge).sort()).toEqual(['call', 'onEvent']);
  });

  it('call invokes the contract channel with the method and input', async () => {
    await expect(bridge.call('wall.get', { wallId: 2 })).resolves.toEqual({
      ok: true,
      value: 'pong',
    });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(ipcChannels.call, 'wall.get', {
      wallId: 2,
    });
  });

  it('onEvent passes the event only (never the IpcRendererEvent) and unsubscribes', () => {
    const seen: unknown[][] = [];
    const off = bridge.onEvent((...args: unknown[]) => seen.push(args));
    const event = { stream: 'outbox', seq: 1 } as unknown as VigilEvent;
    const emit = () => {
      for (const fn of electron.listeners.get(ipcChannels.event) ?? [])
        fn({ sender: 'secret' }, event);
    };
    emit();
    expect(seen).toEqual([[event]]);
    off();
    emit();
    expect(seen).toHaveLength(1);
  });

  it('imports nothing but electron at runtime (a sandboxed preload can require only electron)', () => {
    const source = readFileSync(
      fileURLToPath(new URL('../../../electron/shell/preload.ts', import.meta.url)),
      'utf8',
    );
    const valueImports = [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map(
      (m) => m[1],
    );
    expect(valueImports).toEqual(['electron']);
  });
});
