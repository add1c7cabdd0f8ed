/**
 * The picture rules on real pictures (issue #16 item 1): the simulator's own media (a moving test
 * pattern, its black look and its frozen look) and scenes made with ffmpeg that must NOT read as
 * faults: a dark scene that moves (a street at night), a dark scene with bright lights, a still
 * scene with sensor noise. ffmpeg samples each clip as a tile does: one 32×18 frame every 2 s,
 * bilinear like the browser's drawImage; the rules see the same numbers the wall would.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  diagnosePicture,
  measurePicture,
  type PictureSample,
  type PictureVerdict,
} from '../../../shared/domain/health/picture';

const media = join(__dirname, '..', '..', '..', 'resources', 'media');
const W = 32;
const H = 18;

/** The verdict after every sample of a clip, sampled like a tile. */
function verdicts(input: string[], offsetS = 0): PictureVerdict[] {
  const raw = execFileSync(
    'ffmpeg',
    [
      '-v',
      'error',
      ...input,
      // A tile samples at any moment, not only on key frames: start the samples this late.
      '-ss',
      String(offsetS),
      '-vf',
      `fps=0.5,scale=${W}:${H}:flags=bilinear`,
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgba',
      '-',
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const size = W * H * 4;
  const samples: PictureSample[] = [];
  const out: PictureVerdict[] = [];
  let previous: Uint8Array | null = null;
  for (let i = 0; (i + 1) * size <= raw.length; i++) {
    const m = measurePicture(raw.subarray(i * size, (i + 1) * size), previous);
    previous = m.lumaPlane;
    samples.push({ at: i * 2000, luma: m.luma, spread: m.spread, diff: m.diff, frames: i * 50 });
    out.push(diagnosePicture(samples));
  }
  return out;
}

/** The simulator's six segments of a look (12 s), played twice: 24 s, twelve samples. */
const simClip = (look: 'live' | 'black' | 'frozen') => [
  '-stream_loop',
  '1',
  '-i',
  `concat:${Array.from({ length: 6 }, (_, i) => join(media, `sub-${look}-${i}.ts`)).join('|')}`,
];
const made = (filter: string) => ['-f', 'lavfi', '-i', `${filter},format=yuv420p`, '-t', '24'];

describe('picture diagnosis on clips', () => {
  it("the simulator's black look reads black within three samples, and stays so", () => {
    const v = verdicts(simClip('black'));
    expect(v.length).toBeGreaterThanOrEqual(10);
    expect(v.slice(2)).toEqual(Array(v.length - 2).fill('black'));
  });

  it("the simulator's frozen look reads frozen after 8 s, sampled at any phase", () => {
    for (const offset of [0, 0.3, 0.7, 1.1, 1.5, 1.9]) {
      const v = verdicts(simClip('frozen'), offset);
      expect(v.length, `offset ${offset} s`).toBeGreaterThanOrEqual(10);
      expect(v.slice(5), `offset ${offset} s`).toEqual(Array(v.length - 5).fill('frozen'));
      expect(v).not.toContain('black');
    }
  });

  it("the simulator's live look is never black or frozen, sampled at any phase", () => {
    for (const offset of [0, 0.7, 1.5]) {
      const v = verdicts(simClip('live'), offset);
      expect(v.filter((x) => x === 'black' || x === 'frozen')).toEqual([]);
    }
  });

  it('a dark scene that moves (a street at night) is not black', () => {
    // The moving pattern at about a tenth of its brightness and colour: mean luma about 12.
    const v = verdicts(
      made(
        "testsrc2=size=640x360:rate=25,lutyuv=y='16+(val-16)*0.12':u='128+(val-128)*0.1':v='128+(val-128)*0.1'",
      ),
    );
    expect(v.filter((x) => x === 'black' || x === 'frozen')).toEqual([]);
  });

  it('a dark scene with bright lights is not black', () => {
    const v = verdicts(
      made(
        'color=c=0x080808:size=640x360:rate=25,drawbox=x=100:y=100:w=60:h=40:color=white:t=fill,drawbox=x=400:y=220:w=40:h=30:color=yellow:t=fill',
      ),
    );
    expect(v).not.toContain('black');
  });

  it('a still grey scene with sensor noise is not frozen', () => {
    const v = verdicts(made('color=c=0x707070:size=640x360:rate=25,noise=alls=40:allf=t'));
    expect(v).not.toContain('frozen');
  });
});
