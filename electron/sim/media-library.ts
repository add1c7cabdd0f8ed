/**
 * The segments the simulator serves (made by scripts/make-media.sh), read once into memory.
 * Each stream (main, sub) has three looks (live, black, frozen) of `segmentsPerLoop` segments of
 * `segmentSeconds` each, encoded with the same settings and timestamps.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { retimeTransportStream, ticks } from './ts-retime';

export const streams = ['main', 'sub'] as const;
export type StreamName = (typeof streams)[number];
export const looks = ['live', 'black', 'frozen'] as const;
export type Look = (typeof looks)[number];

export const segmentSeconds = 2;
export const segmentsPerLoop = 6;

export interface MediaLibrary {
  dir: string;
  /**
   * A segment's bytes by name `<stream>-<look>-<k>.ts`, k the absolute segment index: file
   * k mod 6, its timestamps moved on by floor(k / 6) loops so they only ever rise. Undefined for
   * a name that is not a segment.
   */
  get(name: string): Uint8Array | undefined;
}

const segmentNamePattern = /^(main|sub)-(live|black|frozen)-(\d{1,15})\.ts$/;

export function segmentName(stream: StreamName, look: Look, index: number): string {
  return `${stream}-${look}-${index}.ts`;
}

export function loadMediaLibrary(dir: string): MediaLibrary {
  const files = new Map<string, Buffer>();
  for (const stream of streams) {
    for (const look of looks) {
      for (let i = 0; i < segmentsPerLoop; i++) {
        const name = segmentName(stream, look, i);
        const path = join(dir, name);
        if (!existsSync(path)) {
          throw new Error(`simulator media missing: ${path} (run: sh scripts/make-media.sh)`);
        }
        files.set(name, readFileSync(path));
      }
    }
  }
  const loopTicks = ticks(segmentSeconds * segmentsPerLoop);
  return {
    dir,
    get: (name) => {
      const match = segmentNamePattern.exec(name);
      if (!match) return undefined;
      const k = Number(match[3]);
      const file = files.get(
        segmentName(match[1] as StreamName, match[2] as Look, k % segmentsPerLoop),
      );
      if (!file) return undefined;
      const loop = Math.floor(k / segmentsPerLoop);
      return loop === 0 ? file : retimeTransportStream(file, (loop * loopTicks) % 2 ** 33);
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
