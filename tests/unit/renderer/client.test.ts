import { describe, expect, it } from 'vitest';
import type { EventsSince, MethodName, VigilBridge, VigilEvent } from '../../../shared/api';
import type { Result } from '../../../shared/result';
import { VigilClient } from '../../../renderer/transport/client';
import type { Connection, ConnectionState } from '../../../renderer/transport/connection';

const outbox = (seq: number, pending: number, epoch = 'e1'): VigilEvent => ({
  stream: 'outbox',
  seq,
  epoch,
  at: seq,
  payload: { pending, delivered: 0, lastError: null },
});

function fakeBridge(history: VigilEvent[], epoch = 'e1') {
  let emit: (event: VigilEvent) => void = () => {};
  const calls: { method: MethodName; input: unknown }[] = [];
  const bridge: VigilBridge = {
    onEvent: (listener) => {
      emit = listener;
      return () => {};
    },
    call: (async (method: MethodName, input: { since: number; epoch?: string }) => {
      calls.push({ method, input });
      if (method !== 'events.since')
        return { ok: false, error: { code: 'internal', message: 'x' } };
      const seq = history.at(-1)?.seq ?? 0;
      const reset =
        (input.epoch !== undefined && input.epoch !== epoch) ||
        input.since < (history[0]?.seq ?? 1) - 1;
      const value: EventsSince = {
        events: reset ? [] : history.filter((e) => e.seq > input.since),
        reset,
        epoch,
        seq,
      };
      return { ok: true, value } satisfies Result<EventsSince>;
    }) as VigilBridge['call'],
  };
  return { bridge, calls, emit: (e: VigilEvent) => emit(e) };
}

function fakeConnection() {
  let listener: (s: ConnectionState) => void = () => {};
  const connection: Connection & { set(s: ConnectionState): void } = {
    state: 'connected',
    onChange: (l: (s: ConnectionState) => void) => {
      listener = l;
      return () => {};
    },
    set(s: ConnectionState) {
      (this as { state: ConnectionState }).state = s;
      listener(s);
    },
  };
  return connection;
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('VigilClient subscriptions', () => {
  it('applies events in order, drops duplicates, catches up a gap from events.since', async () => {
    const history = [outbox(1, 1), outbox(2, 2), outbox(3, 3), outbox(4, 4)];
    const { bridge, emit, calls } = fakeBridge(history);
    const client = new VigilClient(bridge, fakeConnection());
    const seen: number[] = [];
    let resets = 0;
    client.subscribe('outbox', { onEvent: (p) => seen.push(p.pending), onReset: () => resets++ });
    emit(outbox(1, 1));
    emit(outbox(1, 1));
    emit(outbox(4, 4)); // 2 and 3 missed
    emit(outbox(3, 3)); // arrives while catching up: buffered, then a duplicate
    await flush();
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(resets).toBe(0);
    expect(calls).toEqual([
      { method: 'events.since', input: { stream: 'outbox', since: 1, epoch: 'e1' } },
    ]);
  });

  it('after a reconnect asks for what it missed', async () => {
    const history = [outbox(1, 1), outbox(2, 2), outbox(3, 3)];
    const { bridge, emit } = fakeBridge(history);
    const connection = fakeConnection();
    const client = new VigilClient(bridge, connection);
    const seen: number[] = [];
    client.subscribe('outbox', { onEvent: (p) => seen.push(p.pending), onReset: () => {} });
    emit(outbox(1, 1));
    connection.set('reconnecting');
    connection.set('connected');
    await flush();
    expect(seen).toEqual([1, 2, 3]);
  });

  it('refetches (reset) when the core restarted or nothing was seen yet', async () => {
    const { bridge, emit } = fakeBridge([outbox(1, 9, 'e2')], 'e2');
    const connection = fakeConnection();
    const client = new VigilClient(bridge, connection);
    let resets = 0;
    client.subscribe('outbox', { onEvent: () => {}, onReset: () => resets++ });
    connection.set('reconnecting');
    connection.set('connected');
    expect(resets).toBe(1); // never saw an event: cannot know what was missed
    emit(outbox(5, 5, 'e1'));
    connection.set('reconnecting');
    connection.set('connected');
    await flush();
    expect(resets).toBe(2); // epoch e1 is gone
    emit(outbox(1, 1, 'e3'));
    expect(resets).toBe(3); // a live event from another run
  });

  it('get() throws the contract error with its code', async () => {
    const { bridge } = fakeBridge([]);
    const client = new VigilClient(bridge, fakeConnection());
    await expect(client.get('link.get', {})).rejects.toMatchObject({ code: 'internal' });
  });

  it('close() undoes its subscriptions: no event or reconnect reaches a subscriber after it', async () => {
    const history = [outbox(1, 1)];
    const { bridge, emit } = fakeBridge(history);
    let bridgeListeners = 0;
    let connectionListeners = 0;
    const counted: VigilBridge = {
      ...bridge,
      onEvent: (listener) => {
        bridgeListeners++;
        const off = bridge.onEvent(listener);
        return () => {
          bridgeListeners--;
          off();
        };
      },
    };
    const connection = fakeConnection();
    const onChange = connection.onChange.bind(connection);
    connection.onChange = (l) => {
      connectionListeners++;
      const off = onChange(l);
      return () => {
        connectionListeners--;
        off();
      };
    };
    let disposed = 0;
    const client = new VigilClient(counted, connection, () => disposed++);
    const seen: number[] = [];
    let resets = 0;
    client.subscribe('outbox', { onEvent: (p) => seen.push(p.pending), onReset: () => resets++ });
    emit(outbox(1, 1));
    expect(seen).toEqual([1]);
    expect([bridgeListeners, connectionListeners]).toEqual([1, 1]);
    client.close();
    expect([bridgeListeners, connectionListeners, disposed]).toEqual([0, 0, 1]);
    emit(outbox(2, 2));
    connection.set('reconnecting');
    connection.set('connected');
    await flush();
    expect(seen).toEqual([1]);
    expect(resets).toBe(0);
  });
});
