import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findMediaDir, looks, streams } from '../../../electron/sim/media-library';

const run = promisify(execFile);
const tmp = mkdtempSync(join(tmpdir(), 'vigil-media-'));

describe('simulator media', () => {
  it('is real H.264 in MPEG-TS, two seconds a segment, for every stream and look', async () => {
    const dir = findMediaDir();
    for (const stream of streams) {
      for (const look of looks) {
        const { stdout } = await run('ffprobe', [
          '-v',
          'error',
          '-show_entries',
          'format=format_name,duration:stream=codec_name,width',
          '-of',
          'json',
          join(dir, `${stream}-${look}-0.ts`),
        ]);
        const info = JSON.parse(stdout) as {
          format: { format_name: string; duration: string };
          streams: { codec_name: string; width: number }[];
        };
        expect(info.format.format_name).toBe('mpegts');
        expect(Number(info.format.duration)).toBeCloseTo(2, 1);
        expect(info.streams[0]?.codec_name).toBe('h264');
        expect(info.streams[0]?.width).toBe(stream === 'main' ? 640 : 320);
      }
    }
  });

  it('is the same H.264 in fragmented MP4: one init per stream, then 2 s fragments', async () => {
    const dir = findMediaDir();
    for (const stream of streams) {
      for (const look of looks) {
        const joined = join(tmp, `${stream}-${look}.mp4`);
        writeFileSync(
          joined,
          Buffer.concat([
            readFileSync(join(dir, `${stream}-init.mp4`)),
            readFileSync(join(dir, `${stream}-${look}-0.m4s`)),
          ]),
        );
        const { stdout } = await run('ffprobe', [
          '-v',
          'error',
          '-count_frames',
          '-show_entries',
          'format=format_name:stream=codec_name,width,nb_read_frames',
          '-of',
          'json',
          joined,
        ]);
        const info = JSON.parse(stdout) as {
          format: { format_name: string };
          streams: { codec_name: string; width: number; nb_read_frames: string }[];
        };
        expect(info.format.format_name).toMatch(/mp4/);
        expect(info.streams[0]?.codec_name).toBe('h264');
        expect(info.streams[0]?.width).toBe(stream === 'main' ? 640 : 320);
        expect(Number(info.streams[0]?.nb_read_frames)).toBe(50);
      }
    }
  });
});
