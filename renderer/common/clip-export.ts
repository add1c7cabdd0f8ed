/**
 * A clip of a recorded range as one file (issue #15, playback): the window asks the platform for
 * the range's VOD playlist (the camera's playbackUrlTemplate, as a tile in playback does), then
 * the init segment (fMP4 `#EXT-X-MAP`) if any and every media segment in order, and joins them
 * into one Blob — `.mp4` for fMP4 (init + fragments is a fragmented MP4 players read), `.ts` for
 * MPEG-TS (segments of one stream concatenate). A segment that fails stops the export with what
 * failed: never a file silently missing pieces. Capped at `maxClipBytes`.
 *
 * No React and no DOM beyond fetch/Blob (given in, so the unit test runs it on canned answers):
 * tests/unit/renderer/clip-export.test.ts.
 */
import { fileStamp, formatDateTime } from '../../shared/domain/time/hall-time';

/** A clip larger than this is refused (a file a person hands over, not an archive). */
export const maxClipBytes = 1024 * 1024 * 1024;

/** The platform's template with {start} and {end} as ISO 8601 instants (UTC). */
export function playbackUrl(template: string, startMs: number, endMs: number): string {
  return template
    .replace('{start}', encodeURIComponent(new Date(startMs).toISOString()))
    .replace('{end}', encodeURIComponent(new Date(endMs).toISOString()));
}

export type ClipContainer = 'fmp4' | 'ts';

export interface ClipPlaylist {
  /** The fMP4 init segment (absolute URL), null for MPEG-TS. */
  initUrl: string | null;
  /** Media segments in order (absolute URLs) and their durations (s). */
  segments: { url: string; durationS: number }[];
  container: ClipContainer;
  /** A master playlist's first variant (absolute URL), to be fetched instead; else null. */
  variantUrl: string | null;
}

/** Why an export stopped; `kind` names the words the window shows (playback.export.error.*). */
export class ClipExportError extends Error {
  constructor(
    readonly kind:
      | 'playlist'
      | 'notPlaylist'
      | 'empty'
      | 'encrypted'
      | 'byteRange'
      | 'segment'
      | 'tooLarge'
      | 'aborted',
    message: string,
    /** For `segment`: which one failed (1-based) of how many. */
    readonly at?: { n: number; total: number },
  ) {
    super(message);
    this.name = 'ClipExportError';
  }
}

/** The value of `NAME="value"` or `NAME=value` in an attribute list (RFC 8216 §4.2). */
function attribute(list: string, name: string): string | null {
  const m = new RegExp(`(?:^|,)\\s*${name}=("([^"]*)"|[^,]*)`).exec(list);
  if (!m) return null;
  return m[2] ?? m[1] ?? null;
}

/**
 * Reads a media playlist (or notes a master playlist's first variant). URLs are made absolute
 * against `baseUrl` (the playlist's own URL). What this export cannot write faithfully —
 * encrypted segments, byte ranges — is refused with a clear error.
 */
export function parsePlaylist(text: string, baseUrl: string): ClipPlaylist {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  if (lines[0]?.replace(/^\uFEFF/, '') !== '#EXTM3U') {
    throw new ClipExportError('notPlaylist', 'the answer is not an HLS playlist (#EXTM3U)');
  }
  const resolve = (uri: string): string => new URL(uri, baseUrl).toString();
  let initUrl: string | null = null;
  let variantUrl: string | null = null;
  let nextIsVariant = false;
  let duration: number | null = null;
  const segments: ClipPlaylist['segments'] = [];
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      const [tag, rest = ''] = splitTag(line);
      if (tag === '#EXT-X-STREAM-INF') nextIsVariant = true;
      else if (tag === '#EXTINF') duration = Number.parseFloat(rest) || 0;
      else if (tag === '#EXT-X-MAP') {
        if (attribute(rest, 'BYTERANGE') !== null) {
          throw new ClipExportError('byteRange', 'the init segment is a byte range');
        }
        const uri = attribute(rest, 'URI');
        if (uri && initUrl === null) initUrl = resolve(uri);
      } else if (tag === '#EXT-X-KEY') {
        const method = attribute(rest, 'METHOD');
        if (method !== null && method !== 'NONE') {
          throw new ClipExportError('encrypted', `the segments are encrypted (${method})`);
        }
      } else if (tag === '#EXT-X-BYTERANGE') {
        throw new ClipExportError('byteRange', 'the segments are byte ranges of one file');
      }
      continue;
    }
    if (nextIsVariant) {
      variantUrl ??= resolve(line);
      nextIsVariant = false;
      continue;
    }
    segments.push({ url: resolve(line), durationS: duration ?? 0 });
    duration = null;
  }
  const fmp4 =
    initUrl !== null ||
    segments.some((s) => /\.(m4s|mp4|cmfv)(\?|$)/i.test(new URL(s.url).pathname));
  return { initUrl, segments, container: fmp4 ? 'fmp4' : 'ts', variantUrl };
}

