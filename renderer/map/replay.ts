/**
 * Track replay as pure functions: where a unit was at a moment, how the replay clock moves, which
 * window to ask for (one ending now, or a date and a shift in the hall's time zone), and which
 * part of it holds data (the slider spans that, not the empty hours around it).
 */
import type { TracksResult, TrackPoint } from '../../shared/contract/map';
import {
  formatHhMm,
  isDate,
  parseHhMm,
  zonedAt,
  zonedDate,
  zonedMidnight,
} from '../../shared/domain/time/hall-time';

export const replaySpeeds = [1, 4, 16, 60] as const;
export type ReplaySpeed = (typeof replaySpeeds)[number];

/** The position at `at`, interpolated between the two fixes around it (clamped to the ends). */
export function positionAt(
  points: readonly TrackPoint[],
  at: number,
): { lat: number; lng: number; heading: number; index: number } | null {
  if (points.length === 0) return null;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (at <= first.at) return { lat: first.lat, lng: first.lng, heading: first.heading, index: 0 };
  if (at >= last.at) {
    return { lat: last.lat, lng: last.lng, heading: last.heading, index: points.length - 1 };
  }
  let lo = 0;
  let hi = points.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.at <= at) lo = mid;
    else hi = mid;
  }
  const a = points[lo]!;
  const b = points[hi]!;
  const f = b.at === a.at ? 0 : (at - a.at) / (b.at - a.at);
  return {
    lat: a.lat + (b.lat - a.lat) * f,
    lng: a.lng + (b.lng - a.lng) * f,
    heading: a.heading,
    index: lo,
  };
}

/** The replay clock after `elapsedMs` of wall time at `speed`, stopping at `toMs`. */
export function advance(at: number, elapsedMs: number, speed: number, toMs: number): number {
  return Math.min(toMs, at + elapsedMs * speed);
}

export const rangeChoices = [
  { key: 'm10', ms: 10 * 60_000 },
  { key: 'h1', ms: 3_600_000 },
  { key: 'h8', ms: 8 * 3_600_000 },
  { key: 'h24', ms: 24 * 3_600_000 },
] as const;
export type RangeKey = (typeof rangeChoices)[number]['key'];
export const rangeMs = (key: RangeKey): number => rangeChoices.find((r) => r.key === key)!.ms;

/** Call signs typed by the operator ("巡007, 步巡012") → unit ids known on the map. */
export function parseCallSigns(
  text: string,
  units: Iterable<{ unitId: string; callSign: string }>,
): { ids: string[]; unknown: string[] } {
  const byCall = new Map<string, string>();
  const ids = new Set<string>();
  for (const u of units) {
    byCall.set(u.callSign.toLowerCase(), u.unitId);
    ids.add(u.unitId);
  }
  const found: string[] = [];
  const unknown: string[] = [];
  for (const word of text.split(/[\s,，、;；]+/).filter(Boolean)) {
    const id = byCall.get(word.toLowerCase()) ?? (ids.has(word) ? word : undefined);
    if (id) {
      if (!found.includes(id)) found.push(id);
    } else unknown.push(word);
  }
  return { ids: found, unknown };
}

/** A shift as the hall names it: a day (YYYY-MM-DD) and a clock window on it (HH:MM). */
export interface ShiftChoice {
  date: string;
  from: string;
  to: string;
}

/** The hall's usual shifts, offered as one click (day shift, night shift, the whole day). */
export const shiftPresets = [
  { key: 'day', from: '08:00', to: '20:00' },
  { key: 'night', from: '20:00', to: '08:00' },
  { key: 'whole', from: '00:00', to: '00:00' },
] as const;

/**
 * The window of a shift in `zone`: from `date` at `from` to `to`, on the next day when `to` is
 * not after `from` (20:00-08:00 is a night, 00:00-00:00 a whole day). An error names what is
 * wrong with the choice.
 */
export function shiftWindow(
  shift: ShiftChoice,
  zone: string,
): { fromMs: number; toMs: number } | { error: 'date' | 'time' } {
  if (!isDate(shift.date)) return { error: 'date' };
  let from: number;
  let to: number;
  try {
    from = parseHhMm(shift.from);
    to = parseHhMm(shift.to);
  } catch {
    return { error: 'time' };
  }
  const fromMs = zonedAt(shift.date, from, zone);
  const toMs = zonedAt(shift.date, to <= from ? to + 24 * 60 : to, zone);
  return { fromMs, toMs };
}

/**
 * The part of a result that has fixes: from the first fix of any track to the last of any (the
 * replay slider spans this, so a shift with two hours of data is not ten hours of nothing), or
 * the asked window when no track has a fix.
 */
export function dataSpan(result: TracksResult): { fromMs: number; toMs: number; empty: boolean } {
  let first = Infinity;
  let last = -Infinity;
  for (const track of result.tracks) {
    const a = track.points[0];
    const b = track.points[track.points.length - 1];
    if (a && a.at < first) first = a.at;
    if (b && b.at > last) last = b.at;
  }
  if (first === Infinity) return { fromMs: result.fromMs, toMs: result.toMs, empty: true };
  return {
    fromMs: Math.max(result.fromMs, first),
    toMs: Math.min(result.toMs, Math.max(first, last)),
    empty: false,
  };
}

/** What a track replay or a review asks for: a window ending now, or a date and a shift. */
export type WindowChoice = { mode: 'recent'; range: RangeKey } | ({ mode: 'shift' } & ShiftChoice);

/** The window of a choice, now being `now` (ms) and the day read in the hall's `zone`. */
export function windowOf(
  choice: WindowChoice,
  now: number,
  zone: string,
): { fromMs: number; toMs: number } | { error: 'date' | 'time' } {
  if (choice.mode === 'recent') return { fromMs: now - rangeMs(choice.range), toMs: now };
  return shiftWindow(choice, zone);
}

/** The day before `now`'s day in `zone`, 'YYYY-MM-DD'. */
export function yesterdayIn(now: number, zone: string): string {
  return zonedDate(zonedMidnight(now, zone) - 1, zone);
}

/** A window as a date and a shift in `zone` (to the minute), e.g. to replay what a review covered. */
export function shiftOf(fromMs: number, toMs: number, zone: string): ShiftChoice {
  return {
    date: zonedDate(fromMs, zone),
    from: formatHhMm(fromMs, zone),
    to: formatHhMm(toMs, zone),
  };
}
