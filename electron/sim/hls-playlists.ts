/**
 * HLS media playlists (RFC 8216) over the looping segment set.
 *
 * Time is cut into segments of `segmentSeconds` since the Unix epoch: segment n covers
 * [n·2 s, (n+1)·2 s). Segment n of a camera is the camera's absolute segment k = n + offset, served
 * as `/media/<stream>-<look>-<k>.ts`: file k mod 6 with its timestamps moved forward by
 * floor(k / 6) loops (ts-retime.ts), so timestamps only ever rise and no #EXT-X-DISCONTINUITY is
 * needed (hls.js stalls on the backward jump a discontinuity loop makes). A live playlist is the
 * sliding window of the newest complete segments, so every camera is "live" and the media
 * sequence advances with the wall clock.
 *
 * A camera served as fMP4 gets the same playlists at `#EXT-X-VERSION:7` with one `#EXT-X-MAP` (the
 * stream's init segment, shared by every look) and `.m4s` segments, retimed the same way through
 * their tfdt (fmp4-retime.ts).
 */
import {
  initSegmentName,
  segmentName,
  segmentSeconds,
  type Container,
  type Look,
  type StreamName,
} from './media-library';

export const liveWindowSegments = 5;
/** Longest playback range a playlist covers. */
export const maxPlaybackMs = 24 * 60 * 60 * 1000;

const segmentMs = segmentSeconds * 1000;
const extinf = `#EXTINF:${segmentSeconds.toFixed(3)},`;

/** The newest segment complete at `nowMs`. */
export function newestSegmentAt(nowMs: number): number {
  return Math.floor(nowMs / segmentMs) - 1;
}

export function segmentStartMs(sequence: number): number {
  return sequence * segmentMs;
}

export interface LivePlaylistInput {
  stream: StreamName;
  /** The newest segment in the window (newestSegmentAt(now), or where a stalled camera stopped). */
  newest: number;
  /** Which file a camera loops from, so cameras do not all show the same frame. */
  offset: number;
  /** The look of each segment (live, or black / frozen while a fault lasts). */
  lookOf: (sequence: number) => Look;
  /** Path prefix of segment URLs, e.g. "/media/". */
  mediaPath: string;
  /** MPEG-TS (the default) or fMP4. */
  container?: Container;
}

export function livePlaylist(input: LivePlaylistInput): string {
  const first = input.newest - liveWindowSegments + 1;
  const container = input.container ?? 'ts';
  const lines = [
    '#EXTM3U',
    version(container),
    `#EXT-X-TARGETDURATION:${segmentSeconds}`,
    `#EXT-X-MEDIA-SEQUENCE:${first}`,
    ...mapLines(container, input.stream, input.mediaPath),
  ];
  for (let n = first; n <= input.newest; n++) {
    const segment = { stream: input.stream, look: input.lookOf(n), container };
    lines.push(...segmentLines(n, n === first, input.offset, segment, input.mediaPath));
  }
  return lines.join('\n') + '\n';
}

export interface PlaybackPlaylistInput {
  startMs: number;
  endMs: number;
  offset: number;
  mediaPath: string;
  container?: Container;
}

/** A VOD playlist of the main stream covering [start, end), in whole segments. */
export function playbackPlaylist(input: PlaybackPlaylistInput): string {
  const first = Math.floor(input.startMs / segmentMs);
  const last = Math.max(first, Math.ceil(input.endMs / segmentMs) - 1);
  const container = input.container ?? 'ts';
  const lines = [
    '#EXTM3U',
    version(container),
    `#EXT-X-TARGETDURATION:${segmentSeconds}`,
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-MEDIA-SEQUENCE:0',
    ...mapLines(container, 'main', input.mediaPath),
  ];
  const segment = { stream: 'main', look: 'live', container } as const;
  for (let n = first; n <= last; n++) {
    lines.push(...segmentLines(n, n === first, input.offset, segment, input.mediaPath));
  }
  lines.push('#EXT-X-ENDLIST');
  return lines.join('\n') + '\n';
}

/** EXT-X-MAP outside an I-frame playlist needs version 6 (RFC 8216 §7); 7, as ffmpeg writes. */
function version(container: Container): string {
  return container === 'fmp4' ? '#EXT-X-VERSION:7' : '#EXT-X-VERSION:3';
}

function mapLines(container: Container, stream: StreamName, mediaPath: string): string[] {
  return container === 'fmp4' ? [`#EXT-X-MAP:URI="${mediaPath}${initSegmentName(stream)}"`] : [];
}

function segmentLines(
  n: number,
  isFirst: boolean,
  offset: number,
  segment: { stream: StreamName; look: Look; container: Container },
  mediaPath: string,
): string[] {
  const lines: string[] = [];
  // The wall-clock time of the window's first segment (timestamps run on from there).
  if (isFirst) lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(segmentStartMs(n)).toISOString()}`);
  const name = segmentName(segment.stream, segment.look, n + offset, segment.container);
  lines.push(extinf, `${mediaPath}${name}`);
  return lines;
}
