/**
 * vitest's global setup: every test's temporary folders (mkdtemp under os.tmpdir(): databases,
 * media, renderer folders, packages) go into one folder of this run, removed when the run ends.
 * Tests made their own and some forgot them: a day of runs left thousands in /tmp.
 * TMPDIR is read by os.tmpdir() at each call and inherited by the forked workers and by the
 * processes the tests start (simulator, station, ffmpeg).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-vitest-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(dir, { recursive: true, force: true });
  };
}
