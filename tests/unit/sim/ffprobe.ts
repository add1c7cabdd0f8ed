/** ffprobe (a real demuxer) on a file, its answer as JSON: what the media tests check against. */
import { execFileSync } from 'node:child_process';

/** `ffprobe -v error -select_streams v -show_entries E… -of json file`, parsed. */
export function ffprobeVideo<T>(file: string, ...entries: string[]): T {
  const args = ['-v', 'error', '-select_streams', 'v'];
  for (const entry of entries) args.push('-show_entries', entry);
  return JSON.parse(execFileSync('ffprobe', [...args, '-of', 'json', file]).toString()) as T;
}
