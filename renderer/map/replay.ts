/** Track replay as pure functions: where a unit was at a moment, and how the replay clock moves. */
import type { TrackPoint } from '../../shared/contract/map';

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
