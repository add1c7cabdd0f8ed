import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findMediaDir, looks, streams } from '../../../electron/sim/media-library';

const run = promisify(execFile);

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
});
