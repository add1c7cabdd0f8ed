import { describe, expect, it } from 'vitest';
import {
  ClipExportError,
  clipFileName,
  exportClip,
  parsePlaylist,
  playbackUrl,
  rangeLabel,
  rebaseFragments,
} from '../../../renderer/common/clip-export';
import { zonedAt } from '../../../shared/domain/time/hall-time';

const base = 'http://sim:8080/playback/cam-1.m3u8?start=a&end=b';

const tsPlaylist = [
  '#EXTM3U',
  '#EXT-X-VERSION:3',
  '#EXT-X-TARGETDURATION:2',
  '#EXT-X-PLAYLIST-TYPE:VOD',
  '#EXT-X-PROGRAM-DATE-TIME:2026-12-03T02:00:00.000Z',
  '#EXTINF:2.000,',
  '/media/main-live-1.ts',
  '#EXTINF:2.000,',
  'main-live-2.ts',
  '#EXT-X-ENDLIST',
  '',
].join('\n');

const fmp4Playlist = [
  '#EXTM3U',
  '#EXT-X-VERSION:7',
  '#EXT-X-MAP:URI="/media/main-init.mp4"',
  '#EXTINF:2.000,',
  '/media/main-live-1.m4s',
  '#EXTINF:1.500,',
  '/media/main-live-2.m4s',
  '#EXT-X-ENDLIST',
].join('\r\n');

describe('parsePlaylist', () => {
  it('reads MPEG-TS segments as absolute URLs, in order, with their durations', () => {
    const p = parsePlaylist(tsPlaylist, base);
    expect(p.container).toBe('ts');
    expect(p.initUrl).toBeNull();
    expect(p.segments).toEqual([
      { url: 'http://sim:8080/media/main-live-1.ts', durationS: 2 },
      { url: 'http://sim:8080/playback/main-live-2.ts', durationS: 2 },
    ]);
  });

  it('reads an fMP4 playlist with its init segment (CRLF lines too)', () => {
    const p = parsePlaylist(fmp4Playlist, base);
    expect(p.container).toBe('fmp4');
    expect(p.initUrl).toBe('http://sim:8080/media/main-init.mp4');
    expect(p.segments.map((s) => s.durationS)).toEqual([2, 1.5]);
  });

  it("notes a master playlist's first variant", () => {
    const p = parsePlaylist(
      '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1000\nlow/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=2\nx.m3u8\n',
      base,
    );
    expect(p.segments).toEqual([]);
    expect(p.variantUrl).toBe('http://sim:8080/playback/low/index.m3u8');
  });

  it('refuses what it cannot write faithfully, saying why', () => {
    expect(() => parsePlaylist('<html>502 Bad Gateway</html>', base)).toThrow(/not an HLS/);
    expect(() =>
      parsePlaylist('#EXTM3U\n#EXT-X-KEY:METHOD=AES-128,URI="k"\n#EXTINF:2,\na.ts\n', base),
    ).toThrow(/encrypted \(AES-128\)/);
    expect(() =>
      parsePlaylist('#EXTM3U\n#EXTINF:2,\n#EXT-X-BYTERANGE:100@0\nall.ts\n', base),
    ).toThrow(/byte ranges/);
    // An explicit METHOD=NONE is no encryption.
    expect(
      parsePlaylist('#EXTM3U\n#EXT-X-KEY:METHOD=NONE\n#EXTINF:2,\na.ts\n', base).segments,
    ).toHaveLength(1);
  });
});

describe('clipFileName', () => {
  const zone = 'Asia/Shanghai';
  // 2026-12-03 10:05 to 10:20 in Beijing (02:05-02:20 UTC).
  const start = zonedAt('2026-12-03', 10 * 60 + 5, zone);
  const end = start + 15 * 60_000;

  it("writes the camera and the range in the hall's time, whatever the machine's zone", () => {
    expect(clipFileName('东门 入口', start, end, zone, 'ts')).toBe(
      '东门 入口_20261203-1005-1020.ts',
    );
    expect(clipFileName('cam-7', start, end, zone, 'fmp4')).toBe('cam-7_20261203-1005-1020.mp4');
    // The same instants in UTC read 02:05-02:20.
    expect(clipFileName('cam-7', start, end, 'UTC', 'ts')).toBe('cam-7_20261203-0205-0220.ts');
  });

  it('writes the end day when the range crosses midnight in the hall', () => {
    const late = zonedAt('2026-12-03', 23 * 60 + 50, zone);
    expect(clipFileName('cam-7', late, late + 20 * 60_000, zone, 'ts')).toBe(
      'cam-7_20261203-2350-20261204-0010.ts',
    );
  });

  it('replaces characters a file system refuses, and never gives an empty name', () => {
    expect(clipFileName('a/b:c*?"<>|\\d\u0007', start, end, zone, 'ts')).toBe(
      'a_b_c_d__20261203-1005-1020.ts',
    );
    expect(clipFileName('..', start, end, zone, 'ts')).toBe('camera_20261203-1005-1020.ts');
  });

  it('labels a range for people the same way', () => {
    expect(rangeLabel(start, end, zone)).toBe('2026-12-03 10:05–10:20');
  });
});

