/**
 * Each camera's down time over a period (issue #16 item 3), the engine under healthSummary and
 * weeklyReport (rates.ts). `prepareRates` buckets the intervals by camera once (a counting sort:
 * O(cameras + intervals)); `measurePeriod` then walks every camera's intervals in start order,
 * unions them (all kinds, and offline alone) and measures each union against the period's expected
 * time (expected-time.ts), per camera and per bucket (hall days, weeks). Only cameras with
 * intervals cost anything beyond a slot in two arrays: the expected time is the same for all.
 */
import { downKinds } from '../../contract/platform-health';
import { expectedBefore, expectedTime, type ExpectedTime } from './expected-time';
import type { RateInput } from './rates';

/** Intervals left out of the rates because they make no sense (counted, never used). */
export interface IgnoredIntervals {
  /** Ends before it starts, or a time that is not a number. */
  backwards: number;
  /** Its camera is not in the catalog. */
  unknownCamera: number;
  /** Its kind is not one of downKinds. */
  unknownKind: number;
}

export interface PreparedRates {
  input: RateInput;
  /** Camera id → index in input.cameras (the first, when an id is there twice). */
  index: Map<string, number>;
  /** Whether a camera index is the one counted (false for a repeated id). */
  counted: Uint8Array;
  /** Intervals of camera i: order[offsets[i] … offsets[i+1]), sorted by start. */
  offsets: Int32Array;
  order: Int32Array;
  starts: Float64Array;
  /** +Infinity for an ongoing interval. */
  ends: Float64Array;
  offline: Uint8Array;
  ignored: IgnoredIntervals;
}

const knownKinds = new Set<string>(downKinds);

/** Buckets the intervals by camera, sorted by start; leaves out (and counts) the bad ones. */
export function prepareRates(input: RateInput): PreparedRates {
  const { cameras, intervals } = input;
  const index = new Map<string, number>();
  const counted = new Uint8Array(cameras.length);
  cameras.forEach((c, i) => {
    if (index.has(c.id)) return;
    index.set(c.id, i);
    counted[i] = 1;
  });
  const n = intervals.length;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const offline = new Uint8Array(n);
  const cameraOf = new Int32Array(n).fill(-1);
  const counts = new Int32Array(cameras.length + 1);
  const ignored: IgnoredIntervals = { backwards: 0, unknownCamera: 0, unknownKind: 0 };
  for (let k = 0; k < n; k++) {
    const iv = intervals[k]!;
    const camera = index.get(iv.cameraId);
    const end = iv.end === null ? Infinity : iv.end;
    if (camera === undefined) ignored.unknownCamera++;
    else if (!knownKinds.has(iv.kind)) ignored.unknownKind++;
    else if (!Number.isFinite(iv.start) || Number.isNaN(end) || end < iv.start) ignored.backwards++;
    else {
      cameraOf[k] = camera;
      starts[k] = iv.start;
      ends[k] = end;
      offline[k] = iv.kind === 'offline' ? 1 : 0;
      counts[camera + 1]!++;
    }
  }
  const offsets = new Int32Array(cameras.length + 1);
  for (let i = 0; i < cameras.length; i++) offsets[i + 1] = offsets[i]! + counts[i + 1]!;
  const order = new Int32Array(offsets[cameras.length]!);
  const fill = offsets.slice(0, cameras.length);
  for (let k = 0; k < n; k++) {
    const camera = cameraOf[k]!;
    if (camera >= 0) order[fill[camera]!++] = k;
  }
  // Each camera's few intervals by start: an insertion sort (most cameras have 0-10), which
  // beats a typed array's sort with a comparator by several times here.
  for (let i = 0; i < cameras.length; i++) {
    const first = offsets[i]!;
    const last = offsets[i + 1]!;
    for (let j = first + 1; j < last; j++) {
      const k = order[j]!;
      const start = starts[k]!;
      let m = j - 1;
      while (m >= first && starts[order[m]!]! > start) {
        order[m + 1] = order[m]!;
        m--;
      }
      order[m + 1] = k;
    }
  }
  return { input, index, counted, offsets, order, starts, ends, offline, ignored };
}

