/**
 * The browser host's WebSocket protocol: JSON text frames carrying exactly the contract.
 *
 *   client → server  { "id": 7, "method": "wall.assign", "input": { … } }
 *   server → client  { "id": 7, "result": { "ok": true, "value": … } }
 *                    { "id": 7, "result": { "ok": false, "error": { "code", "message" } } }
 *   server → client  { "event": { "stream", "seq", "epoch", "at", "payload" } }
 *
 * The socket URL is `ws(s)://<host>/ws?token=<token>&window=desk|wall[&wall=N]`.
 */
import type { VigilEvent } from '../../shared/api';
import { errorCodes, type ErrorCode, type Result } from '../../shared/result';
import type { Route } from '../app/route';

export interface CallFrame {
  id: number;
  method: string;
  input: unknown;
}

export type ServerFrame =
  { kind: 'result'; id: number; result: Result<unknown> } | { kind: 'event'; event: VigilEvent };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (errorCodes as readonly string[]).includes(value);

function parseResult(value: unknown): Result<unknown> | null {
  if (!isRecord(value)) return null;
  if (value.ok === true) return { ok: true, value: value.value };
  if (value.ok === false && isRecord(value.error)) {
    const { code, message } = value.error;
    return {
      ok: false,
      error: {
        // An unknown code from a newer host is still an error, not a dropped frame.
        code: isErrorCode(code) ? code : 'internal',
        message: typeof message === 'string' ? message : 'unknown error',
      },
    };
  }
  return null;
}

function isEvent(value: unknown): value is VigilEvent {
  return (
    isRecord(value) &&
    typeof value.stream === 'string' &&
    typeof value.seq === 'number' &&
    typeof value.epoch === 'string' &&
    typeof value.at === 'number' &&
    'payload' in value
  );
}

/** A frame from the server, or null when it is not one we understand (it is then ignored). */
export function parseServerFrame(text: string): ServerFrame | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(data)) return null;
  if (typeof data.id === 'number' && 'result' in data) {
    const result = parseResult(data.result);
    return result ? { kind: 'result', id: data.id, result } : null;
  }
  if (isEvent(data.event)) return { kind: 'event', event: data.event };
  return null;
}

export function encodeCall(frame: CallFrame): string {
  return JSON.stringify(frame);
}

export interface SocketLocation {
  protocol: string;
  host: string;
}

export function socketUrl(location: SocketLocation, route: Route, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = new URLSearchParams();
  if (token !== null) query.set('token', token);
  query.set('window', route.window);
  if (route.window === 'wall') query.set('wall', String(route.wallId));
  return `${scheme}//${location.host}/ws?${query.toString()}`;
}
