/**
 * What a tile's picture check costs (issue #16 item 1, "Benchmarks"):
 *   npx tsx tests/bench/picture-check.ts [--tiles 16,36] [--rounds 30]
 * Makes three H.264 clips with ffmpeg (320×180 sub-stream, 960×540, 1920×1080 main stream),
 * plays N of them looping in <video> elements in Debian Chromium (headless, software decode),
 * and runs the wall's sampling step on every video, `rounds` times: drawImage into a 32×18
 * canvas, getImageData, and the three numbers of shared/domain/health/picture.ts (measurePicture,
 * bundled into the page as its source text). Prints ms per sample per size (p50, p95) and what
 * one sample every 2 s per tile costs at N tiles, in % of one core. The accuracy on labelled
 * clips is tests/integration/health/picture-clips.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { PICTURE_SAMPLE_MS } from '../../shared/domain/health/picture';
import { chromiumArgs, chromiumPath } from '../chromium';

const { values: flags } = parseArgs({
  options: {
    tiles: { type: 'string', default: '16,36' },
    rounds: { type: 'string', default: '30' },
  },
});
const tileCounts = flags.tiles.split(',').map(Number);
const rounds = Number(flags.rounds);

const dir = mkdtempSync(join(tmpdir(), 'vigil-picture-bench-'));
const sizes = ['320x180', '960x540', '1920x1080'] as const;
for (const size of sizes) {
  execFileSync('ffmpeg', [
    '-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25`, '-t', '6',
    '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-g', '25',
    '-movflags', '+faststart', join(dir, `${size}.mp4`),
  ]); // prettier-ignore
}
// measurePicture as the page runs it: the module's function, its types stripped by esbuild.
const source = execFileSync(
  join('node_modules', '.bin', 'esbuild'),
  ['shared/domain/health/picture.ts', '--format=iife', '--global-name=picture'],
  { encoding: 'utf8' },
);

const server = createServer((req, res) => {
  const name = (req.url ?? '/').slice(1);
  if (name === '' || name === 'index.html') {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    // tsx names the functions it compiles (`__name(fn, "…")`), page.evaluate's too: define it.
    res.end(
      `<!doctype html><body style="margin:0;background:#000"><script>window.__name = (f) => f;${source}</script>`,
    );
    return;
  }
  try {
    const body = readFileSync(join(dir, name.replace(/[^\w.x]/g, '')));
    res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': body.length });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const port = (server.address() as { port: number }).port;
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

try {
  const rows: string[] = [];
  for (const size of sizes) {
    for (const tiles of tileCounts) {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(`http://127.0.0.1:${port}/`);
      const times = await page.evaluate(
        async ({ size, tiles, rounds }) => {
          const cols = Math.ceil(Math.sqrt(tiles));
          const videos = Array.from({ length: tiles }, () => {
            const v = document.createElement('video');
            v.src = `/${size}.mp4`;
            v.muted = true;
            v.loop = true;
            v.autoplay = true;
            v.style.cssText = `width:${100 / cols}vw;height:${100 / cols}vh;object-fit:fill`;
            document.body.append(v);
            return v;
          });
          await Promise.all(
            videos.map(
              (v) =>
                new Promise<void>((ok) => {
                  const check = () => (v.readyState >= 2 ? ok() : setTimeout(check, 50));
                  check();
                }),
            ),
          );
          const canvas = document.createElement('canvas');
          canvas.width = 32;
          canvas.height = 18;
          const context = canvas.getContext('2d', { willReadFrequently: true })!;
          const measure = (window as unknown as {
            picture: { measurePicture: (d: Uint8ClampedArray, p: Uint8Array | null) => { lumaPlane: Uint8Array } };
          }).picture.measurePicture; // prettier-ignore
          const previous = new Map<HTMLVideoElement, Uint8Array>();
          const times: number[] = [];
          for (let r = 0; r < rounds; r++) {
            await new Promise((ok) => setTimeout(ok, 100));
            for (const v of videos) {
              const t0 = performance.now();
              context.drawImage(v, 0, 0, 32, 18);
              const m = measure(context.getImageData(0, 0, 32, 18).data, previous.get(v) ?? null);
              previous.set(v, m.lumaPlane);
              times.push(performance.now() - t0);
            }
          }
          return times;
        },
        { size, tiles, rounds },
      );
      await page.close();
      const p50 = pct(times, 50);
      const p95 = pct(times, 95);
      const mean = times.reduce((a, b) => a + b, 0) / times.length;
      const core = ((tiles * mean) / PICTURE_SAMPLE_MS) * 100;
      rows.push(
        `| ${size} | ${tiles} | ${p50.toFixed(2)} | ${p95.toFixed(2)} | ${mean.toFixed(2)} | ${core.toFixed(2)} % |`,
      );
      console.error(rows.at(-1));
    }
  }
  console.log(
    '| video | tiles playing | ms/sample p50 | p95 | mean | one sample / 2 s / tile, % of one core |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
} finally {
  await browser.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
