/**
 * Errors cross every boundary (IPC, WebSocket) as data, never as thrown objects:
 * Electron's IPC carries only an error's message, so the contract carries a code and a message.
 */
export const errorCodes = [
  'bad-input', // the payload failed the method's schema; message names the field
  'unknown-method', // no such method in the contract
  'forbidden', // the caller (window kind or role) may not call this method
  'not-found', // the thing named (camera, wall, tile) does not exist
  'unavailable', // the platform or a service is down; try again later
  'internal', // a bug: the handler threw something unexpected
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface VigilErrorData {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: VigilErrorData };

/** Thrown inside the core by handlers; the contract host turns it into `{ ok: false }`. */
export class VigilError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'VigilError';
  }
  toData(): VigilErrorData {
    return { code: this.code, message: this.message };
  }
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});