/** Down time of every camera over a period, and of all cameras per bucket. */
export interface PeriodMeasure {
  expected: ExpectedTime;
  /** Per camera index: offline time, and time down of any kind, within the expected time. */
  offlineMs: Float64Array;
  downMs: Float64Array;
  /** Bucket i is [bounds[i], bounds[i+1]). */
  bounds: number[];
  /** Per bucket, per camera: covered expected time; and all cameras' offline and down time. */
  bucketCoveredMs: number[];
  bucketOfflineMs: number[];
  bucketDownMs: number[];
}

/**
 * Measures [from, to); `cuts` are the bucket boundaries strictly inside it (sorted), e.g. the hall
 * midnights for a daily trend.
 */
export function measurePeriod(
  p: PreparedRates,
  from: number,
  to: number,
  cuts: readonly number[],
): PeriodMeasure {
  const { input, offsets, order, starts, ends, offline, counted } = p;
  const expected = expectedTime(input.coverage, input.maintenance, from, to, input.timeZone);
  const bounds = [from, ...cuts.filter((t) => t > from && t < to), to];
  const buckets = bounds.length - 1;
  const at = bounds.map((t) => expectedBefore(expected, t));
  const bucketCoveredMs = Array.from({ length: buckets }, (_, i) => at[i + 1]! - at[i]!);
  const bounded = Float64Array.from(bounds);
  const bucketOfflineMs = new Float64Array(buckets);
  const bucketDownMs = new Float64Array(buckets);
  const add = (a: number, b: number, totals: Float64Array): number =>
    addSpan(expected, bounded, a, b, totals);
  const cameras = input.cameras.length;
  const offlineMs = new Float64Array(cameras);
  const downMs = new Float64Array(cameras);

  if (expected.coveredMs > 0) {
    for (let c = 0; c < cameras; c++) {
      const first = offsets[c]!;
      const last = offsets[c + 1]!;
      if (first === last || counted[c] === 0) continue;
      // Running unions: of every kind, and of offline alone (empty while start >= end).
      let allStart = 0;
      let allEnd = -Infinity;
      let offStart = 0;
      let offEnd = -Infinity;
      let down = 0;
      let off = 0;
      for (let j = first; j < last; j++) {
        const k = order[j]!;
        const a = Math.max(starts[k]!, from);
        const b = Math.min(ends[k]!, to);
        if (b <= a) continue;
        if (a > allEnd) {
          if (allEnd > allStart) down += add(allStart, allEnd, bucketDownMs);
          allStart = a;
          allEnd = b;
        } else allEnd = Math.max(allEnd, b);
        if (offline[k] === 1) {
          if (a > offEnd) {
            if (offEnd > offStart) off += add(offStart, offEnd, bucketOfflineMs);
            offStart = a;
            offEnd = b;
          } else offEnd = Math.max(offEnd, b);
        }
      }
      if (allEnd > allStart) down += add(allStart, allEnd, bucketDownMs);
      if (offEnd > offStart) off += add(offStart, offEnd, bucketOfflineMs);
      downMs[c] = down;
      offlineMs[c] = off;
    }
  }
  return {
    expected,
    offlineMs,
    downMs,
    bounds,
    bucketCoveredMs,
    bucketOfflineMs: [...bucketOfflineMs],
    bucketDownMs: [...bucketDownMs],
  };
}

/**
 * Adds the expected time of the down span [a, b) (within the period) to the bucket totals it
 * falls in (bucket i is [bounds[i], bounds[i+1])); returns the whole of it.
 */
function addSpan(
  expected: ExpectedTime,
  bounds: Float64Array,
  a: number,
  b: number,
  totals: Float64Array,
): number {
  const buckets = bounds.length - 1;
  let lo = 0;
  let hi = buckets - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid]! <= a) lo = mid;
    else hi = mid - 1;
  }
  let sum = 0;
  let prev = expectedBefore(expected, a);
  for (let i = lo; i < buckets && bounds[i]! < b; i++) {
    const next = expectedBefore(expected, Math.min(b, bounds[i + 1]!));
    totals[i]! += next - prev;
    sum += next - prev;
    prev = next;
  }
  return sum;
}
