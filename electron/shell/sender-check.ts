/**
 * Which window is calling over IPC. A message is accepted only from the main frame of one of our
 * own windows showing our renderer (as VS Code's validatedIpcMain does, and Electron's security
 * checklist asks: "validate the sender of all IPC messages"): an iframe, a page that navigated
 * elsewhere, or a webContents we did not create gets nothing.
 *
 * The window comes from which webContents sent it (the shell decided it when it created the
 * window), never from anything the page says about itself; the operator is the station session's,
 * filled in by the contract host at each call.
 */
import type { CallerWindow } from '../../shared/api';
import type { WindowRole } from './app-protocol';

export interface SenderFacts {
  /** `event.sender.id`. */
  webContentsId: number;
  /** `event.senderFrame` (null once the frame navigated or was destroyed). */
  frame: {
    url: string;
    /** `senderFrame === sender.mainFrame` (equivalently, it has no parent). */
    isMainFrame: boolean;
  } | null;
}

export type SenderVerdict = { ok: true; caller: CallerWindow } | { ok: false; reason: string };

export function checkSender(
  facts: SenderFacts,
  windows: ReadonlyMap<number, WindowRole>,
  isOurUrl: (url: string) => boolean,
): SenderVerdict {
  const role = windows.get(facts.webContentsId);
  if (!role)
    return { ok: false, reason: `webContents ${facts.webContentsId} is not a Vigil window` };
  if (!facts.frame) return { ok: false, reason: 'the sending frame is gone' };
  if (!facts.frame.isMainFrame) return { ok: false, reason: 'sent from a subframe' };
  if (!isOurUrl(facts.frame.url)) {
    return { ok: false, reason: `sent from a foreign page: ${facts.frame.url.slice(0, 120)}` };
  }
  return { ok: true, caller: callerFor(role) };
}

export function callerFor(role: WindowRole): CallerWindow {
  return role.kind === 'wall' ? { window: 'wall', wallId: role.wallId } : { window: 'desk' };
}
