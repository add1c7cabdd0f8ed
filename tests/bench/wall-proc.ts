/**
 * /proc readings for the wall bench: CPU ticks and RSS of the Chromium processes this bench
 * started (Linux only).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second (`getconf CLK_TCK`; 100 on every Linux this runs on). */
export const CLK_TCK = 100;

interface ProcInfo {
  pid: number;
  ppid: number;
  /** utime + stime, in ticks. */
  ticks: number;
  rssBytes: number;
  cmdline: string;
}

function readProc(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: split after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15, rss (pages) 24.
    const ppid = Number(rest[1]);
    const ticks = Number(rest[11]) + Number(rest[12]);
    const rssBytes = Number(rest[21]) * 4096;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return { pid, ppid, ticks, rssBytes, cmdline };
  } catch {
    return null; // gone meanwhile
  }
}

/** Every process below `root` (not `root` itself), skipping the subtrees of `exclude`. */
export function descendants(root: number, exclude: readonly number[] = []): ProcInfo[] {
  const all: ProcInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const info = readProc(Number(name));
    if (info) all.push(info);
  }
  const children = new Map<number, ProcInfo[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const out: ProcInfo[] = [];
  const walk = (pid: number): void => {
    for (const child of children.get(pid) ?? []) {
      if (exclude.includes(child.pid)) continue;
      out.push(child);
      walk(child.pid);
    }
  };
  walk(root);
  return out;
}

/** Ticks per pid now, for a CPU delta over a window. */
export function cpuTicks(processes: readonly ProcInfo[]): Map<number, number> {
  return new Map(processes.map((p) => [p.pid, p.ticks]));
}

/**
 * CPU used between two looks, as % of one core: processes seen at both count their delta, those
 * born meanwhile their whole time (those that died meanwhile are lost: none do in a window).
 */
export function cpuPercent(
  before: Map<number, number>,
  after: Map<number, number>,
  seconds: number,
): number {
  let ticks = 0;
  for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
  return (ticks / CLK_TCK / seconds) * 100;
}

/** RSS of the largest renderer process (the page under test; a spare renderer is small). */
export function rendererRss(processes: readonly ProcInfo[]): number {
  let max = 0;
  for (const p of processes) {
    if (p.cmdline.includes('--type=renderer')) max = Math.max(max, p.rssBytes);
  }
  return max;
}

/** The largest renderer process (the page under test), or null. */
export function rendererPid(processes: readonly ProcInfo[]): number | null {
  let best: ProcInfo | null = null;
  for (const p of processes) {
    if (p.cmdline.includes('--type=renderer') && (!best || p.rssBytes > best.rssBytes)) best = p;
  }
  return best?.pid ?? null;
}

/**
 * Where a process's resident memory lies (/proc/PID/smaps_rollup, bytes): anonymous (malloc,
 * PartitionAlloc, V8: the process's own heap) and shared memory (Chromium's shared-memory
 * regions: video frames and buffers handed between processes).
 */
export function residentSplit(pid: number): { anon: number; shmem: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (field: string): number =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
    return { anon: kb('Anonymous') * 1024, shmem: kb('Pss_Shmem') * 1024 };
  } catch {
    return null;
  }
}
