/**
 * A tour run (one walk of a scheduled patrol tour) as a pure state machine.
 *
 * Stops are walked in order. The current stop has until `stopStartedAt + dwell` to be marked;
 * a mark moves on to the next stop at once, and a stop whose dwell runs out unmarked is recorded
 * as MISSED (never normal) and the run moves on. A run stopped early records every unmarked stop
 * as missed too: the record is evidence of what was (and was not) seen.
 */
import { defaultTimeZone, formatDateTime } from '../time/hall-time';
import { csvDocument } from '../csv';

export const stopMarks = ['normal', 'abnormal', 'faulty'] as const;
export type StopMark = (typeof stopMarks)[number];

/** What is wrong with a faulty camera (the maintenance ticket's kind). */
export const faultKinds = ['black', 'frozen', 'blurred', 'offline', 'obstructed'] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface TourStop {
  cameraId: string;
  dwellMs: number;
  /** What the watcher should check here ("河道有无挖掘机"). */
  check: string;
}

export type StopOutcome = StopMark | 'missed';

export interface StopRecord {
  index: number;
  cameraId: string;
  /** null while not reached or still open. */
  outcome: StopOutcome | null;
  note: string;
  fault: FaultKind | null;
  startedAt: number | null;
  /** When marked (or when it was recorded missed). */
  endedAt: number | null;
  /** Who marked it. */
  markedBy: string | null;
  /** A picture was taken with the mark (`tourRun.snapshot` gives it); absent on older runs. */
  snapshot?: boolean;
}

export type TourRunStatus = 'running' | 'completed' | 'stopped';

export interface TourRunState {
  id: string;
  tourId: string;
  tourName: string;
  wallId: number;
  /** Who the run is assigned to (the watcher). */
  watcher: string;
  /** 'schedule' (a window opened) or the operator who started it by hand. */
  startedBy: string;
  startedAt: number;
  endedAt: number | null;
  status: TourRunStatus;
  /** Index of the open stop, or null when the run has ended. */
  current: number | null;
  stops: StopRecord[];
  /** Each stop's dwell, ms (kept so the run does not depend on later edits of the tour). */
  dwells: number[];
}

export function startTourRun(input: {
  id: string;
  tourId: string;
  tourName: string;
  wallId: number;
  watcher: string;
  startedBy: string;
  stops: readonly TourStop[];
  now: number;
}): TourRunState {
  const { stops, now } = input;
  return {
    id: input.id,
    tourId: input.tourId,
    tourName: input.tourName,
    wallId: input.wallId,
    watcher: input.watcher,
    startedBy: input.startedBy,
    startedAt: now,
    endedAt: stops.length === 0 ? now : null,
    status: stops.length === 0 ? 'completed' : 'running',
    current: stops.length === 0 ? null : 0,
    stops: stops.map((s, index) => ({
      index,
      cameraId: s.cameraId,
      outcome: null,
      note: '',
      fault: null,
      startedAt: index === 0 ? now : null,
      endedAt: null,
      markedBy: null,
    })),
    dwells: stops.map((s) => s.dwellMs),
  };
}

function moveOn(run: TourRunState, at: number): TourRunState {
  const next = (run.current ?? run.stops.length) + 1;
  if (next >= run.stops.length) {
    return { ...run, current: null, status: 'completed', endedAt: at };
  }
  const stops = run.stops.map((s) => (s.index === next ? { ...s, startedAt: at } : s));
  return { ...run, stops, current: next };
}

/** When the open stop's dwell runs out (null when the run has ended). */
export function stopDeadline(run: TourRunState): number | null {
  if (run.current === null) return null;
  const stop = run.stops[run.current] as StopRecord;
  return (stop.startedAt ?? run.startedAt) + (run.dwells[run.current] ?? 0);
}

