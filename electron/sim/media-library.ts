/**
 * The segments the simulator serves (made by scripts/make-media.sh), read once into memory.
 * Each stream (main, sub) has three looks (live, black, frozen) of `segmentsPerLoop` segments of
 * `segmentSeconds` each, encoded with the same settings and timestamps, in two containers:
 * MPEG-TS (`.ts`) and fragmented MP4 (`.m4s`, with one `<stream>-init.mp4` shared by the looks).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { retimeFragment, trackTimescale } from './fmp4-retime';
import { retimeTransportStream, ticks } from './ts-retime';

export const streams = ['main', 'sub'] as const;
export type StreamName = (typeof streams)[number];
export const looks = ['live', 'black', 'frozen'] as const;
export type Look = (typeof looks)[number];
/** How a camera packs its H.264: MPEG-TS segments, or fMP4 (an init segment and .m4s fragments). */
export const containers = ['ts', 'fmp4'] as const;
export type Container = (typeof containers)[number];

export const segmentSeconds = 2;
export const segmentsPerLoop = 6;

export interface MediaFile {
  bytes: Uint8Array;
  contentType: string;
}

export interface MediaLibrary {
  dir: string;
  /**
   * A file by name: a segment `<stream>-<look>-<k>.ts|.m4s`, k the absolute segment index (file
   * k mod 6, its timestamps moved on by floor(k / 6) loops so they only ever rise), or an init
   * segment `<stream>-init.mp4`. Undefined for a name that is neither.
   */
  get(name: string): MediaFile | undefined;
}

const segmentNamePattern = /^(main|sub)-(live|black|frozen)-(\d{1,15})\.(ts|m4s)$/;
const initNamePattern = /^(main|sub)-init\.mp4$/;
const extension: Record<Container, string> = { ts: 'ts', fmp4: 'm4s' };

export function segmentName(
  stream: StreamName,
  look: Look,
  index: number,
  container: Container = 'ts',
): string {
  return `${stream}-${look}-${index}.${extension[container]}`;
}

/** The fMP4 init segment (EXT-X-MAP) of a stream. */
export function initSegmentName(stream: StreamName): string {
  return `${stream}-init.mp4`;
}

function readMedia(dir: string, name: string): Buffer {
  const path = join(dir, name);
  if (!existsSync(path)) {
    throw new Error(`simulator media missing: ${path} (run: sh scripts/make-media.sh)`);
  }
  return readFileSync(path);
}

export function loadMediaLibrary(dir: string): MediaLibrary {
  const files = new Map<string, Buffer>();
  const timescales = new Map<StreamName, number>();
  for (const stream of streams) {
    const init = readMedia(dir, initSegmentName(stream));
    files.set(initSegmentName(stream), init);
    timescales.set(stream, trackTimescale(init));
    for (const look of looks) {
      for (let i = 0; i < segmentsPerLoop; i++) {
        for (const container of containers) {
          const name = segmentName(stream, look, i, container);
          files.set(name, readMedia(dir, name));
        }
      }
    }
  }
  const loopSeconds = segmentSeconds * segmentsPerLoop;
  const loopTicks = ticks(loopSeconds);
  return {
    dir,
    get: (name) => {
      if (initNamePattern.test(name)) {
        const init = files.get(name);
        return init && { bytes: init, contentType: 'video/mp4' };
      }
      const match = segmentNamePattern.exec(name);
      if (!match) return undefined;
      const stream = match[1] as StreamName;
      const k = Number(match[3]);
      const container: Container = match[4] === 'm4s' ? 'fmp4' : 'ts';
      const file = files.get(segmentName(stream, match[2] as Look, k % segmentsPerLoop, container));
      if (!file) return undefined;
      const loop = Math.floor(k / segmentsPerLoop);
      if (container === 'fmp4') {
        const bytes = retimeFragment(file, {
          seconds: loop * loopSeconds,
          timescale: timescales.get(stream)!,
          sequence: k,
        });
        return { bytes, contentType: 'video/iso.segment' };
      }
      const bytes = loop === 0 ? file : retimeTransportStream(file, (loop * loopTicks) % 2 ** 33);
      return { bytes, contentType: 'video/mp2t' };
    },
  };
}

/**
 * Where resources/media is: under the working directory (npm scripts, tests), else walking up
 * from this module (the source file, or the bundle in out/main/).
 */
export function findMediaDir(): string {
  const probe = segmentName('main', 'live', 0);
  const starts = [process.cwd()];
  // Electron sets process.resourcesPath in a packaged app (not in @types/node).
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) {
    if (existsSync(join(resourcesPath, 'media', probe))) return join(resourcesPath, 'media');
    starts.push(resourcesPath);
  }
  try {
    starts.push(dirname(fileURLToPath(import.meta.url)));
  } catch {
    // Not a file: URL (e.g. bundled into a data: module); the working directory must do.
  }
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      const candidate = join(dir, 'resources', 'media');
      if (existsSync(join(candidate, probe))) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(
    `simulator media not found: no resources/media/${probe} above ${starts.join(' or ')}`,
  );
}