function splitTag(line: string): [string, string?] {
  const colon = line.indexOf(':');
  return colon < 0 ? [line] : [line.slice(0, colon), line.slice(colon + 1)];
}

/** What a file name may not hold on Windows, macOS or Linux, and control characters. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const unsafe = /[\u0000-\u001f\u007f<>:"/\\|?*]+/g;

/**
 * `<camera>_<YYYYMMDD-HHMM>-<HHMM>.mp4` in the hall's time zone (the end's date written too when
 * it is another day): the camera's name (else its id) with characters a file system refuses
 * replaced by "_".
 */
export function clipFileName(
  camera: string,
  startMs: number,
  endMs: number,
  zone: string,
  container: ClipContainer,
): string {
  const name =
    camera.replace(unsafe, '_').replace(/\s+/g, ' ').trim().replace(/^\.+/, '').slice(0, 80) ||
    'camera';
  const from = fileStamp(startMs, zone).slice(0, 13);
  const to = fileStamp(endMs, zone).slice(0, 13);
  const end = from.slice(0, 8) === to.slice(0, 8) ? to.slice(9) : to;
  return `${name}_${from}-${end}.${container === 'fmp4' ? 'mp4' : 'ts'}`;
}

/** 'YYYY-MM-DD HH:MM–HH:MM' of a range in the hall's zone (the end's date too when another day). */
export function rangeLabel(startMs: number, endMs: number, zone: string): string {
  const from = formatDateTime(startMs, zone);
  const to = formatDateTime(endMs, zone);
  return `${from.slice(0, 16)}–${from.slice(0, 10) === to.slice(0, 10) ? to.slice(11, 16) : to.slice(0, 16)}`;
}

export interface ClipProgress {
  /** Segments fetched so far (the init segment not counted). */
  done: number;
  total: number;
  bytes: number;
}

export interface ClipResult {
  blob: Blob;
  container: ClipContainer;
  segments: number;
  bytes: number;
}

