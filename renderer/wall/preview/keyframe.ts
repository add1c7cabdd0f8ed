/**
 * The pure parts of a key-frame preview (issue #14 item 3): which segment of a live playlist to
 * fetch, and the first key frame of an H.264 MPEG-TS segment with what a WebCodecs decoder needs
 * to decode it alone (its codec string, its SPS and PPS in front, Annex B).
 *
 * The demuxing is mux.js's (lib/m2ts and lib/codecs/h264): TS packets → PES → NAL units.
 */
import muxjs, { type MuxNalUnit } from 'mux.js';

/** A key frame ready for `new EncodedVideoChunk({ type: 'key', … })`. */
export interface KeyFrame {
  /** `avc1.PPCCLL` from the SPS: profile, constraint flags, level. */
  codec: string;
  /** Annex B: the SPS, the PPS and the IDR slices of the first key frame, with start codes. */
  data: Uint8Array;
  /** Presentation time, in the 90 kHz clock of the stream. */
  pts: number;
  codedWidth: number;
  codedHeight: number;
}

const NAL_IDR = 5;
const NAL_SPS = 7;
const NAL_PPS = 8;
const START_CODE = [0, 0, 0, 1] as const;

/** `avc1.PPCCLL` from an SPS NAL unit (its header byte first). */
export function avcCodecString(sps: Uint8Array): string {
  if (sps.length < 4) throw new Error(`an SPS of ${sps.length} bytes has no profile and level`);
  const hex = (b: number) => b.toString(16).padStart(2, '0');
  return `avc1.${hex(sps[1]!)}${hex(sps[2]!)}${hex(sps[3]!)}`;
}

/**
 * The first IDR frame of an MPEG-TS segment with the SPS and PPS that precede it, or null when
 * the segment has none (no H.264 video, or a segment that does not start a GOP).
 */
export function firstKeyFrame(segment: Uint8Array): KeyFrame | null {
  const packets = new muxjs.mp2t.TransportPacketStream();
  const parse = new muxjs.mp2t.TransportParseStream();
  const elementary = new muxjs.mp2t.ElementaryStream();
  const h264 = new muxjs.codecs.h264.H264Stream();
  packets.pipe(parse).pipe(elementary).pipe(h264);

  let sps: MuxNalUnit | null = null;
  let pps: MuxNalUnit | null = null;
  const slices: MuxNalUnit[] = [];
  let done = false;
  h264.on('data', (nal) => {
    if (done) return;
    const type = nal.nalUnitTypeCode;
    if (type === NAL_SPS) sps = nal;
    else if (type === NAL_PPS) pps = nal;
    else if (type === NAL_IDR) {
      // The IDR slices of one picture share its time; the next picture ends the frame.
      if (slices.length > 0 && nal.pts !== slices[0]!.pts) done = true;
      else if (sps && pps) slices.push(nal);
    } else if (slices.length > 0 && type >= 1 && type <= 5) done = true;
  });
  packets.push(segment);
  packets.flush();

  const first = slices[0];
  if (!first || !sps || !pps) return null;
  const { data: spsData, config } = sps as MuxNalUnit;
  const units = [spsData, (pps as MuxNalUnit).data, ...slices.map((s) => s.data)];
  const data = new Uint8Array(units.reduce((n, u) => n + START_CODE.length + u.length, 0));
  let at = 0;
  for (const unit of units) {
    data.set(START_CODE, at);
    data.set(unit, at + START_CODE.length);
    at += START_CODE.length + unit.length;
  }
  return {
    codec: avcCodecString(spsData),
    data,
    pts: first.pts,
    codedWidth: config?.width ?? 0,
    codedHeight: config?.height ?? 0,
  };
}

/** What a live media playlist offers a preview. */
export type PlaylistPick =
  | { kind: 'segment'; url: string }
  | { kind: 'variant'; url: string }
  | { kind: 'unsupported'; reason: 'fmp4' | 'codec'; codec?: string }
  | { kind: 'empty' };

/**
 * The newest segment of a live media playlist (absolute URL), the first variant of a master
 * playlist, or why a preview cannot use it: fMP4 segments (no demuxer for them here) or a
 * variant whose CODECS is not H.264.
 */
export function pickFromPlaylist(text: string, base: string): PlaylistPick {
  if (!text.startsWith('#EXTM3U')) throw new Error('not an HLS playlist (no #EXTM3U)');
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  let lastUri: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('#EXT-X-MAP')) return { kind: 'unsupported', reason: 'fmp4' };
    if (line.startsWith('#EXT-X-STREAM-INF')) {
      const codecs = /CODECS="([^"]*)"/.exec(line)?.[1] ?? '';
      const video = codecs
        .split(',')
        .map((c) => c.trim())
        .find((c) => c && !c.startsWith('mp4a'));
      if (video && !/^avc[13]\./.test(video))
        return { kind: 'unsupported', reason: 'codec', codec: video };
      const uri = lines.slice(i + 1).find((l) => l && !l.startsWith('#'));
      if (uri) return { kind: 'variant', url: new URL(uri, base).href };
    }
    if (line && !line.startsWith('#')) lastUri = line;
  }
  if (lastUri === null) return { kind: 'empty' };
  if (/\.(m4s|mp4)(\?|$)/.test(lastUri)) return { kind: 'unsupported', reason: 'fmp4' };
  return { kind: 'segment', url: new URL(lastUri, base).href };
}

/** A preview older than this (or three of its own picture intervals, if longer) is stale. */
export const PREVIEW_STALE_MS = 12_000;

/**
 * Whether a preview's picture is too old to stand for the camera live: no new picture for
 * PREVIEW_STALE_MS, or for three of the intervals it has been drawing at (a camera whose
 * segments are 10 s long draws one picture in 10 s and is not stale at 12 s). A stream that
 * stops answering must not leave its last picture on the wall labelled as live.
 */
export function previewStale(
  lastDrawnAt: number,
  lastIntervalMs: number | null,
  now: number,
): boolean {
  return now - lastDrawnAt > Math.max(PREVIEW_STALE_MS, 3 * (lastIntervalMs ?? 0));
}
