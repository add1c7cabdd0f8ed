/**
 * The simulated platform's camera failures (issue #16 item 6): when each camera was down (offline,
 * a black or frozen picture, a lens obstructed), for the weeks before the simulator started and on
 * from there, so a station's weekly report has data on its first day and the hall sees cameras
 * fail and get repaired while it runs.
 *
 * The process is a pure function of (seed, camera, day): each camera's failures that start on one
 * UTC day come from their own PRNG stream, seeded from the simulator's seed, the camera's id and
 * the day. Nothing is generated before it is asked for, so the simulator starts as fast with it as
 * without, and the same seed tells the same past however often the simulator restarts.
 *
 * Tuned so that about 2 % of the cameras are down at any instant (a county reports >= 98 %
 * online): a camera fails every two to three weeks, a repair takes hours to days (a long tail:
 * median about 4 h, a few take 3-4 days, a few are short blips), and about 0.5 % of the cameras are
 * chronic (they fail every few days). A failure that starts while the camera is still down from
 * another is not a second failure (dropped), so a camera's failures never overlap.
 */
import { createPrng, fnv1a, type Prng } from './prng';
import type { DownKind } from '../../shared/contract/platform-health';
import type { TicketSource } from '../../shared/domain/health/tickets';

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
export const dayMs = 24 * hourMs;

/**
 * The environment variable that turns live failures on for a simulator whose options leave it
 * unsaid (`on`; anything else: off): the sim CLI and the browser host set it.
 */
export const failuresEnv = 'VIGIL_SIM_FAILURES';
/** The default span of history before the simulator's start. */
export const defaultHistoryDays = 56;
/** The longest a failure lasts (the tail of the repair times is cut here). */
export const maxFailureMs = 4 * dayMs;
/** The shortest one (a blip: the camera's power or link comes back by itself). */
export const minFailureMs = 5 * minuteMs;
/** Failures that lasted at least this long had a ticket. */
export const ticketAfterMs = 30 * minuteMs;
/** Share of chronic cameras, and how often one fails (per day). */
export const chronicShare = 0.005;
const chronicRatePerDay = 1 / 3;
/** How often a healthy camera fails (per day): about every two to three weeks. */
const baseRatePerDay = 0.06;
/** Of every failure, the share of each kind (offline most). */
const kindWeights: readonly [DownKind, number][] = [
  ['offline', 0.7],
  ['black', 0.1],
  ['frozen', 0.1],
  ['obstructed', 0.1],
];

/** One failure of one camera, with what its ticket (if it had one) went through. */
export interface Failure {
  cameraId: string;
  kind: DownKind;
  start: number;
  /** When it was repaired (the process's own end: the history may cut it at the start). */
  end: number;
  /** Set when it lasted long enough for a ticket (>= ticketAfterMs). */
  ticket: FailureTicket | null;
}

export interface FailureTicket {
  source: Extract<TicketSource, 'prober' | 'platform'>;
  /** Noticed and opened a little after the failure started (always before its end). */
  openedAt: number;
  /** Dispatched to the camera's maintainer (null: it was repaired before anybody dispatched). */
  dispatchedAt: number | null;
  /** How long after the repair it was verified and closed. */
  verifyAfterMs: number;
}

export interface FailureProcessOptions {
  seed: number;
  /** When the simulator started: history before, the live process after. */
  startedAt: number;
  /** How many days of history before the start. Default 56. */
  historyDays?: number;
}

export interface FailureProcess {
  /** The start of the generated history. */
  readonly historyStart: number;
  readonly startedAt: number;
  /**
   * The camera's failures that overlap [from, to) (their true start and end: the start may be
   * before the history's, the end past `to` or past now), oldest first.
   */
  failuresOf(cameraId: string, from: number, to: number): Failure[];
  /** The camera's failures that start in [from, to), oldest first. */
  failuresStartingIn(cameraId: string, from: number, to: number): Failure[];
  /** A chronic camera fails every few days. */
  isChronic(cameraId: string): boolean;
}

