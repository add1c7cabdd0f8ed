/**
 * One span of a platform history (camera health's, incidents'): GET with a size cap and a
 * timeout, validated by its schema, and answering for exactly the span asked. Why not, in words.
 */
import type { z } from 'zod';
import { describeZodError } from '../contract-host';
import { fetchJsonCapped } from './read-capped';

export async function fetchSpan<S extends z.ZodType<{ from: number; to: number }>>(
  url: string,
  schema: S,
  span: { from: number; to: number },
  options: { fetch?: typeof fetch; timeoutMs: number; maxBytes: number },
): Promise<{ ok: true; value: z.infer<S> } | { ok: false; why: string }> {
  const got = await fetchJsonCapped(url, options);
  if (!got.ok) return got;
  const parsed = schema.safeParse(got.value);
  if (!parsed.success) return { ok: false, why: describeZodError(parsed.error) };
  const value = parsed.data as z.infer<S>;
  if (value.from !== span.from || value.to !== span.to) {
    return {
      ok: false,
      why: `answered for ${value.from}-${value.to}, asked ${span.from}-${span.to}`,
    };
  }
  return { ok: true, value };
}
