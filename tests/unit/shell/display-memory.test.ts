import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  displayMemoryPath,
  readDisplayMemory,
  writeDisplayMemory,
} from '../../../electron/shell/display-memory';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-displays-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('display memory', () => {
  it('round-trips a layout', () => {
    const file = displayMemoryPath(tempDir());
    const layout = {
      deskDisplayId: 1,
      walls: [{ wallId: 1, displayId: 2, fallback: 'park' as const }],
    };
    writeDisplayMemory(file, layout);
    expect(readDisplayMemory(file)).toEqual(layout);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(layout);
  });

  it('a missing or broken file means no memory', () => {
    const dir = tempDir();
    expect(readDisplayMemory(join(dir, 'nope.json'))).toBeNull();
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"walls": [');
    expect(readDisplayMemory(broken)).toBeNull();
    writeFileSync(broken, '{"walls": 3}');
    expect(readDisplayMemory(broken)).toBeNull();
  });
});
