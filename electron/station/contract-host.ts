/**
 * The one place every intent enters the core, whatever the transport (Electron IPC or the browser
 * host's WebSocket): it checks the method exists, that the caller may call it, parses the input
 * with the method's zod schema, runs the handler, and turns every outcome into data:
 * `{ ok: true, value } | { ok: false, error: { code, message } }`. A throwing handler becomes an
 * error result, never a crash of the host.
 */
import type { z } from 'zod';
import {
  isMethodName,
  methods,
  type Caller,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
} from '../../shared/api';
import { VigilError, type Result } from '../../shared/result';

export type Handler<M extends MethodName> = (
  input: MethodParsedInput<M>,
  caller: Caller,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };

/** "cameras[3].lat: Too big: expected number to be <=90" — the path a person can find. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path
        .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
        .join('');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

export interface ContractHostOptions {
  /** Called with every internal error (a bug), for the log. */
  onInternalError?: (method: string, error: unknown) => void;
}

export class ContractHost {
  constructor(
    private readonly handlers: Handlers,
    private readonly options: ContractHostOptions = {},
  ) {}

  async dispatch(method: unknown, input: unknown, caller: Caller): Promise<Result<unknown>> {
    if (!isMethodName(method)) {
      return {
        ok: false,
        error: {
          code: 'unknown-method',
          message: `unknown method: ${String(method).slice(0, 80)}`,
        },
      };
    }
    const spec = methods[method];
    if (!spec.callers.includes(caller.window)) {
      return {
        ok: false,
        error: {
          code: 'forbidden',
          message: `${method} may not be called from a ${caller.window} window`,
        },
      };
    }
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'bad-input', message: `${method}: ${describeZodError(parsed.error)}` },
      };
    }
    try {
      const handler = this.handlers[method] as Handler<typeof method>;
      const value = await handler(parsed.data as never, caller);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof VigilError) return { ok: false, error: error.toData() };
      this.options.onInternalError?.(method, error);
      return {
        ok: false,
        error: { code: 'internal', message: `${method} failed: ${errorMessage(error)}` },
      };
    }
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
