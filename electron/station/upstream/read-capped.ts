/**
 * Reads an HTTP answer's body up to a size, so a platform (or a proxy) that sends far more than
 * a resource can be never fills the station's memory: the declared length is checked first, the
 * stream is counted as it comes, and either way the request is aborted past the cap.
 */
export type CappedBody = { ok: true; bytes: Buffer } | { ok: false; why: string };

export async function readCapped(
  response: Response,
  maxBytes: number,
  abort: () => void,
): Promise<CappedBody> {
  const limit = `${Math.round(maxBytes / 1024 / 1024)} MB`;
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    abort();
    return { ok: false, why: `declared ${declared} bytes, over ${limit}` };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      const b = Buffer.from(chunk as Uint8Array);
      size += b.length;
      if (size > maxBytes) {
        abort();
        return { ok: false, why: `over ${limit}` };
      }
      chunks.push(b);
    }
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

/**
 * GETs a JSON document read up to `maxBytes` within `timeoutMs`: the parsed value, or why not
 * (an HTTP error, too large, timed out, not JSON). Never throws.
 */
export async function fetchJsonCapped(
  url: string,
  options: { fetch?: typeof fetch; timeoutMs: number; maxBytes: number },
): Promise<{ ok: true; value: unknown } | { ok: false; why: string }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  let bytes: Buffer;
  try {
    const response = await (options.fetch ?? fetch)(url, { signal: controller.signal });
    if (!response.ok) return { ok: false, why: `HTTP ${response.status}` };
    const body = await readCapped(response, options.maxBytes, () => controller.abort());
    if (!body.ok) return body;
    bytes = body.bytes;
  } catch (error) {
    return { ok: false, why: controller.signal.aborted ? 'timed out' : String(error) };
  } finally {
    clearTimeout(timer);
  }
  try {
    return { ok: true, value: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch {
    return { ok: false, why: 'not JSON' };
  }
}