/** A 32-bit mix of two integers (murmur3's finaliser over a combination). */
function mix(a: number, b: number): number {
  let h = (a ^ Math.imul(b + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A failure's length: a few short blips, else log-normal with median 4 h, cut at 4 days: most
 * repairs within a fixed camera's 8 h SLA, a quarter past it (a tail of parts and carriers).
 */
function duration(prng: Prng): number {
  if (prng.chance(0.15)) return prng.range(minFailureMs, 40 * minuteMs);
  // Box-Muller: one standard normal from two uniforms.
  const u = 1 - prng.next();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * prng.next());
  const ms = 4 * hourMs * Math.exp(z);
  return Math.min(maxFailureMs, Math.max(ticketAfterMs, ms));
}

function kindOf(prng: Prng): DownKind {
  let r = prng.next();
  for (const [kind, weight] of kindWeights) {
    if (r < weight) return kind;
    r -= weight;
  }
  return 'offline';
}

/** The first draw of createPrng(seed) (mulberry32), without making the generator. */
function firstDraw(seed: number): number {
  let t = ((seed >>> 0 || 0x9e3779b9) + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/**
 * How many failures start on one day: Poisson with mean `rate` (inversion; rate is small). Most
 * days have none, told from the stream's first draw alone (no generator made for them).
 */
function poisson(seed: number, rate: number): { n: number; prng: Prng | null } {
  const limit = Math.exp(-rate);
  let p = firstDraw(seed);
  if (p <= limit) return { n: 0, prng: null };
  const prng = createPrng(seed);
  prng.next();
  let n = 0;
  while (p > limit && n < 20) {
    p *= prng.next();
    n += 1;
  }
  return { n, prng };
}

export function createFailureProcess(options: FailureProcessOptions): FailureProcess {
  const historyDays = options.historyDays ?? defaultHistoryDays;
  const startedAt = options.startedAt;
  const historyStart = startedAt - historyDays * dayMs;
  const seedKey = mix(options.seed >>> 0, 0x5eed);
  const cameraKeys = new Map<string, number>();

  const cameraKey = (cameraId: string): number => {
    let key = cameraKeys.get(cameraId);
    if (key === undefined) {
      key = mix(seedKey, parseInt(fnv1a(cameraId), 16));
      cameraKeys.set(cameraId, key);
    }
    return key;
  };
  const isChronic = (cameraId: string): boolean =>
    mix(cameraKey(cameraId), 0xc4c4) / 4294967296 < chronicShare;

  /** The failures that start on UTC day `day` before any is dropped, by start. */
  const candidatesOfDay = (
    cameraId: string,
    key: number,
    chronic: boolean,
    day: number,
  ): Failure[] => {
    const { n, prng } = poisson(mix(key, day), chronic ? chronicRatePerDay : baseRatePerDay);
    if (prng === null) return [];
    const out: Failure[] = [];
    for (let i = 0; i < n; i++) {
      const start = Math.floor(day * dayMs + prng.next() * dayMs);
      const kind = kindOf(prng);
      const length = Math.round(duration(prng));
      const end = start + length;
      let ticket: FailureTicket | null = null;
      if (length >= ticketAfterMs) {
        const openedAt = start + Math.round(prng.range(10, 30) * minuteMs);
        const dispatchedAt = openedAt + Math.round(prng.range(5, 90) * minuteMs);
        ticket = {
          source: prng.chance(0.6) ? 'prober' : 'platform',
          openedAt,
          dispatchedAt: dispatchedAt < end ? dispatchedAt : null,
          verifyAfterMs: Math.round(prng.range(20, 180) * minuteMs),
        };
      }
      out.push({ cameraId, kind, start, end, ticket });
    }
    return out.sort((a, b) => a.start - b.start);
  };

  /**
   * The kept failures that start in [from, to): none that was over before the history's start
   * (one still going on then is kept, so the share of cameras down is the same from its first
   * day; the history cuts it at its start).
   */
  const failuresStartingIn = (cameraId: string, from: number, to: number): Failure[] => {
    const lo = Math.max(from, historyStart - maxFailureMs);
    if (to <= lo) return [];
    const key = cameraKey(cameraId);
    const chronic = isChronic(cameraId);
    const kept: Failure[] = [];
    // A candidate is dropped when an earlier candidate (kept or not) still covers its start:
    // that depends on the candidates of the last maxFailureMs only, so any window gives the
    // same answer.
    let coveredUntil = -Infinity;
    const firstDay = Math.floor((lo - maxFailureMs) / dayMs);
    const lastDay = Math.floor((to - 1) / dayMs);
    for (let day = firstDay; day <= lastDay; day++) {
      for (const c of candidatesOfDay(cameraId, key, chronic, day)) {
        const dropped = c.start < coveredUntil;
        coveredUntil = Math.max(coveredUntil, c.end);
        if (!dropped && c.start >= lo && c.start < to) kept.push(c);
      }
    }
    return kept;
  };

  return {
    historyStart,
    startedAt,
    failuresOf: (cameraId, from, to) =>
      failuresStartingIn(cameraId, from - maxFailureMs, to).filter((f) => f.end > from),
    failuresStartingIn,
    isChronic,
  };
}
