/**
 * Text that comes from outside the station (vigil.config.json, a catalog file, a platform's
 * answer) and text that goes into the log:
 *
 * - `decodeTextFile`: UTF-8 (a BOM is dropped), or UTF-16 when a BOM says so. Anything else is
 *   refused with what it looks like, never decoded with replacement characters: a GBK file
 *   decoded as UTF-8 would garble every Chinese name in it without a word.
 * - `findDuplicateJsonKey`: JSON.parse keeps the last of two equal keys; a person editing a
 *   config file meant one of them, so a repeated key is an error naming its path.
 * - `cutValue`: a bad value quoted in a message is cut, so a 1M-character field is not logged.
 * - `redactUrlCredentials`: `scheme://user:password@host` is printed as `scheme://user:***@host`.
 */

export type DecodedText = { ok: true; text: string } | { ok: false; problem: string };

const utf8Fatal = () => new TextDecoder('utf-8', { fatal: true });

/** Decodes a text file's bytes; `problem` says what is wrong and what to do (no file name). */
export function decodeTextFile(bytes: Uint8Array): DecodedText {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    const decoded = decodeWith('utf-16le', bytes);
    if (decoded === null)
      return { ok: false, problem: 'not valid UTF-16LE (it has a UTF-16LE BOM)' };
    text = decoded;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const decoded = decodeWith('utf-16be', bytes);
    if (decoded === null)
      return { ok: false, problem: 'not valid UTF-16BE (it has a UTF-16BE BOM)' };
    text = decoded;
  } else {
    const utf16 = utf16WithoutBom(bytes);
    if (utf16) {
      return {
        ok: false,
        problem: `not UTF-8 (it looks like ${utf16} without a byte-order mark; save it as UTF-8)`,
      };
    }
    const decoded = decodeWith('utf-8', bytes); // drops a UTF-8 BOM
    if (decoded === null) {
      const at = firstBadUtf8Byte(bytes);
      const line = at < 0 ? null : countLines(bytes, at);
      const gbk = decodeWith('gb18030', bytes) !== null;
      const where = line === null ? '' : `line ${line}`;
      const looks = gbk ? 'it looks like GBK/GB18030' : '';
      const detail = [where, looks].filter(Boolean).join('; ');
      return {
        ok: false,
        problem: `not UTF-8 (${detail ? `${detail}; ` : ''}save it as UTF-8)`,
      };
    }
    text = decoded;
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    return {
      ok: false,
      problem: `not a text file (a NUL character on line ${text.slice(0, nul).split('\n').length})`,
    };
  }
  return { ok: true, text };
}

function decodeWith(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null; // invalid bytes, or an encoding this Node lacks (no full ICU)
  }
}

/** ASCII-heavy text in UTF-16 has a zero byte in every other place. */
function utf16WithoutBom(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 2) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const pairs = n / 2;
  if (odd >= pairs * 0.3 && even < pairs * 0.05) return 'UTF-16LE';
  if (even >= pairs * 0.3 && odd < pairs * 0.05) return 'UTF-16BE';
  return null;
}

/**
 * Offset of the byte at which UTF-8 decoding first fails (-1 if it does not): the shortest
 * prefix a streaming fatal decoder refuses (an unfinished last character is not refused).
 */
function firstBadUtf8Byte(bytes: Uint8Array): number {
  const fails = (k: number): boolean => {
    try {
      utf8Fatal().decode(bytes.subarray(0, k), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  if (!fails(bytes.length)) return bytes.length > 0 ? bytes.length - 1 : -1; // truncated at the end
  let lo = 0; // does not fail
  let hi = bytes.length; // fails
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (fails(mid)) hi = mid;
    else lo = mid;
  }
  return hi - 1;
}

function countLines(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Cuts a value for a message: at most `max` characters, "…" when cut. */
export function cutValue(value: string, max = 100): string {
  if (value.length <= max) return value;
  let end = max;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // do not split a surrogate pair
  return `${value.slice(0, end)}…`;
}

/**
 * `scheme://user:password@host…` → `scheme://user:***@host…` anywhere in a line of text; a
 * userinfo without a password (perhaps a token) becomes `***`.
 */
export function redactUrlCredentials(text: string): string {
  return text.replace(
    /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#]*)@/gi,
    (_all, scheme: string, userinfo: string) => {
      const colon = userinfo.indexOf(':');
      return `${scheme}${colon >= 0 ? `${userinfo.slice(0, colon)}:***` : '***'}@`;
    },
  );
}

export interface DuplicateKey {
  /** The key's path, segments joined by "." (array indexes as numbers), e.g. "walls.cols". */
  path: string;
  /** Lines (1-based) of the first and the repeated key. */
  firstLine: number;
  line: number;
}

interface Frame {
  kind: 'object' | 'array';
  path: string[];
  /** object: key → line of its first occurrence. */
  keys: Map<string, number>;
  /** object: the key whose value comes next; array: the index of the next element. */
  key: string | null;
  index: number;
  expectKey: boolean;
}

/**
 * The first key repeated in one object of a JSON text, or null. The text must be valid JSON
 * (call after JSON.parse accepted it). Keys are compared decoded ("a" and "\u0061" are one key).
 */
export function findDuplicateJsonKey(text: string): DuplicateKey | null {
  const stack: Frame[] = [];
  let line = 1;
  const childPath = (): string[] => {
    const top = stack[stack.length - 1];
    if (!top) return [];
    return [...top.path, top.kind === 'object' ? (top.key ?? '?') : String(top.index)];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      stack.push({
        kind: c === 0x7b ? 'object' : 'array',
        path: childPath(),
        keys: new Map(),
        key: null,
        index: 0,
        expectKey: c === 0x7b,
      });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.kind === 'object') top.expectKey = true;
      else if (top) top.index++;
    } else if (c === 0x22 /* " */) {
      let j = i + 1;
      let escaped = false;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d === 0x5c /* \ */) {
          escaped = true;
          j += 2;
          continue;
        }
        if (d === 0x22) break;
        j++;
      }
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && top.expectKey) {
        const raw = text.slice(i + 1, j);
        const key = escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
        const first = top.keys.get(key);
        if (first !== undefined) {
          return {
            path: [...top.path, key].map((p) => cutValue(p, 60)).join('.'),
            firstLine: first,
            line,
          };
        }
        top.keys.set(key, line);
        top.key = key;
        top.expectKey = false;
      }
      i = j;
    }
  }
  return null;
}