export interface ExportOptions {
  playlistUrl: string;
  fetch?: (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;
  onProgress?: (progress: ClipProgress) => void;
  signal?: AbortSignal;
  maxBytes?: number;
}

/** Fetches the playlist, the init segment and every segment in order; one Blob of them all. */
export async function exportClip(options: ExportOptions): Promise<ClipResult> {
  const get = options.fetch ?? ((url, init) => fetch(url, init));
  const maxBytes = options.maxBytes ?? maxClipBytes;
  const signal = options.signal;
  const fetchOk = async (url: string): Promise<Response> => {
    if (signal?.aborted) throw new ClipExportError('aborted', 'export cancelled');
    try {
      return await get(url, { signal });
    } catch (error) {
      if (signal?.aborted) throw new ClipExportError('aborted', 'export cancelled');
      throw error;
    }
  };
  const readPlaylist = async (url: string): Promise<ClipPlaylist> => {
    let answer: Response;
    try {
      answer = await fetchOk(url);
    } catch (error) {
      if (error instanceof ClipExportError) throw error;
      throw new ClipExportError('playlist', `playlist: ${String(error)}`);
    }
    if (!answer.ok) {
      throw new ClipExportError('playlist', `playlist: HTTP ${answer.status} from ${url}`);
    }
    return parsePlaylist(await answer.text(), url);
  };

  let playlist = await readPlaylist(options.playlistUrl);
  if (playlist.segments.length === 0 && playlist.variantUrl) {
    playlist = await readPlaylist(playlist.variantUrl);
  }
  const total = playlist.segments.length;
  if (total === 0) throw new ClipExportError('empty', 'the playlist lists no segments');

  const parts: ArrayBuffer[] = [];
  let bytes = 0;
  /** Segment `n` (1-based; 0: the init segment), appended or the export stops. */
  const take = async (url: string, n: number): Promise<void> => {
    const failed = (why: string): ClipExportError =>
      new ClipExportError(
        'segment',
        `${n === 0 ? 'init segment' : `segment ${n}/${total}`}: ${why} (${url})`,
        { n, total },
      );
    let answer: Response;
    try {
      answer = await fetchOk(url);
    } catch (error) {
      if (error instanceof ClipExportError) throw error;
      throw failed(String(error));
    }
    if (!answer.ok) throw failed(`HTTP ${answer.status}`);
    const declared = Number(answer.headers.get('content-length'));
    if (Number.isFinite(declared) && bytes + declared > maxBytes) {
      throw new ClipExportError('tooLarge', `larger than ${maxBytes} bytes`);
    }
    const body = await answer.arrayBuffer();
    if (body.byteLength === 0) throw failed('empty');
    bytes += body.byteLength;
    if (bytes > maxBytes) throw new ClipExportError('tooLarge', `larger than ${maxBytes} bytes`);
    parts.push(body);
  };

  if (playlist.initUrl) await take(playlist.initUrl, 0);
  options.onProgress?.({ done: 0, total, bytes });
  for (const [i, segment] of playlist.segments.entries()) {
    await take(segment.url, i + 1);
    options.onProgress?.({ done: i + 1, total, bytes });
  }
  // An fMP4 clip's fragments start at 0, whatever the platform's timeline (a recording's decode
  // times often count from a recorder's epoch: a player would show decades of nothing).
  if (playlist.container === 'fmp4') rebaseFragments(playlist.initUrl ? parts.slice(1) : parts);
  const type = playlist.container === 'fmp4' ? 'video/mp4' : 'video/mp2t';
  return { blob: new Blob(parts, { type }), container: playlist.container, segments: total, bytes };
}

interface Box {
  type: string;
  start: number;
  /** Where its content starts (after the size, type and any 64-bit size). */
  body: number;
  end: number;
}

/** The ISO BMFF boxes in `view` between `from` and `to` (a box that runs past `to` ends it). */
function boxes(view: DataView, from: number, to: number): Box[] {
  const out: Box[] = [];
  let at = from;
  while (at + 8 <= to) {
    let size = view.getUint32(at);
    let body = at + 8;
    if (size === 1) {
      if (at + 16 > to) break;
      size = Number(view.getBigUint64(at + 8));
      body = at + 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (size < body - at || at + size > to) break;
    const type = String.fromCharCode(
      view.getUint8(at + 4),
      view.getUint8(at + 5),
      view.getUint8(at + 6),
      view.getUint8(at + 7),
    );
    out.push({ type, start: at, body, end: at + size });
    at += size;
  }
  return out;
}

/**
 * A segment index (`sidx`) says when its fragments start too (earliest_presentation_time, which
 * players read for the file's start): moved back by the first one for its stream, like tfdt.
 */
function rebaseIndex(view: DataView, sidx: Box, base: Map<number, bigint>): void {
  const wide = view.getUint8(sidx.body) === 1;
  const at = sidx.body + 12;
  if (at + (wide ? 8 : 4) > sidx.end) return;
  const stream = view.getUint32(sidx.body + 4);
  const time = wide ? view.getBigUint64(at) : BigInt(view.getUint32(at));
  const first = base.get(stream) ?? time;
  base.set(stream, first);
  const moved = time >= first ? time - first : 0n;
  if (wide) view.setBigUint64(at, moved);
  else view.setUint32(at, Number(moved));
}

/**
 * Moves every fragment's decode time (`moof/traf/tfdt`, and `sidx`'s earliest presentation time)
 * back by its track's first one, in place,
 * so the joined fragments play from 0 (pure bytes work: tests/unit/renderer/clip-export.test.ts).
 * Fragments are otherwise untouched; a segment that is not ISO BMFF is left as it is.
 */
export function rebaseFragments(segments: readonly ArrayBuffer[]): void {
  const base = new Map<number, bigint>();
  const indexBase = new Map<number, bigint>();
  for (const segment of segments) {
    const view = new DataView(segment);
    for (const moof of boxes(view, 0, segment.byteLength)) {
      if (moof.type === 'sidx') rebaseIndex(view, moof, indexBase);
      if (moof.type !== 'moof') continue;
      for (const traf of boxes(view, moof.body, moof.end)) {
        if (traf.type !== 'traf') continue;
        const children = boxes(view, traf.body, traf.end);
        const tfhd = children.find((b) => b.type === 'tfhd');
        const tfdt = children.find((b) => b.type === 'tfdt');
        if (!tfhd || !tfdt || tfhd.body + 8 > tfhd.end) continue;
        const track = view.getUint32(tfhd.body + 4);
        const wide = view.getUint8(tfdt.body) === 1;
        if (tfdt.body + (wide ? 12 : 8) > tfdt.end) continue;
        const time = wide
          ? view.getBigUint64(tfdt.body + 4)
          : BigInt(view.getUint32(tfdt.body + 4));
        const first = base.get(track) ?? time;
        base.set(track, first);
        const moved = time >= first ? time - first : 0n;
        if (wide) view.setBigUint64(tfdt.body + 4, moved);
        else view.setUint32(tfdt.body + 4, Number(moved));
      }
    }
  }
}