describe('playbackUrl', () => {
  it('fills {start} and {end} as ISO instants', () => {
    expect(playbackUrl('http://p/x.m3u8?s={start}&e={end}', 0, 60_000)).toBe(
      'http://p/x.m3u8?s=1970-01-01T00%3A00%3A00.000Z&e=1970-01-01T00%3A01%3A00.000Z',
    );
  });
});

/** A fetch over canned answers: url → body (a string or bytes) or an HTTP status. */
function fakeFetch(answers: Record<string, string | Uint8Array | number>) {
  const asked: string[] = [];
  const get = (url: string): Promise<Response> => {
    asked.push(url);
    const a = answers[url];
    if (a === undefined) return Promise.reject(new TypeError('Failed to fetch'));
    if (typeof a === 'number') return Promise.resolve(new Response('no', { status: a }));
    const body = typeof a === 'string' ? a : new Blob([a as Uint8Array<ArrayBuffer>]);
    return Promise.resolve(new Response(body, { status: 200 }));
  };
  return { get, asked };
}

const bytes = (...values: number[]): Uint8Array<ArrayBuffer> => new Uint8Array(values);

describe('exportClip', () => {
  it('joins the init segment and every segment, in order, reporting n / N', async () => {
    const f = fakeFetch({
      [base]: fmp4Playlist,
      'http://sim:8080/media/main-init.mp4': bytes(1, 2),
      'http://sim:8080/media/main-live-1.m4s': bytes(3),
      'http://sim:8080/media/main-live-2.m4s': bytes(4, 5, 6),
    });
    const progress: string[] = [];
    const clip = await exportClip({
      playlistUrl: base,
      fetch: f.get,
      onProgress: (p) => progress.push(`${p.done}/${p.total}`),
    });
    expect(clip.container).toBe('fmp4');
    expect(clip.segments).toBe(2);
    expect(clip.bytes).toBe(6);
    expect(clip.blob.type).toBe('video/mp4');
    expect([...new Uint8Array(await clip.blob.arrayBuffer())]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(progress).toEqual(['0/2', '1/2', '2/2']);
  });

  it('stops at a failed segment, naming it, and gives no file', async () => {
    const f = fakeFetch({
      [base]: tsPlaylist,
      'http://sim:8080/media/main-live-1.ts': bytes(1),
      'http://sim:8080/playback/main-live-2.ts': 503,
    });
    const error = await exportClip({ playlistUrl: base, fetch: f.get }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClipExportError);
    expect((error as ClipExportError).kind).toBe('segment');
    expect((error as ClipExportError).at).toEqual({ n: 2, total: 2 });
    expect((error as Error).message).toMatch(/segment 2\/2: HTTP 503/);
  });

  it('stops when a segment cannot be reached at all', async () => {
    const f = fakeFetch({ [base]: tsPlaylist });
    await expect(exportClip({ playlistUrl: base, fetch: f.get })).rejects.toThrow(
      /segment 1\/2: TypeError: Failed to fetch/,
    );
    // Nothing after the failed one was asked for.
    expect(f.asked).toEqual([base, 'http://sim:8080/media/main-live-1.ts']);
  });

  it('says when the playlist is refused or lists nothing', async () => {
    await expect(
      exportClip({ playlistUrl: base, fetch: fakeFetch({ [base]: 404 }).get }),
    ).rejects.toThrow(/playlist: HTTP 404/);
    await expect(
      exportClip({
        playlistUrl: base,
        fetch: fakeFetch({ [base]: '#EXTM3U\n#EXT-X-ENDLIST\n' }).get,
      }),
    ).rejects.toMatchObject({ kind: 'empty' });
  });

  it('refuses a clip larger than the cap', async () => {
    const f = fakeFetch({
      [base]: tsPlaylist,
      'http://sim:8080/media/main-live-1.ts': bytes(1, 2, 3),
      'http://sim:8080/playback/main-live-2.ts': bytes(4, 5, 6),
    });
    await expect(
      exportClip({ playlistUrl: base, fetch: f.get, maxBytes: 5 }),
    ).rejects.toMatchObject({ kind: 'tooLarge' });
  });

  it('follows a master playlist to its first variant', async () => {
    const f = fakeFetch({
      [base]: '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n',
      'http://sim:8080/playback/v.m3u8': '#EXTM3U\n#EXTINF:2,\nseg.ts\n#EXT-X-ENDLIST\n',
      'http://sim:8080/playback/seg.ts': bytes(9),
    });
    const clip = await exportClip({ playlistUrl: base, fetch: f.get });
    expect(clip.container).toBe('ts');
    expect([...new Uint8Array(await clip.blob.arrayBuffer())]).toEqual([9]);
  });

  it('stops when cancelled', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(
      exportClip({ playlistUrl: base, fetch: fakeFetch({}).get, signal: abort.signal }),
    ).rejects.toMatchObject({ kind: 'aborted' });
  });
});

