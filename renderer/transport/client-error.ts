import type { ErrorCode } from '../../shared/result';

/** A contract error (`{ ok: false }`) thrown by `VigilClient.get`, code intact. */
export class ClientError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}
