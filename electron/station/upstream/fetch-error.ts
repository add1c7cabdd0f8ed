import { errorMessage } from '../contract-host';

/** fetch() says "fetch failed"; the useful part (ECONNREFUSED, ECONNRESET …) is in its cause. */
export function causeMessage(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return errorMessage(error);
}
