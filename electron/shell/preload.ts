/**
 * The preload: exposes exactly the contract's bridge as `window.vigil` (shared/api.ts
 * `VigilBridge`: `call` and `onEvent`), frozen, and nothing else. No raw ipcRenderer reaches the
 * page: Electron's context-isolation guide warns against exposing `ipcRenderer` itself, and VS Code's
 * preload draws the same line.
 *
 * Built as one CommonJS file (out/preload/index.cjs): a sandboxed preload can `require` only
 * 'electron', so this file imports nothing else at runtime. In particular it must not import
 * values from shared/api.ts (that would pull zod in): the channel names are repeated here and
 * typed as `typeof ipcChannels`, so the compiler fails if they ever differ.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ipcChannels, VigilBridge, VigilEvent } from '../../shared/api';

const channels: typeof ipcChannels = { call: 'vigil:call', event: 'vigil:event' };

const bridge: VigilBridge = Object.freeze({
  call: (method, input) => ipcRenderer.invoke(channels.call, method, input),
  onEvent(listener: (event: VigilEvent) => void): () => void {
    // The page gets the event only, never the IpcRendererEvent (which carries `sender`).
    const relay = (_event: IpcRendererEvent, payload: VigilEvent) => listener(payload);
    ipcRenderer.on(channels.event, relay);
    return () => {
      ipcRenderer.removeListener(channels.event, relay);
    };
  },
} satisfies VigilBridge);

contextBridge.exposeInMainWorld('vigil', bridge);
