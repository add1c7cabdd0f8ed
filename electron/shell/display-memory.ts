/**
 * Which wall was on which display last time, in `<data>/displays.json`, so numbering survives a
 * restart and a monitor unplugged for a while. A missing or broken file means "no memory": the
 * planner numbers the displays afresh (a person may edit the file, e.g. to set `fallback`).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { normalizeLayout, type SavedDisplayLayout } from './display-planner';

export const DISPLAY_MEMORY_FILE = 'displays.json';

export function displayMemoryPath(dataDir: string): string {
  return join(dataDir, DISPLAY_MEMORY_FILE);
}

export function readDisplayMemory(file: string): SavedDisplayLayout | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (
      !parsed ||
      typeof parsed !== 'object' ||
      !Array.isArray((parsed as { walls?: unknown }).walls)
    ) {
      return null;
    }
    return normalizeLayout(parsed as SavedDisplayLayout);
  } catch {
    return null;
  }
}

/** Written atomically (temp file + rename): a crash mid-write never leaves half a file. */
export function writeDisplayMemory(file: string, layout: SavedDisplayLayout): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(normalizeLayout(layout), null, 2)}\n`);
  renameSync(temp, file);
}
