/**
 * What the audit row of a call says when the service wrote none (the contract host's row): the
 * subject read from the input's usual fields, and the input itself as the detail, with what must
 * not or need not be kept taken out (passwords, pictures) and long values cut.
 */

/** "wall 2 tile 3", a camera, a run, an id or a name; null when the input names none. */
export function callSubject(input: unknown): string | null {
  if (typeof input !== 'object' || input === null) return null;
  const i = input as Record<string, unknown>;
  if (typeof i.wallId === 'number') {
    return typeof i.tileIndex === 'number'
      ? `wall ${i.wallId} tile ${i.tileIndex}`
      : `wall ${i.wallId}`;
  }
  for (const key of ['cameraId', 'runId', 'alertId', 'id', 'name']) {
    const v = i[key];
    if (typeof v === 'string') return v;
  }
  return null;
}

const secret = /password|secret|token/i;
const picture = /snapshot|jpeg|image|picture/i;
const maxString = 200;
const maxItems = 20;
const maxDepth = 4;

/** The input as the row's detail: JSON-safe, secrets out, pictures as their size, long cut. */
export function callDetail(input: unknown, depth = 0): unknown {
  if (input === null || typeof input === 'boolean') return input;
  if (typeof input === 'number') return Number.isFinite(input) ? input : String(input);
  if (typeof input === 'string') {
    return input.length > maxString ? `${input.slice(0, maxString)}…` : input;
  }
  if (depth >= maxDepth) return '…';
  if (Array.isArray(input)) {
    const items = input.slice(0, maxItems).map((v) => callDetail(v, depth + 1));
    return input.length > maxItems ? [...items, `… +${input.length - maxItems}`] : items;
  }
  if (typeof input === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined) continue;
      if (secret.test(key)) out[key] = '[not recorded]';
      else if (picture.test(key) && typeof value === 'object' && value !== null) {
        out[key] = `[${JSON.stringify(value).length} bytes]`;
      } else if (picture.test(key) && typeof value === 'string') {
        out[key] = `[${value.length} bytes]`;
      } else out[key] = callDetail(value, depth + 1);
    }
    return out;
  }
  return String(input);
}
