/**
 * Near-repeat warnings for burglary-type incidents (issue #17 item 2): a burglary is often followed
 * by another close by within days. For every burglary-type incident reported in the period, the
 * earlier burglary-type incidents (in the period or the history before it) reported within
 * `days` before it and within `distanceM` of it. Times are `reportedAt`.
 *
 * A square grid index of `distanceM` cells (in the local metre frame) holds the candidates, so each
 * incident looks at the 3 × 3 cells around its own: linear in the incidents for a fixed density,
 * not O(n²).
 */
import type { NearRepeat } from '../../contract/analysis';
import { localFrame } from '../geo/distance';
import { dayMs } from '../time/hall-time';
import type { ProductIncident } from './product';

export type RepeatIncident = Pick<
  ProductIncident,
  'id' | 'number' | 'category' | 'lat' | 'lng' | 'reportedAt'
>;

export interface NearRepeatOptions {
  /** The period: incidents reported in [from, to) are the ones warned about. */
  from: number;
  to: number;
  categories: readonly string[];
  distanceM: number;
  days: number;
}

export function nearRepeats(
  subjects: readonly RepeatIncident[],
  candidates: readonly RepeatIncident[],
  o: NearRepeatOptions,
): NearRepeat[] {
  if (!(o.distanceM > 0) || !(o.days > 0)) {
    throw new Error(`near-repeat distance and days are more than 0: ${o.distanceM}, ${o.days}`);
  }
  const categories = new Set(o.categories);
  const windowMs = o.days * dayMs;
  const inPeriod = subjects.filter(
    (i) => categories.has(i.category) && i.reportedAt >= o.from && i.reportedAt < o.to,
  );
  if (inPeriod.length === 0) return [];
  const first = inPeriod[0] as RepeatIncident;
  const frame = localFrame({ lat: first.lat, lng: first.lng });
  const cellM = o.distanceM;
  const key = (cx: number, cy: number): number => cx * 1_048_576 + cy;
  const index = new Map<number, { i: RepeatIncident; x: number; y: number }[]>();
  for (const i of candidates) {
    if (!categories.has(i.category)) continue;
    if (i.reportedAt < o.from - windowMs || i.reportedAt >= o.to) continue;
    const { x, y } = frame.toXY(i);
    const k = key(Math.floor(x / cellM), Math.floor(y / cellM));
    let bucket = index.get(k);
    if (!bucket) index.set(k, (bucket = []));
    bucket.push({ i, x, y });
  }
  const out: NearRepeat[] = [];
  for (const s of inPeriod) {
    const { x, y } = frame.toXY(s);
    const cx = Math.floor(x / cellM);
    const cy = Math.floor(y / cellM);
    const near: NearRepeat['near'] = [];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const c of index.get(key(cx + dx, cy + dy)) ?? []) {
          if (c.i.id === s.id) continue;
          const dt = s.reportedAt - c.i.reportedAt;
          if (dt < 0 || dt > windowMs) continue;
          const d = Math.hypot(c.x - x, c.y - y);
          if (d > o.distanceM) continue;
          near.push({
            incidentId: c.i.id,
            number: c.i.number,
            distanceM: Math.round(d),
            days: Math.round((dt / dayMs) * 10) / 10,
          });
        }
      }
    }
    if (near.length === 0) continue;
    near.sort((a, b) => a.days - b.days || a.distanceM - b.distanceM);
    out.push({
      incidentId: s.id,
      number: s.number,
      category: s.category,
      lat: s.lat,
      lng: s.lng,
      at: s.reportedAt,
      near,
    });
  }
  return out.sort((a, b) => b.at - a.at);
}
