/**
 * Who is calling over IPC. A message is accepted only from the main frame of one of our own
 * windows showing our renderer (electron/fiddle's ipc.ts, VS Code's validatedIpcMain): an iframe,
 * a page that navigated elsewhere, or a webContents we did not create gets nothing.
 *
 * The caller's identity comes from which window sent it (the shell decided it when it created the
 * window), never from anything the page says about itself.
 */
import type { Caller, Role } from '../../shared/api';
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

export interface OperatorIdentity {
  operator: string;
  role: Role;
}

export type SenderVerdict = { ok: true; caller: Caller } | { ok: false; reason: string };

export function checkSender(
  facts: SenderFacts,
  windows: ReadonlyMap<number, WindowRole>,
  isOurUrl: (url: string) => boolean,
  identity: OperatorIdentity,
): SenderVerdict {
  const role = windows.get(facts.webContentsId);
  if (!role)
    return { ok: false, reason: `webContents ${facts.webContentsId} is not a Vigil window` };
  if (!facts.frame) return { ok: false, reason: 'the sending frame is gone' };
  if (!facts.frame.isMainFrame) return { ok: false, reason: 'sent from a subframe' };
  if (!isOurUrl(facts.frame.url)) {
    return { ok: false, reason: `sent from a foreign page: ${facts.frame.url.slice(0, 120)}` };
  }
  return { ok: true, caller: callerFor(role, identity) };
}

export function callerFor(role: WindowRole, identity: OperatorIdentity): Caller {
  return role.kind === 'wall'
    ? { window: 'wall', wallId: role.wallId, operator: identity.operator, role: identity.role }
    : { window: 'desk', operator: identity.operator, role: identity.role };
}