/** An ISO BMFF box of `type` around `parts`. */
function box(type: string, ...parts: Uint8Array[]): Uint8Array {
  const size = 8 + parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, size);
  out.set(
    [...type].map((c) => c.charCodeAt(0)),
    4,
  );
  let at = 8;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const u32 = (n: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n);
  return b;
};
const u64 = (n: bigint) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, n);
  return b;
};

/** A media segment: one moof with a traf per [track, decode time, wide] and an mdat. */
function fragment(...tracks: [number, bigint, boolean][]): ArrayBuffer {
  const trafs = tracks.map(([track, time, wide]) =>
    box(
      'traf',
      box('tfhd', u32(0), u32(track)),
      wide ? box('tfdt', u32(0x01000000), u64(time)) : box('tfdt', u32(0), u32(Number(time))),
      box('trun', u32(0), u32(0)),
    ),
  );
  const [, first] = tracks[0]!;
  const sidx = box('sidx', u32(0x01000000), u32(1), u32(90_000), u64(first), u64(0n), u32(0));
  const all = box('moof', box('mfhd', u32(0), u32(1)), ...trafs);
  const mdat = box('mdat', new Uint8Array([1, 2, 3]));
  const out = new Uint8Array(sidx.length + all.length + mdat.length);
  out.set(sidx);
  out.set(all, sidx.length);
  out.set(mdat, sidx.length + all.length);
  return out.buffer;
}

/** The segment index's earliest presentation time (64-bit sidx). */
const indexTime = (segment: ArrayBuffer): bigint => new DataView(segment).getBigUint64(8 + 12);

/** The decode times of a segment's fragments, in order. */
function decodeTimes(segment: ArrayBuffer): bigint[] {
  const bytes = new Uint8Array(segment);
  const view = new DataView(segment);
  const out: bigint[] = [];
  for (let i = 0; i + 4 <= bytes.length; i++) {
    if (String.fromCharCode(...bytes.slice(i, i + 4)) !== 'tfdt') continue;
    const wide = bytes[i + 4] === 1;
    out.push(wide ? view.getBigUint64(i + 8) : BigInt(view.getUint32(i + 8)));
  }
  return out;
}

describe('rebaseFragments', () => {
  it("moves each track's decode times (and the segment index) back to start at 0, 64- and 32-bit alike", () => {
    const epoch = 1_796_279_342n * 90_000n;
    const a = fragment([1, epoch, true], [2, 5_000n, false]);
    const b = fragment([1, epoch + 180_000n, true], [2, 5_960n, false]);
    const mdatBefore = new Uint8Array(b).slice(-3);
    rebaseFragments([a, b]);
    expect(decodeTimes(a)).toEqual([0n, 0n]);
    expect(decodeTimes(b)).toEqual([180_000n, 960n]);
    expect([indexTime(a), indexTime(b)]).toEqual([0n, 180_000n]);
    // The samples are untouched.
    expect([...new Uint8Array(b).slice(-3)]).toEqual([...mdatBefore]);
  });

  it('leaves what is not ISO BMFF as it is', () => {
    const ts = new Uint8Array(188 * 2).fill(0x47).buffer;
    const copy = new Uint8Array(ts).slice();
    rebaseFragments([ts]);
    expect(new Uint8Array(ts)).toEqual(copy);
  });
});
