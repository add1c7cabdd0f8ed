/**
 * The renderer's one way to the station core: typed calls and per-stream subscriptions over
 * whichever bridge this page has (Electron's `window.vigil`, or the browser host's WebSocket).
 *
 * Subscriptions keep a cursor per stream; after a reconnect (or a gap in the sequence) the client
 * asks `events.since` for what it missed and replays it, and when the core says `reset` (history
 * too old, or the core restarted) every subscriber refetches its state.
 */
import type {
  EventPayloads,
  EventStreamName,
  MethodInput,
  MethodName,
  MethodOutput,
  VigilBridge,
  VigilEvent,
} from '../../shared/api';
import type { Result } from '../../shared/result';
import type { PageLocation, Route } from '../app/route';
import { tokenOf } from '../app/route';
import { alwaysConnected, type Connection, type ConnectionState } from './connection';
import { ClientError } from './client-error';
import { advance, emptyCursor, judgeEvent, type StreamCursor } from './stream-cursor';
import { WsBridge } from './ws-bridge';
import { socketUrl, type SocketLocation } from './ws-protocol';

export interface StreamHandlers<S extends EventStreamName> {
  /** A new state change, in order, never twice. */
  onEvent(payload: EventPayloads[S], event: Extract<VigilEvent, { stream: S }>): void;
  /** Events were lost: refetch the whole state. */
  onReset(): void;
}

interface StreamEntry {
  cursor: StreamCursor;
  handlers: Set<StreamHandlers<EventStreamName>>;
  /** Live events that arrived while `events.since` was in flight. */
  catchingUp: VigilEvent[] | null;
}

export class VigilClient {
  private readonly streams = new Map<EventStreamName, StreamEntry>();
  private wasConnected: boolean;
  /** What the constructor subscribed to, undone by close(). */
  private readonly undo: (() => void)[] = [];

  constructor(
    private readonly bridge: VigilBridge,
    readonly connection: Connection,
    private readonly dispose: () => void = () => {},
  ) {
    this.wasConnected = connection.state === 'connected';
    this.undo.push(bridge.onEvent((event) => this.receive(event)));
    this.undo.push(connection.onChange((state) => this.connectionChanged(state)));
  }

  /** The call's result as data; never throws (a failing bridge becomes `unavailable`). */
  async call<M extends MethodName>(
    method: M,
    input: MethodInput<M>,
  ): Promise<Result<MethodOutput<M>>> {
    try {
      return await this.bridge.call(method, input);
    } catch (error) {
      return {
        ok: false,
        error: {
          code: 'unavailable',
          message: `${method}: ${error instanceof Error ? error.message : String(error)}`,
        },
      };
    }
  }

  /** The call's value, or a thrown `ClientError` carrying the contract's error code. */
  async get<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const result = await this.call(method, input);
    if (!result.ok) throw new ClientError(result.error.code, result.error.message);
    return result.value;
  }

  subscribe<S extends EventStreamName>(stream: S, handlers: StreamHandlers<S>): () => void {
    let entry = this.streams.get(stream);
    if (!entry) {
      entry = { cursor: emptyCursor(), handlers: new Set(), catchingUp: null };
      this.streams.set(stream, entry);
    }
    // The set holds handlers of every stream; each is only ever called with its own stream's events.
    const stored = handlers as unknown as StreamHandlers<EventStreamName>;
    entry.handlers.add(stored);
    return () => {
      entry.handlers.delete(stored);
    };
  }

  /** Undoes every subscription (the bridge's events, the connection's, each stream's) and closes. */
  close(): void {
    for (const undo of this.undo.splice(0)) undo();
    this.streams.clear();
    this.dispose();
  }

  private receive(event: VigilEvent): void {
    const entry = this.streams.get(event.stream);
    if (!entry) return;
    if (entry.catchingUp) {
      entry.catchingUp.push(event);
      return;
    }
    this.judgeAndApply(event.stream, entry, event);
  }

  private judgeAndApply(stream: EventStreamName, entry: StreamEntry, event: VigilEvent): void {
    switch (judgeEvent(entry.cursor, event)) {
      case 'apply':
        entry.cursor = advance(entry.cursor, event);
        for (const handlers of [...entry.handlers]) handlers.onEvent(event.payload, event);
        return;
      case 'duplicate':
        return;
      case 'reset':
        entry.cursor = advance(entry.cursor, event);
        this.reset(entry);
        return;
      case 'gap':
        entry.catchingUp = [event];
        void this.catchUp(stream, entry);
        return;
    }
  }

  private connectionChanged(state: ConnectionState): void {
    if (state !== 'connected') return;
    const reconnected = this.wasConnected;
    this.wasConnected = true;
    if (!reconnected) return;
    for (const [stream, entry] of this.streams) {
      if (entry.handlers.size === 0 || entry.catchingUp) continue;
      if (entry.cursor.seq === null) {
        // Nothing seen on this stream yet: we cannot tell what we missed.
        this.reset(entry);
        continue;
      }
      entry.catchingUp = [];
      void this.catchUp(stream, entry);
    }
  }

  private async catchUp(stream: EventStreamName, entry: StreamEntry): Promise<void> {
    const result = await this.call('events.since', {
      stream,
      since: entry.cursor.seq ?? 0,
      ...(entry.cursor.epoch !== null ? { epoch: entry.cursor.epoch } : {}),
    });
    const buffered = entry.catchingUp ?? [];
    entry.catchingUp = null;
    if (!result.ok || result.value.reset) {
      entry.cursor = result.ok
        ? { epoch: result.value.epoch, seq: result.value.seq }
        : emptyCursor();
      this.reset(entry);
      // Live events after the reset's seq are still news.
      for (const event of buffered) {
        if (result.ok && event.epoch === result.value.epoch && event.seq > result.value.seq) {
          this.judgeAndApply(stream, entry, event);
        }
      }
      return;
    }
    for (const event of [...result.value.events, ...buffered]) {
      if (entry.catchingUp) break; // a new gap started another catch-up
      this.judgeAndApply(stream, entry, event);
    }
  }

  private reset(entry: StreamEntry): void {
    for (const handlers of [...entry.handlers]) handlers.onReset();
  }
}

export interface PageContext {
  location: PageLocation & SocketLocation;
  route: Route;
  vigil: VigilBridge | undefined;
}

/** `window.vigil` under Electron; otherwise the browser host's WebSocket. */
export function createClient({ location, route, vigil }: PageContext): VigilClient {
  if (vigil) return new VigilClient(vigil, alwaysConnected);
  const bridge = new WsBridge({ url: socketUrl(location, route, tokenOf(location)) });
  return new VigilClient(bridge, bridge, () => bridge.close());
}
