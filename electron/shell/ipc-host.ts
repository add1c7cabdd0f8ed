/**
 * The Electron transport of the contract: one `invoke` channel for intents, one channel for events
 * (shared/api.ts `ipcChannels`). Every call goes through one door: the sender is checked (the
 * main frame of one of our windows, showing our renderer: sender-check.ts), the window it came
 * from decides the Caller, and the station's ContractHost validates and runs it. Errors come back
 * as data (`{ ok: false, error }`), because Electron carries only an Error's message.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ipcChannels, type CallerWindow, type VigilEvent } from '../../shared/api';
import type { Result } from '../../shared/result';
import type { Station } from '../station/station';
import type { WindowRole } from './app-protocol';
import { checkSender, type SenderFacts } from './sender-check';

export interface IpcHostOptions {
  station: Station;
  /** Whether a URL is one of our renderer's pages (app-protocol.ts isRendererUrl). */
  isOurUrl: (url: string) => boolean;
  log: (line: string) => void;
}

export class IpcHost {
  /** webContents id → which window it is (decided by the shell when it created the window). */
  private readonly roles = new Map<number, WindowRole>();
  private readonly contents = new Map<number, WebContents>();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly options: IpcHostOptions) {}

  start(): void {
    ipcMain.handle(ipcChannels.call, (event, method: unknown, input: unknown) =>
      this.call(event, method, input),
    );
    // Every window gets every event; a wall's renderer ignores other walls' state.
    this.unsubscribe = this.options.station.events.on((event) => this.forward(event));
  }

  stop(): void {
    ipcMain.removeHandler(ipcChannels.call);
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.roles.clear();
    this.contents.clear();
  }

  /** A window the shell created; forgotten when its webContents is destroyed. */
  register(contents: WebContents, role: WindowRole): void {
    const id = contents.id;
    this.roles.set(id, role);
    this.contents.set(id, contents);
    contents.once('destroyed', () => {
      this.roles.delete(id);
      this.contents.delete(id);
    });
  }

  /** The live window of ours a caller is (the desk, or wall N), null: none now. */
  contentsOf(caller: CallerWindow): WebContents | null {
    for (const [id, role] of this.roles) {
      const same =
        role.kind === caller.window && (role.kind === 'desk' || role.wallId === caller.wallId);
      const contents = this.contents.get(id);
      if (same && contents && !contents.isDestroyed()) return contents;
    }
    return null;
  }

  private async call(
    event: IpcMainInvokeEvent,
    method: unknown,
    input: unknown,
  ): Promise<Result<unknown>> {
    const verdict = checkSender(senderFacts(event), this.roles, this.options.isOurUrl);
    if (!verdict.ok) {
      this.options.log(`ipc: refused ${String(method).slice(0, 60)}: ${verdict.reason}`);
      return { ok: false, error: { code: 'forbidden', message: 'this page may not call Vigil' } };
    }
    return this.options.station.host.dispatch(method, input, verdict.caller);
  }

  private forward(event: VigilEvent): void {
    for (const contents of this.contents.values()) {
      if (contents.isDestroyed() || contents.isCrashed()) continue;
      // Only our own page gets events (not a page a window was somehow navigated to).
      if (!this.options.isOurUrl(contents.getURL())) continue;
      contents.send(ipcChannels.event, event);
    }
  }
}

function senderFacts(event: IpcMainInvokeEvent): SenderFacts {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frame: frame
      ? { url: frame.url, isMainFrame: frame.parent === null && frame === event.sender.mainFrame }
      : null,
  };
}
