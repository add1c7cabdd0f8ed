/**
 * The contract over the browser host's WebSocket (protocol: ws-protocol.ts). Implements the same
 * `VigilBridge` the Electron preload exposes, plus a connection state, and reconnects on its own
 * with backoff. Calls made while the socket is down wait for it (up to the call timeout) instead
 * of failing at once: the core is local, so a drop is usually a restart of a second or two.
 */
import type {
  MethodInput,
  MethodName,
  MethodOutput,
  VigilBridge,
  VigilEvent,
} from '../../shared/api';
import type { Result } from '../../shared/result';
import { backoffDelay, coreReconnectBackoff } from '../common/backoff';
import type { Connection, ConnectionState } from './connection';
import { encodeCall, parseServerFrame } from './ws-protocol';

export interface WsBridgeOptions {
  url: string;
  /** A call with no answer after this long resolves as `unavailable`. */
  callTimeoutMs?: number;
}

interface PendingCall {
  resolve: (result: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
  /** The encoded frame while it waits for the socket to open; null once sent. */
  frame: string | null;
}

export class WsBridge implements VigilBridge, Connection {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, PendingCall>();
  private readonly eventListeners = new Set<(event: VigilEvent) => void>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private closed = false;
  private current: ConnectionState = 'connecting';
  private readonly callTimeoutMs: number;

  constructor(private readonly options: WsBridgeOptions) {
    this.callTimeoutMs = options.callTimeoutMs ?? 15_000;
    this.open();
  }

  get state(): ConnectionState {
    return this.current;
  }

  onChange(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onEvent(listener: (event: VigilEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
    const id = this.nextId++;
    const frame = encodeCall({ id, method, input });
    return new Promise<Result<unknown>>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({
          ok: false,
          error: { code: 'unavailable', message: `${method}: no answer from the station core` },
        });
      }, this.callTimeoutMs);
      const call: PendingCall = { resolve, timer, frame };
      this.pending.set(id, call);
      this.flush();
    }) as Promise<Result<MethodOutput<M>>>; // the host answers with the method's output type
  }

  /** Stop for good (page unload, tests). */
  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket?.close(1000, 'closing');
    this.socket = null;
    this.failPending('the page is closing');
  }

  private open(): void {
    if (this.closed) return;
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.options.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.setState('connected');
      this.flush();
    };
    socket.onmessage = (message: MessageEvent) => {
      if (typeof message.data !== 'string') return;
      const frame = parseServerFrame(message.data);
      if (!frame) return;
      if (frame.kind === 'result') {
        const call = this.pending.get(frame.id);
        if (!call) return;
        this.pending.delete(frame.id);
        clearTimeout(call.timer);
        call.resolve(frame.result);
      } else {
        for (const listener of [...this.eventListeners]) {
          try {
            listener(frame.event);
          } catch (error) {
            // One broken view must not starve the others of events.
            console.error('vigil: event listener failed', error);
          }
        }
      }
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      // Calls already sent may or may not have run; say so rather than resend them.
      this.failSent('connection to the station core lost');
      this.scheduleReconnect();
    };
    // An error is always followed by close; the reconnect happens there.
    socket.onerror = () => {};
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    this.setState(this.current === 'connecting' ? 'connecting' : 'reconnecting');
    const delay = backoffDelay(this.attempt++, coreReconnectBackoff);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delay);
  }

  private flush(): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    for (const call of this.pending.values()) {
      if (call.frame === null) continue;
      socket.send(call.frame);
      call.frame = null;
    }
  }

  private failSent(message: string): void {
    for (const [id, call] of this.pending) {
      if (call.frame !== null) continue;
      this.pending.delete(id);
      clearTimeout(call.timer);
      call.resolve({ ok: false, error: { code: 'unavailable', message } });
    }
  }

  private failPending(message: string): void {
    for (const call of this.pending.values()) {
      clearTimeout(call.timer);
      call.resolve({ ok: false, error: { code: 'unavailable', message } });
    }
    this.pending.clear();
  }

  private setState(state: ConnectionState): void {
    if (state === this.current) return;
    this.current = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }
}
