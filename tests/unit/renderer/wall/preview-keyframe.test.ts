/**
 * Issue #14 item 3, the pure parts of a key-frame preview: the first key frame of the
 * simulator's own MPEG-TS segments (scripts/make-media.sh: 640×360 main, 320×180 sub, H.264,
 * one key frame at the start of each 2 s segment) and the playlist line a preview fetches.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  avcCodecString,
  firstKeyFrame,
  pickFromPlaylist,
  PREVIEW_STALE_MS,
  previewStale,
} from '../../../../renderer/wall/preview/keyframe';

const media = join(__dirname, '../../../../resources/media');
const segment = (name: string) => new Uint8Array(readFileSync(join(media, name)));

/** The NAL unit types of an Annex B buffer, in order. */
function nalTypes(data: Uint8Array): number[] {
  const types: number[] = [];
  for (let i = 0; i + 4 < data.length; i++)
    if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 0 && data[i + 3] === 1)
      types.push(data[i + 4]! & 0x1f);
  return types;
}

describe('firstKeyFrame', () => {
  it('takes the first IDR of a sub-stream segment, with its SPS and PPS in front', () => {
    const frame = firstKeyFrame(segment('sub-live-0.ts'))!;
    expect(frame).not.toBeNull();
    expect(frame.codec).toMatch(/^avc1\.[0-9a-f]{6}$/);
    expect({ w: frame.codedWidth, h: frame.codedHeight }).toEqual({ w: 320, h: 180 });
    const types = nalTypes(frame.data);
    expect(types.slice(0, 2)).toEqual([7, 8]);
    expect(types.slice(2).every((t) => t === 5)).toBe(true);
    expect(types.length).toBeGreaterThan(2);
    // One picture of a 2 s segment: a small part of it.
    expect(frame.data.length).toBeLessThan(segment('sub-live-0.ts').length / 2);
  });

  it('reads the main stream the same way (its own size)', () => {
    const frame = firstKeyFrame(segment('main-live-3.ts'))!;
    expect({ w: frame.codedWidth, h: frame.codedHeight }).toEqual({ w: 640, h: 360 });
  });

  it('finds nothing in what is not MPEG-TS', () => {
    expect(firstKeyFrame(segment('sub-live-0.m4s'))).toBeNull();
    expect(firstKeyFrame(new Uint8Array(1000))).toBeNull();
  });
});

describe('avcCodecString', () => {
  it('is profile, constraints and level in hex', () => {
    expect(avcCodecString(new Uint8Array([0x67, 0x64, 0x00, 0x1f, 0xac]))).toBe('avc1.64001f');
    expect(avcCodecString(new Uint8Array([0x67, 0x42, 0xc0, 0x0d]))).toBe('avc1.42c00d');
  });

  it('refuses an SPS too short to have them', () => {
    expect(() => avcCodecString(new Uint8Array([0x67, 0x64]))).toThrow(/2 bytes/);
  });
});

describe('pickFromPlaylist', () => {
  const base = 'http://sim.test/live/cam-1/sub.m3u8';
  it('picks the newest segment of a live playlist', () => {
    const text =
      '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.000,\n/media/sub-live-4.ts\n#EXTINF:2.000,\n/media/sub-live-5.ts?t=9\n';
    expect(pickFromPlaylist(text, base)).toEqual({
      kind: 'segment',
      url: 'http://sim.test/media/sub-live-5.ts?t=9',
    });
  });

  it('follows the first variant of a master playlist, and refuses H.265 by name', () => {
    const master =
      '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS="avc1.64001f,mp4a.40.2"\nlow.m3u8\n';
    expect(pickFromPlaylist(master, base)).toEqual({
      kind: 'variant',
      url: 'http://sim.test/live/cam-1/low.m3u8',
    });
    const hevc = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS="hvc1.1.6.L93.B0"\nlow.m3u8\n';
    expect(pickFromPlaylist(hevc, base)).toEqual({
      kind: 'unsupported',
      reason: 'codec',
      codec: 'hvc1.1.6.L93.B0',
    });
  });

  it('says fMP4 plainly, and an empty playlist is empty', () => {
    const fmp4 =
      '#EXTM3U\n#EXT-X-MAP:URI="/media/sub-init.mp4"\n#EXTINF:2,\n/media/sub-live-0.m4s\n';
    expect(pickFromPlaylist(fmp4, base)).toEqual({ kind: 'unsupported', reason: 'fmp4' });
    expect(pickFromPlaylist('#EXTM3U\n#EXT-X-TARGETDURATION:2\n', base)).toEqual({ kind: 'empty' });
  });

  it('refuses what is not a playlist', () => {
    expect(() => pickFromPlaylist('<html>', base)).toThrow(/#EXTM3U/);
  });
});

describe('previewStale', () => {
  it('a picture 12 s old stands; older, it is stale', () => {
    expect(previewStale(0, 1000, PREVIEW_STALE_MS)).toBe(false);
    expect(previewStale(0, 1000, PREVIEW_STALE_MS + 1)).toBe(true);
    expect(previewStale(0, null, PREVIEW_STALE_MS + 1)).toBe(true);
  });
  it('a camera drawing one picture in 10 s is stale only after three of its intervals', () => {
    expect(previewStale(0, 10_000, 25_000)).toBe(false);
    expect(previewStale(0, 10_000, 30_001)).toBe(true);
  });
});
