/**
 * What the simulated platform's recorders (NVRs) hold of each camera (docs/protocol.md §2,
 * "Recorded ranges", `GET /api/v1/cameras/{id}/recordings`): recording is continuous except
 *
 * - the recorder's restarts: every NVR (one per grid, shared by its cameras) restarts 0-2 times a
 *   day for 2-8 minutes (a firmware watchdog, a disk check), all its cameras missing together;
 * - the camera's own drop-outs: now and then a minute or so (a network blip), and about one
 *   camera-day in 16 a stretch of 1-6 hours (a power cut, a failed disk);
 * - the times the camera was offline: a `camera-offline` fault from when it was set to when it was
 *   cleared, a camera offline in the catalog since some hours before the simulator started;
 * - nothing after now, nothing older than the recorders keep (30 days).
 *
 * The planned gaps are a pure function of (seed, NVR or camera, UTC day), so every query, every
 * run and every machine answers the same; the offline times are what happened in this run.
 */
import { createPrng, fnv1a } from './prng';

export interface RecordedRange {
  startMs: number;
  endMs: number;
}

export interface SimRecordings {
  /** The camera stopped sending at `at` (not recorded until `online`); repeated: no change. */
  offline(cameraId: string, at: number): void;
  /** The camera sends again from `at`. */
  online(cameraId: string, at: number): void;
  /**
   * What was recorded of the camera within [startMs, endMs), sorted and apart, as of `now`.
   * `nvr` names the recorder the camera is on (cameras of one recorder miss its restarts).
   */
  ranges(
    cameraId: string,
    nvr: string,
    startMs: number,
    endMs: number,
    now: number,
  ): RecordedRange[];
}

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;
/** How long the recorders keep video (the usual 30 days of a public-security NVR). */
export const recordingRetentionMs = 30 * dayMs;
/** The longest span one question may cover (a month: a timeline asks for at most a week). */
export const maxRecordingsQueryMs = 31 * dayMs;
/** Offline stretches remembered per camera (older ones are past any question worth asking). */
const maxOfflineHistory = 32;

export function createSimRecordings(seed: number): SimRecordings {
  /** Offline stretches per camera, oldest first; the last may be open (`endMs` null). */
  const offline = new Map<string, { startMs: number; endMs: number | null }[]>();

  const plannedGaps = (cameraId: string, nvr: string, day: number): RecordedRange[] => {
    const dayStart = day * dayMs;
    const gaps: RecordedRange[] = [];
    const nvrPrng = createPrng(parseInt(fnv1a(`nvr|${seed}|${nvr}|${day}`), 16));
    const restarts = nvrPrng.int(0, 2);
    for (let i = 0; i < restarts; i++) {
      const startMs = dayStart + nvrPrng.int(0, dayMs / 1000 - 1) * 1000;
      gaps.push({ startMs, endMs: startMs + nvrPrng.int(2 * 60, 8 * 60) * 1000 });
    }
    const cameraPrng = createPrng(parseInt(fnv1a(`camera|${seed}|${cameraId}|${day}`), 16));
    if (cameraPrng.chance(0.3)) {
      const startMs = dayStart + cameraPrng.int(0, dayMs / 1000 - 1) * 1000;
      gaps.push({ startMs, endMs: startMs + cameraPrng.int(20, 180) * 1000 });
    }
    if (cameraPrng.chance(1 / 16)) {
      const startMs = dayStart + cameraPrng.int(0, dayMs / 1000 - 1) * 1000;
      gaps.push({ startMs, endMs: startMs + cameraPrng.int(60, 360) * minuteMs });
    }
    return gaps;
  };

  return {
    offline(cameraId, at) {
      const stretches = offline.get(cameraId) ?? [];
      const last = stretches[stretches.length - 1];
      if (last && last.endMs === null) return;
      stretches.push({ startMs: at, endMs: null });
      if (stretches.length > maxOfflineHistory) stretches.shift();
      offline.set(cameraId, stretches);
    },
    online(cameraId, at) {
      const last = offline.get(cameraId)?.at(-1);
      if (last && last.endMs === null) last.endMs = Math.max(at, last.startMs);
    },
    ranges(cameraId, nvr, startMs, endMs, now) {
      const from = Math.max(startMs, now - recordingRetentionMs);
      const to = Math.min(endMs, now);
      if (to <= from) return [];
      const gaps: RecordedRange[] = [];
      // From the day before: a long drop-out may run on past midnight.
      for (let day = Math.floor(from / dayMs) - 1; day <= Math.floor(to / dayMs); day++) {
        gaps.push(...plannedGaps(cameraId, nvr, day));
      }
      for (const s of offline.get(cameraId) ?? []) {
        gaps.push({ startMs: s.startMs, endMs: s.endMs ?? now });
      }
      gaps.sort((a, b) => a.startMs - b.startMs);
      const recorded: RecordedRange[] = [];
      let cursor = from;
      for (const gap of gaps) {
        if (gap.endMs <= cursor) continue;
        if (gap.startMs >= to) break;
        if (gap.startMs > cursor) recorded.push({ startMs: cursor, endMs: gap.startMs });
        cursor = gap.endMs;
      }
      if (cursor < to) recorded.push({ startMs: cursor, endMs: to });
      return recorded;
    },
  };
}

/**
 * When a camera offline in the catalog at start went offline: 1-30 hours before `startedAt`,
 * the same for the same seed and camera.
 */
export function offlineSince(seed: number, cameraId: string, startedAt: number): number {
  const prng = createPrng(parseInt(fnv1a(`offline|${seed}|${cameraId}`), 16));
  return startedAt - prng.int(1, 30) * hourMs;
}
