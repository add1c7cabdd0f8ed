/**
 * The simulator's segments are retimed so a loop of six files plays as one rising timeline: proven
 * with ffprobe (a real demuxer), not with our own parser.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { retimeTransportStream, ticks } from '../../../electron/sim/ts-retime';
import { ffprobeVideo } from './ffprobe';

const media = join(process.cwd(), 'resources', 'media');
const dir = mkdtempSync(join(tmpdir(), 'vigil-retime-'));

function probe(bytes: Uint8Array): { start: number; pts: number[]; frames: number } {
  const file = join(dir, `s${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, bytes);
  const json = ffprobeVideo<{ frames: { pts_time: string }[]; format: { start_time: string } }>(
    file,
    'frame=pts_time',
    'format=start_time',
  );
  return {
    start: Number(json.format.start_time),
    pts: json.frames.map((f) => Number(f.pts_time)),
    frames: json.frames.length,
  };
}

describe('retiming MPEG-TS segments', () => {
  const first = new Uint8Array(readFileSync(join(media, 'sub-live-0.ts')));
  const last = new Uint8Array(readFileSync(join(media, 'sub-live-5.ts')));

  it('moves every frame by the offset and decodes the same number of frames', () => {
    const before = probe(first);
    const after = probe(retimeTransportStream(first, ticks(12)));
    expect(after.frames).toBe(before.frames);
    expect(after.frames).toBeGreaterThan(40);
    after.pts.forEach((pts, i) => expect(pts).toBeCloseTo(before.pts[i]! + 12, 3));
  });

  it('makes the loop continuous: file 0 of loop 2 starts where file 5 of loop 1 ends', () => {
    const endOfLoop = probe(last);
    const nextLoop = probe(retimeTransportStream(first, ticks(12)));
    const frameGap = 1 / 25;
    expect(nextLoop.start - (Math.max(...endOfLoop.pts) + frameGap)).toBeCloseTo(0, 2);
  });

  it('wraps at 2^33 ticks as an encoder does', () => {
    const wrapped = probe(retimeTransportStream(first, 2 ** 33 + ticks(3)));
    expect(wrapped.start).toBeCloseTo(probe(first).start + 3, 3);
  });

  it('refuses bytes that are not a transport stream', () => {
    expect(() => retimeTransportStream(new Uint8Array(100), 1)).toThrow('multiple of 188');
    expect(() => retimeTransportStream(new Uint8Array(188), 1)).toThrow('sync byte');
  });
});
