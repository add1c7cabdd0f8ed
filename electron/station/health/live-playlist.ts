/**
 * What the prober reads of a live HLS playlist (RFC 8216), without decoding anything: is it a
 * playlist at all, is it a master (then its first variant), else its media sequence, target
 * duration and newest segment.
 */
export type LivePlaylist =
  | { kind: 'master'; variantUri: string }
  | {
      kind: 'media';
      mediaSequence: number;
      targetDurationSeconds: number;
      /** The URI of the last segment listed (the newest), null when none is. */
      newestUri: string | null;
      /** #EXT-X-ENDLIST: the stream has ended (a live camera never says so). */
      ended: boolean;
    }
  | { kind: 'invalid'; why: string };

/** RFC 8216 §4.3.3.1: without EXT-X-TARGETDURATION a live playlist is invalid; assume 10 s. */
const fallbackTargetSeconds = 10;

export function readLivePlaylist(text: string): LivePlaylist {
  const body = text.replace(/^\uFEFF/, '');
  if (!body.startsWith('#EXTM3U')) {
    const start = body.trim().slice(0, 40).replace(/\s+/g, ' ');
    return {
      kind: 'invalid',
      why: start === '' ? 'not a playlist: empty answer' : `not a playlist: begins "${start}"`,
    };
  }
  const lines = body.split(/\r?\n/).map((l) => l.trim());
  let mediaSequence = 0;
  let targetDurationSeconds = fallbackTargetSeconds;
  let newestUri: string | null = null;
  let ended = false;
  let streamInf = false;
  for (const line of lines) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      if (line.startsWith('#EXT-X-STREAM-INF:')) streamInf = true;
      else if (line.startsWith('#EXT-X-MEDIA-SEQUENCE:')) {
        const n = Number(line.slice('#EXT-X-MEDIA-SEQUENCE:'.length));
        if (!Number.isSafeInteger(n) || n < 0) {
          return { kind: 'invalid', why: `bad EXT-X-MEDIA-SEQUENCE: ${line.slice(0, 60)}` };
        }
        mediaSequence = n;
      } else if (line.startsWith('#EXT-X-TARGETDURATION:')) {
        const s = Number(line.slice('#EXT-X-TARGETDURATION:'.length));
        if (Number.isFinite(s) && s > 0) targetDurationSeconds = s;
      } else if (line === '#EXT-X-ENDLIST') ended = true;
      continue;
    }
    // A URI line: in a master, the first one after EXT-X-STREAM-INF is the first variant.
    if (streamInf) return { kind: 'master', variantUri: line };
    newestUri = line;
  }
  return { kind: 'media', mediaSequence, targetDurationSeconds, newestUri, ended };
}
