/**
 * The simulator's fMP4 segments are retimed through their tfdt so a loop of six files plays as one
 * rising timeline: proven with ffprobe on init + segment (a real demuxer), and on a live window as
 * the simulator serves it across a loop boundary.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeTimes, retimeFragment, trackTimescale } from '../../../electron/sim/fmp4-retime';
import { loadMediaLibrary } from '../../../electron/sim/media-library';
import { ffprobeVideo } from './ffprobe';

const media = join(process.cwd(), 'resources', 'media');
const dir = mkdtempSync(join(tmpdir(), 'vigil-fmp4-'));
const read = (name: string) => new Uint8Array(readFileSync(join(media, name)));
const init = read('sub-init.mp4');
const timescale = trackTimescale(init);

/** Presentation times (s) of the frames of init + segment, read by ffprobe. */
function probe(segment: Uint8Array): number[] {
  const file = join(dir, `s${Math.random().toString(36).slice(2)}.mp4`);
  writeFileSync(file, Buffer.concat([init, segment]));
  const json = ffprobeVideo<{ frames: { pts_time: string }[] }>(file, 'frame=pts_time');
  return json.frames.map((f) => Number(f.pts_time));
}

describe('retiming fMP4 segments', () => {
  const first = read('sub-live-0.m4s');
  const last = read('sub-live-5.m4s');

  it('reads the track timescale from the init segment', () => {
    expect(timescale).toBeGreaterThan(1000);
    expect(() => trackTimescale(first)).toThrow('no mdhd');
  });

  it('moves every frame by the shift and keeps every frame decodable', () => {
    const before = probe(first);
    const after = probe(retimeFragment(first, { seconds: 12, timescale }));
    expect(before.length).toBeGreaterThan(40);
    expect(after).toHaveLength(before.length);
    after.forEach((t, i) => expect(t).toBeCloseTo(before[i]! + 12, 3));
    expect(decodeTimes(retimeFragment(first, { seconds: 12, timescale }))).toEqual([
      decodeTimes(first)[0]! + BigInt(12 * timescale),
    ]);
  });

  it('makes the loop continuous: file 0 of loop 2 starts one frame after file 5 of loop 1', () => {
    const endOfLoop = probe(last);
    const nextLoop = probe(retimeFragment(first, { seconds: 12, timescale }));
    expect(Math.min(...nextLoop) - (Math.max(...endOfLoop) + 1 / 25)).toBeCloseTo(0, 3);
  });

  it('holds times far past 2^32 ticks (a 64-bit tfdt) and numbers the fragment', () => {
    const far = 12 * 200_000_000; // loop 2·10^8: the absolute index of a segment in 2026 and on
    const out = retimeFragment(first, { seconds: far, timescale, sequence: 1_234_567_890 });
    expect(decodeTimes(out)[0]).toBe(BigInt(far) * BigInt(timescale));
    const view = new DataView(out.buffer);
    // styp, sidx, then moof > mfhd: find mfhd's sequence number after its type.
    const at = Buffer.from(out).indexOf('mfhd') + 8;
    expect(view.getUint32(at)).toBe(1_234_567_891);
    expect(Math.min(...probe(out))).toBeCloseTo(far, 0);
  });

  it('refuses bytes that are not an fMP4 media segment', () => {
    expect(() => retimeFragment(init, { seconds: 12, timescale })).toThrow('no moof');
    expect(() =>
      retimeFragment(new Uint8Array([0, 0, 0, 99, 1]), { seconds: 1, timescale }),
    ).toThrow('not an MP4 box');
  });
});

describe('a live fMP4 window as the library serves it', () => {
  it('has decode times that only rise, across the loop boundary, one segment apart', () => {
    const library = loadMediaLibrary(media);
    const base = 6 * 147_000_000; // a loop start near today's absolute segment index
    const times = [];
    for (let k = base - 3; k <= base + 8; k++) {
      const file = library.get(`main-live-${k}.m4s`)!;
      expect(file.contentType).toBe('video/iso.segment');
      times.push(decodeTimes(file.bytes)[0]!);
    }
    const mainScale = BigInt(trackTimescale(library.get('main-init.mp4')!.bytes));
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(2n * mainScale);
    expect(times[3]).toBe(BigInt(base / 6) * 12n * mainScale);
  });
});