/** Records as missed every stop whose dwell ran out by `now`, in order. */
export function advanceTourRun(run: TourRunState, now: number): TourRunState {
  let r = run;
  for (let deadline = stopDeadline(r); deadline !== null && now >= deadline;) {
    const i = r.current as number;
    r = {
      ...r,
      stops: r.stops.map((s) =>
        s.index === i ? { ...s, outcome: 'missed' as const, endedAt: deadline } : s,
      ),
    };
    r = moveOn(r, deadline);
    deadline = stopDeadline(r);
  }
  return r;
}

export class TourMarkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TourMarkError';
  }
}

/**
 * The watcher marks the open stop. Throws TourMarkError for a run that has ended or a stop that
 * is not the open one (already marked, already missed, or not reached yet).
 */
export function markTourStop(
  run: TourRunState,
  input: {
    stopIndex: number;
    mark: StopMark;
    note?: string;
    fault?: FaultKind;
    by: string;
    snapshot?: boolean;
  },
  now: number,
): TourRunState {
  const r = advanceTourRun(run, now);
  if (r.status !== 'running' || r.current === null) {
    throw new TourMarkError(`tour run ${r.id} has ended (${r.status})`);
  }
  if (input.stopIndex !== r.current) {
    const stop = r.stops[input.stopIndex];
    const why = !stop
      ? 'there is no such stop'
      : stop.outcome === 'missed'
        ? 'its dwell ran out: it is recorded as missed'
        : stop.outcome !== null
          ? `it is already marked ${stop.outcome}`
          : 'it is not reached yet';
    throw new TourMarkError(
      `stop ${input.stopIndex} of run ${r.id} cannot be marked: ${why} (open stop: ${r.current})`,
    );
  }
  const i = r.current;
  const marked: TourRunState = {
    ...r,
    stops: r.stops.map((s) =>
      s.index === i
        ? {
            ...s,
            outcome: input.mark,
            note: input.note ?? '',
            fault: input.mark === 'faulty' ? (input.fault ?? null) : null,
            endedAt: now,
            markedBy: input.by,
            ...(input.snapshot ? { snapshot: true } : {}),
          }
        : s,
    ),
  };
  return moveOn(marked, now);
}

/** Ends a run early: the open stop and every stop not reached are recorded missed. */
export function stopTourRun(run: TourRunState, now: number): TourRunState {
  const r = advanceTourRun(run, now);
  if (r.status !== 'running') return r;
  return {
    ...r,
    status: 'stopped',
    current: null,
    endedAt: now,
    stops: r.stops.map((s) =>
      s.outcome === null ? { ...s, outcome: 'missed' as const, endedAt: now } : s,
    ),
  };
}

export const missedStops = (run: TourRunState): number[] =>
  run.stops.filter((s) => s.outcome === 'missed').map((s) => s.index);

export const tourCsvHeader = [
  'run_id',
  'tour',
  'watcher',
  'run_status',
  'run_started',
  'run_ended',
  'stop',
  'camera_id',
  'camera_name',
  'outcome',
  'fault',
  'note',
  'marked_by',
  'stop_started',
  'stop_ended',
] as const;

/** One line per stop, times in the hall's `zone`; a UTF-8 BOM so Excel reads the Chinese right. */
export function tourRunsToCsv(
  runs: readonly TourRunState[],
  cameraName: (id: string) => string = () => '',
  zone: string = defaultTimeZone,
): string {
  const t = (ms: number | null): string | null => (ms === null ? null : formatDateTime(ms, zone));
  return csvDocument(
    tourCsvHeader,
    runs.flatMap((run) =>
      run.stops.map((s) => [
        run.id,
        run.tourName,
        run.watcher,
        run.status,
        t(run.startedAt),
        t(run.endedAt),
        s.index + 1,
        s.cameraId,
        cameraName(s.cameraId),
        s.outcome ?? 'open',
        s.fault,
        s.note,
        s.markedBy,
        t(s.startedAt),
        t(s.endedAt),
      ]),
    ),
  );
}
