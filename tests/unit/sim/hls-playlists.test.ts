import { describe, expect, it } from 'vitest';
import {
  livePlaylist,
  newestSegmentAt,
  playbackPlaylist,
} from '../../../electron/sim/hls-playlists';

interface Entry {
  sequence: number;
  uri: string;
}

/** Reads a media playlist into its segments, each with its media sequence. */
function parse(text: string): { entries: Entry[]; lines: string[] } {
  const lines = text.trim().split('\n');
  let sequence = Number(lines.find((l) => l.startsWith('#EXT-X-MEDIA-SEQUENCE:'))?.split(':')[1]);
  const entries: Entry[] = [];
  for (const line of lines) {
    if (!line.startsWith('#')) entries.push({ sequence: sequence++, uri: line });
  }
  return { entries, lines };
}

const live = (newest: number, offset = 0) =>
  livePlaylist({ stream: 'main', newest, offset, lookOf: () => 'live', mediaPath: '/media/' });

describe('livePlaylist', () => {
  it('is a sliding window of 5 two-second segments without ENDLIST', () => {
    const { entries, lines } = parse(live(1000));
    expect(lines[0]).toBe('#EXTM3U');
    expect(lines).toContain('#EXT-X-TARGETDURATION:2');
    expect(lines).not.toContain('#EXT-X-ENDLIST');
    expect(entries.map((e) => e.sequence)).toEqual([996, 997, 998, 999, 1000]);
    expect(entries.map((e) => e.uri)).toEqual([
      '/media/main-live-996.ts',
      '/media/main-live-997.ts',
      '/media/main-live-998.ts',
      '/media/main-live-999.ts',
      '/media/main-live-1000.ts',
    ]);
  });

  it('names each segment by its absolute index, stable as the window slides, with no discontinuity', () => {
    for (const offset of [0, 1, 5]) {
      const seen = new Map<number, Entry>();
      for (let newest = 100; newest < 120; newest++) {
        const { entries, lines } = parse(live(newest, offset));
        expect(lines.some((l) => l.startsWith('#EXT-X-DISCONTINUITY'))).toBe(false);
        for (const e of entries) {
          const before = seen.get(e.sequence);
          if (before) expect(e).toEqual(before);
          seen.set(e.sequence, e);
          expect(e.uri).toBe(`/media/main-live-${e.sequence + offset}.ts`);
        }
      }
    }
  });

  it('switches look from the segment the fault starts at', () => {
    const text = livePlaylist({
      stream: 'sub',
      newest: 10,
      offset: 0,
      lookOf: (n) => (n >= 9 ? 'black' : 'live'),
      mediaPath: '/media/',
    });
    expect(parse(text).entries.map((e) => e.uri)).toEqual([
      '/media/sub-live-6.ts',
      '/media/sub-live-7.ts',
      '/media/sub-live-8.ts',
      '/media/sub-black-9.ts',
      '/media/sub-black-10.ts',
    ]);
  });

  it('serves an fMP4 camera at version 7 with one EXT-X-MAP and .m4s segments, same window', () => {
    const text = livePlaylist({
      stream: 'sub',
      newest: 10,
      offset: 2,
      lookOf: (n) => (n >= 10 ? 'frozen' : 'live'),
      mediaPath: '/media/',
      container: 'fmp4',
    });
    const { entries, lines } = parse(text);
    expect(lines).toContain('#EXT-X-VERSION:7');
    expect(lines.filter((l) => l.startsWith('#EXT-X-MAP'))).toEqual([
      '#EXT-X-MAP:URI="/media/sub-init.mp4"',
    ]);
    // The map comes before the first segment.
    expect(lines.indexOf('#EXT-X-MAP:URI="/media/sub-init.mp4"')).toBeLessThan(
      lines.indexOf(entries[0]!.uri),
    );
    expect(entries.map((e) => e.sequence)).toEqual([6, 7, 8, 9, 10]);
    expect(entries.map((e) => e.uri)).toEqual([
      '/media/sub-live-8.m4s',
      '/media/sub-live-9.m4s',
      '/media/sub-live-10.m4s',
      '/media/sub-live-11.m4s',
      '/media/sub-frozen-12.m4s',
    ]);
    expect(parse(live(10)).lines).toContain('#EXT-X-VERSION:3');
  });

  it('derives the newest segment from the wall clock', () => {
    expect(newestSegmentAt(10_000)).toBe(4);
    expect(newestSegmentAt(11_999)).toBe(4);
    expect(newestSegmentAt(12_000)).toBe(5);
  });
});

describe('playbackPlaylist', () => {
  it('is a VOD playlist covering the range in whole segments', () => {
    const start = Date.parse('2026-11-23T02:00:01Z');
    const end = Date.parse('2026-11-23T02:00:30Z');
    const text = playbackPlaylist({ startMs: start, endMs: end, offset: 0, mediaPath: '/media/' });
    const { entries, lines } = parse(text);
    expect(lines).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(lines[lines.length - 1]).toBe('#EXT-X-ENDLIST');
    expect(entries).toHaveLength(15);
    expect(lines.find((l) => l.startsWith('#EXT-X-PROGRAM-DATE-TIME'))).toBe(
      '#EXT-X-PROGRAM-DATE-TIME:2026-11-23T02:00:00.000Z',
    );
  });

  it('plays an fMP4 camera back with the main stream init segment', () => {
    const start = Date.parse('2026-11-23T02:00:00Z');
    const text = playbackPlaylist({
      startMs: start,
      endMs: start + 6000,
      offset: 0,
      mediaPath: '/media/',
      container: 'fmp4',
    });
    const { entries, lines } = parse(text);
    expect(lines).toContain('#EXT-X-VERSION:7');
    expect(lines).toContain('#EXT-X-MAP:URI="/media/main-init.mp4"');
    expect(entries.map((e) => e.uri)).toEqual(
      [0, 1, 2].map((i) => `/media/main-live-${start / 2000 + i}.m4s`),
    );
  });
});
