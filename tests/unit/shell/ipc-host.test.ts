/**
 * The IPC host under a stand-in for ipcMain (the real module needs the binary): calls reach the
 * station only from our windows' main frames, with the Caller of the window they came from, and
 * events reach every live window of ours.
 */
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannels, type Caller, type Role } from '../../../shared/api';
import { ContractHost } from '../../../electron/station/contract-host';
import { matrixCases, passesDoor, refusedAtDoor, stubHandlers } from '../../shared/access-matrix';
import { isRendererUrl } from '../../../electron/shell/app-protocol';
import type { Station } from '../../../electron/station/station';
import { EventBus } from '../../../electron/station/event-bus';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;
const ipc = vi.hoisted(() => ({ handlers: new Map<string, Handler>() }));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: Handler) => ipc.handlers.set(channel, fn),
    removeHandler: (channel: string) => ipc.handlers.delete(channel),
  },
}));

const { IpcHost } = await import('../../../electron/shell/ipc-host');

class FakeContents extends EventEmitter {
  readonly sent: unknown[][] = [];
  readonly mainFrame: { url: string; parent: null };
  destroyed = false;
  constructor(
    readonly id: number,
    url: string,
  ) {
    super();
    this.mainFrame = { url, parent: null };
  }
  isDestroyed = () => this.destroyed;
  isCrashed = () => false;
  getURL = () => this.mainFrame.url;
  send = (...args: unknown[]) => this.sent.push(args);
}

function setup() {
  const calls: [unknown, unknown, Caller][] = [];
  const events = new EventBus();
  const station = {
    config: { station: { operator: '李警官', role: 'chief' } },
    events,
    host: {
      dispatch: async (method: unknown, input: unknown, caller: Caller) => {
        calls.push([method, input, caller]);
        return { ok: true, value: null };
      },
    },
  } as unknown as Station;
  const host = new IpcHost({ station, isOurUrl: (url) => isRendererUrl(url), log: () => {} });
  host.start();
  const desk = new FakeContents(1, 'vigil://app/index.html?window=desk');
  const wall = new FakeContents(2, 'vigil://app/index.html?window=wall&wall=3');
  host.register(desk as never, { kind: 'desk' });
  host.register(wall as never, { kind: 'wall', wallId: 3 });
  const invoke = (sender: FakeContents, frame: unknown, method: string, input: unknown) =>
    ipc.handlers.get(ipcChannels.call)!({ sender, senderFrame: frame }, method, input);
  return { host, calls, events, desk, wall, invoke };
}

beforeEach(() => ipc.handlers.clear());

describe('IpcHost', () => {
  it('dispatches a main-frame call with the window it came from (never an operator)', async () => {
    const { calls, desk, wall, invoke } = setup();
    await invoke(desk, desk.mainFrame, 'wall.list', {});
    await invoke(wall, wall.mainFrame, 'mark.list', { limit: 5 });
    expect(calls).toEqual([
      ['wall.list', {}, { window: 'desk' }],
      ['mark.list', { limit: 5 }, { window: 'wall', wallId: 3 }],
    ]);
  });

  it('refuses subframes, unknown webContents and foreign pages, as data', async () => {
    const { calls, desk, invoke } = setup();
    const stranger = new FakeContents(9, 'vigil://app/index.html');
    const refused = { ok: false, error: { code: 'forbidden', message: expect.any(String) } };
    await expect(
      invoke(desk, { url: desk.mainFrame.url, parent: desk.mainFrame }, 'wall.list', {}),
    ).resolves.toMatchObject(refused);
    await expect(invoke(stranger, stranger.mainFrame, 'wall.list', {})).resolves.toMatchObject(
      refused,
    );
    desk.mainFrame.url = 'https://evil.example/';
    await expect(invoke(desk, desk.mainFrame, 'wall.list', {})).resolves.toMatchObject(refused);
    await expect(invoke(desk, null, 'wall.list', {})).resolves.toMatchObject(refused);
    expect(calls).toEqual([]);
  });

  it('forwards every event to every live window of ours, and forgets destroyed ones', () => {
    const { events, desk, wall } = setup();
    events.emit('outbox', { pending: 1, delivered: 0, lastError: null });
    expect(desk.sent).toHaveLength(1);
    expect(wall.sent).toHaveLength(1);
    expect(desk.sent[0]![0]).toBe(ipcChannels.event);
    expect(desk.sent[0]![1]).toMatchObject({ stream: 'outbox', seq: 1 });
    wall.emit('destroyed');
    events.emit('outbox', { pending: 0, delivered: 1, lastError: null });
    expect(desk.sent).toHaveLength(2);
    expect(wall.sent).toHaveLength(1);
  });

  it('finds the window a caller is (the PDF export prints that one), none once destroyed', () => {
    const { host, desk, wall } = setup();
    expect(host.contentsOf({ window: 'desk' })).toBe(desk);
    expect(host.contentsOf({ window: 'wall', wallId: 3 })).toBe(wall);
    expect(host.contentsOf({ window: 'wall', wallId: 1 })).toBeNull();
    desk.destroyed = true;
    expect(host.contentsOf({ window: 'desk' })).toBeNull();
  });

  it('stop removes the handler and the event subscription', () => {
    const { host, events, desk } = setup();
    host.stop();
    expect(ipc.handlers.has(ipcChannels.call)).toBe(false);
    events.emit('outbox', { pending: 0, delivered: 0, lastError: null });
    expect(desk.sent).toHaveLength(0);
  });
});

describe('the role matrix over IPC', () => {
  it('answers every method for every role from both windows as the access table says', async () => {
    let role: Role | null = null;
    const station = {
      events: new EventBus(),
      host: new ContractHost(stubHandlers(), {
        session: () => (role ? { name: '测试员', role } : null),
      }),
    } as unknown as Station;
    const host = new IpcHost({ station, isOurUrl: (url) => isRendererUrl(url), log: () => {} });
    host.start();
    const desk = new FakeContents(1, 'vigil://app/index.html?window=desk');
    const wall = new FakeContents(2, 'vigil://app/index.html?window=wall&wall=1');
    host.register(desk as never, { kind: 'desk' });
    host.register(wall as never, { kind: 'wall', wallId: 1 });
    const wrong: string[] = [];
    for (const c of matrixCases()) {
      role = c.role;
      const sender = c.from.window === 'desk' ? desk : wall;
      const result = await ipc.handlers.get(ipcChannels.call)!(
        { sender, senderFrame: sender.mainFrame },
        c.method,
        {},
      );
      if (refusedAtDoor(result) === passesDoor(c)) {
        wrong.push(`${c.method} as ${c.role ?? 'nobody'} from ${c.from.window}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
