/**
 * Scheduled patrol tours (定时查巡) in the core. One timer wakes at the earliest of: a tour's next
 * window opening, an open stop's deadline. A window that opens starts a run (once per opening,
 * also after a restart mid-window) and the `tour` event tells the watcher. A mark is stored with
 * its outbox entry and its audit row in ONE transaction (as patrol marks are), delivered as a
 * `patrol-mark` event that names the run and stop (docs/protocol.md §4 fields plus tourRunId,
 * tourId, stopIndex; abnormal carries the camera's location so the platform opens an event there;
 * faulty carries the fault kind so it opens a maintenance ticket). A stop whose dwell runs out is
 * recorded missed: in the run and in tour_stop_outcomes, not delivered as a mark. A run that
 * ends (completed or stopped) is delivered once as a `tour-run` event with every stop's outcome,
 * missed ones included, queued in the transaction that ends it (idempotency key `tour-run-<id>`).
 *
 * A hold (`tour.hold`, the watcher's abnormal key at the wall): the open stop's dwell stops
 * counting while the watcher confirms and types the note; the mark ends it and moves on, as does
 * letting it go; past `until` (and a moment's grace for the wall's own mark on its way) the
 * stop's dwell counts on from where it stopped. The time held is added to that stop's dwell, so
 * the record keeps the real start and end of the stop. Holds live in memory: a restart lets go.
 */
import { randomUUID } from 'node:crypto';
import type { Caller, Camera } from '../../../shared/api';
import {
  TOUR_HOLD_MS,
  type MarkSnapshot,
  type Tour,
  type TourHold,
  type TourState,
  type TourSummary,
} from '../../../shared/contract/watch';
import {
  advanceTourRun,
  markTourStop,
  nextOpening,
  openWindowAt,
  startTourRun,
  stopDeadline,
  stopTourRun,
  TourMarkError,
  tourRunsToCsv,
  type FaultKind,
  type StopMark,
  type TourRunState,
} from '../../../shared/domain/watch';
import type { PatrolMarkEvent, TourRunEvent } from '../../../shared/contract/platform';
import { VigilError } from '../../../shared/result';
import { defaultTimeZone, formatDateTime } from '../../../shared/domain/time/hall-time';
import type { AuditLog } from '../cache/audit-log';
import type { CacheDatabase } from '../cache/database';
import type { OutboxStore } from '../cache/outbox-store';
import { Wakeup, type WatchClock } from './watch-clock';
import type { WatchStore } from '../cache/watch-store';

export interface TourServiceOptions {
  db: CacheDatabase;
  store: WatchStore;
  outbox: OutboxStore;
  audit: AuditLog;
  clock: WatchClock;
  camera: (id: string) => Camera | undefined;
  /** Throws not-found for no such wall. */
  checkWall: (wallId: number) => void;
  onChanged: (state: TourState, change?: { started?: string; ended?: string }) => void;
  /** After a mark's transaction committed: wake the delivery service. */
  onQueued: () => void;
  /** The hall's time zone (`station.timeZone`): tour windows open and CSV times are written in it. */
  timeZone?: string;
  /** How long a hold lasts when `tour.hold` names no length (default TOUR_HOLD_MS). */
  holdMs?: number;
}

/** After a hold's `until`, the core waits this long for the wall's mark before counting on. */
export const HOLD_GRACE_MS = 3000;

/** The body the platform receives for a tour stop mark: a patrol-mark that names the run and stop. */
export type TourMarkEvent = PatrolMarkEvent &
  Required<Pick<PatrolMarkEvent, 'tourId' | 'tourRunId' | 'stopIndex'>>;

export function tourRunEvent(run: TourRunState, endedAt: number): TourRunEvent {
  return {
    type: 'tour-run',
    id: `tour-run-${run.id}`,
    tourId: run.tourId,
    tourRunId: run.id,
    tourName: run.tourName,
    watcher: run.watcher,
    startedBy: run.startedBy,
    startedAt: run.startedAt,
    endedAt: run.endedAt ?? endedAt,
    status: run.status === 'stopped' ? 'stopped' : 'completed',
    stops: run.stops.map((s) => ({
      index: s.index,
      cameraId: s.cameraId,
      // An ended run has no open stop; a stop it never reached counts as missed.
      outcome: s.outcome ?? 'missed',
      at: s.endedAt,
      by: s.markedBy,
      fault: s.fault,
    })),
  };
}

/** The schedule itself, for runs it starts and ends: no one signed in did it. */
const system: Caller = { window: 'desk', operator: 'schedule', role: 'admin', signedIn: false };

export class TourService {
  private readonly runs = new Map<string, TourRunState>();
  /** Held stops, by run id. */
  private readonly holds = new Map<string, TourHold>();
  private readonly wakeup: Wakeup;

  private get zone(): string {
    return this.options.timeZone ?? defaultTimeZone;
  }

  constructor(private readonly options: TourServiceOptions) {
    this.wakeup = new Wakeup(options.clock, () => this.check());
  }

  start(): void {
    for (const run of this.options.store.runningTourRuns()) this.runs.set(run.id, run);
    this.check();
  }

  stop(): void {
    this.wakeup.clear();
  }

  list(): TourSummary[] {
    const now = this.now();
    return this.options.store.tours().map((t) => ({
      ...t,
      nextOpensAt: t.enabled
        ? (nextOpening(t.windows, now, 400, this.zone)?.opensAt ?? null)
        : null,
    }));
  }

  save(tour: Tour, caller: Caller): TourSummary {
    this.options.checkWall(tour.wallId);
    for (const s of tour.stops) {
      if (!this.options.camera(s.cameraId)) {
        throw new VigilError('not-found', `camera ${s.cameraId} is not in the catalog`);
      }
    }
    this.options.store.saveTour(tour, this.now());
    this.options.audit.record(caller, 'tour.save', tour.id, { stops: tour.stops.length });
    this.check();
    return this.list().find((t) => t.id === tour.id) as TourSummary;
  }

  delete(id: string, caller: Caller): { deleted: boolean } {
    const deleted = this.options.store.deleteTour(id);
    if (deleted) this.options.audit.record(caller, 'tour.delete', id);
    this.check();
    return { deleted };
  }

  state(): TourState {
    return {
      runs: [...this.runs.values()].map((r) => {
        const hold = this.holds.get(r.id);
        if (!hold) return { ...r, deadline: stopDeadline(r) };
        // Held: the dwell left when the hold began counts from when the core lets go.
        const left = Math.max(0, (stopDeadline(r) ?? hold.at) - hold.at);
        return { ...r, deadline: hold.until + HOLD_GRACE_MS + left, hold };
      }),
    };
  }

  /** Holds the open stop (on) or lets it go (off); the hold, or null when there is none. */
  hold(
    input: { runId: string; stopIndex: number; on: boolean; ms?: number },
    caller: Caller,
  ): TourHold | null {
    const run = this.runningRun(input.runId);
    const now = this.now();
    const held = this.holds.get(run.id);
    if (!input.on) {
      if (held?.stopIndex === input.stopIndex) {
        this.release(run.id, now);
        this.check({});
      }
      return null;
    }
    if (held) {
      if (held.stopIndex === input.stopIndex) return held;
      throw new VigilError('bad-input', `stop ${held.stopIndex} of run ${run.id} is held`);
    }
    // A stop that ran out before the hold is missed: it cannot be held any more.
    const advanced = advanceTourRun(run, now);
    this.persist(run, advanced);
    if (advanced.status !== 'running' || advanced.current !== input.stopIndex) {
      this.check(advanced.status === 'running' ? {} : { ended: advanced.id });
      throw new VigilError(
        'bad-input',
        `stop ${input.stopIndex} of run ${run.id} cannot be held: it is not the open stop` +
          (advanced.current === null
            ? ' (the run has ended)'
            : ` (open stop: ${advanced.current})`),
      );
    }
    const hold: TourHold = {
      stopIndex: input.stopIndex,
      at: now,
      until: now + (input.ms ?? this.options.holdMs ?? TOUR_HOLD_MS),
      by: caller.operator,
    };
    this.holds.set(run.id, hold);
    this.check({});
    return hold;
  }

  startTour(id: string, caller: Caller): TourRunState {
    const tour = this.options.store.tours().find((t) => t.id === id);
    if (!tour) throw new VigilError('not-found', `no tour ${id}`);
    return this.begin(tour, caller.operator, caller);
  }

  stopRun(runId: string, caller: Caller): TourRunState {
    const run = this.runs.get(runId);
    if (!run) {
      const done = this.options.store.tourRun(runId);
      if (done) return done;
      throw new VigilError('not-found', `no tour run ${runId}`);
    }
    this.holds.delete(run.id);
    const next = stopTourRun(run, this.now());
    this.persist(run, next);
    this.options.audit.record(caller, 'tour.stop', runId);
    this.check({ ended: runId });
    return next;
  }

  mark(
    input: {
      runId: string;
      stopIndex: number;
      mark: StopMark;
      note: string;
      fault?: FaultKind;
      snapshot?: MarkSnapshot;
    },
    caller: Caller,
  ): TourRunState {
    const current = this.runningRun(input.runId);
    const now = this.now();
    // A held stop is let go (its dwell counted on from the hold); stops that ran out before this
    // mark are recorded missed first.
    this.release(current.id, now);
    const before = this.runs.get(current.id) ?? current;
    const advanced = advanceTourRun(before, now);
    this.persist(before, advanced);
    let next: TourRunState;
    try {
      next = markTourStop(
        advanced,
        { ...input, by: caller.operator, snapshot: input.snapshot !== undefined },
        now,
      );
    } catch (error) {
      if (error instanceof TourMarkError) {
        // Stops that ran out just now are news to the windows even though the mark failed.
        const moved = advanced !== current ? {} : undefined;
        this.check(advanced.status === 'running' ? moved : { ended: advanced.id });
        throw new VigilError('bad-input', error.message);
      }
      throw error;
    }
    const stop = advanced.stops[input.stopIndex];
    const camera = stop ? this.options.camera(stop.cameraId) : undefined;
    const event: TourMarkEvent = {
      type: 'patrol-mark',
      id: randomUUID(),
      cameraId: stop?.cameraId ?? '',
      mark: input.mark,
      note: input.note,
      operator: caller.operator,
      at: now,
      tourId: advanced.tourId,
      tourRunId: advanced.id,
      stopIndex: input.stopIndex,
      ...(input.mark === 'faulty' && input.fault ? { fault: input.fault } : {}),
      ...(camera ? { lat: camera.lat, lng: camera.lng } : {}),
      ...(input.snapshot ? { snapshot: input.snapshot } : {}),
    };
    const { db, outbox, store } = this.options;
    db.transaction(() => {
      const outboxId = outbox.add('patrol-mark', randomUUID(), event, now);
      store.addOutcome(next.id, input.stopIndex, event.cameraId, input.mark, now, outboxId);
      if (input.snapshot) {
        store.addSnapshot(next.id, input.stopIndex, event.cameraId, now, input.snapshot);
      }
      this.saveRun(next, advanced);
      this.options.audit.record(caller, 'tour.mark', event.cameraId, {
        runId: next.id,
        stopIndex: input.stopIndex,
        mark: input.mark,
      });
    })();
    this.runs.set(next.id, next);
    this.holds.delete(next.id);
    if (next.status !== 'running') this.runs.delete(next.id);
    this.options.onQueued();
    // Always tell the windows: a mark on a run that goes on is a change too (the desk and the
    // watcher's wall show each stop's mark as it happens).
    this.check(next.status === 'running' ? {} : { ended: next.id });
    return next;
  }

  listRuns(filter: { tourId?: string; since?: number; limit: number }): TourRunState[] {
    return this.options.store.tourRuns(filter);
  }

  getRun(runId: string): TourRunState {
    const run = this.runs.get(runId) ?? this.options.store.tourRun(runId);
    if (!run) throw new VigilError('not-found', `no tour run ${runId}`);
    return run;
  }

  snapshot(runId: string, stopIndex: number): MarkSnapshot & { cameraId: string; takenAt: number } {
    this.getRun(runId);
    const shot = this.options.store.snapshot(runId, stopIndex);
    if (!shot)
      throw new VigilError('not-found', `stop ${stopIndex} of run ${runId} has no snapshot`);
    return shot;
  }

  exportCsv(input: { runIds?: string[]; since?: number; until?: number }): {
    filename: string;
    csv: string;
  } {
    const runs = input.runIds
      ? input.runIds.map((id) => this.getRun(id))
      : this.options.store.tourRuns({ since: input.since, until: input.until, limit: 100_000 });
    const name = (id: string): string => this.options.camera(id)?.name ?? '';
    const stamp = formatDateTime(this.now(), this.zone).replace(/[-: ]/g, '').slice(0, 12);
    return { filename: `tour-runs-${stamp}.csv`, csv: tourRunsToCsv(runs, name, this.zone) };
  }

  // ---- internals ----

  /** A run in progress; a run that ended is a bad input, an unknown one not found. */
  private runningRun(runId: string): TourRunState {
    const run = this.runs.get(runId);
    if (run) return run;
    const done = this.options.store.tourRun(runId);
    throw new VigilError(
      done ? 'bad-input' : 'not-found',
      done ? `tour run ${runId} has ended (${done.status})` : `no tour run ${runId}`,
    );
  }

  /**
   * Lets a held stop go at `at` (at most the hold's end): the time it was held is added to the
   * stop's dwell, so it counts on from where it stopped.
   */
  private release(runId: string, at: number): void {
    const hold = this.holds.get(runId);
    if (!hold) return;
    this.holds.delete(runId);
    const run = this.runs.get(runId);
    if (!run || run.current !== hold.stopIndex) return;
    const held = Math.max(0, Math.min(at, hold.until + HOLD_GRACE_MS) - hold.at);
    if (held === 0) return;
    const dwells = run.dwells.map((d, i) => (i === hold.stopIndex ? d + held : d));
    this.persist(run, { ...run, dwells });
  }

  private begin(tour: Tour, startedBy: string, caller: Caller): TourRunState {
    for (const r of this.runs.values()) {
      if (r.tourId === tour.id) {
        throw new VigilError('bad-input', `tour ${tour.id} is already running (run ${r.id})`);
      }
    }
    const run = startTourRun({
      id: randomUUID(),
      tourId: tour.id,
      tourName: tour.name,
      wallId: tour.wallId,
      watcher: tour.watcher,
      startedBy,
      stops: tour.stops,
      now: this.now(),
    });
    this.options.db.transaction(() => {
      this.saveRun(run);
      this.options.audit.record(caller, 'tour.start', tour.id, { runId: run.id, startedBy });
    })();
    this.runs.set(run.id, run);
    this.check({ started: run.id });
    return run;
  }

  /** Missed stops, windows that opened; then re-arm the one timer and tell the windows. */
  private check(change?: { started?: string; ended?: string }): void {
    const now = this.now();
    let changed = change !== undefined;
    for (const [runId, hold] of [...this.holds]) {
      if (now < hold.until + HOLD_GRACE_MS) continue;
      this.release(runId, now);
      changed = true;
    }
    for (const run of [...this.runs.values()]) {
      // A held stop does not run out while held.
      if (this.holds.has(run.id)) continue;
      const next = advanceTourRun(run, now);
      if (next !== run) {
        this.persist(run, next);
        changed = true;
        if (next.status !== 'running') change = { ...change, ended: next.id };
      }
    }
    let wake: number | null = null;
    const earliest = (t: number | null): void => {
      if (t !== null && (wake === null || t < wake)) wake = t;
    };
    for (const tour of this.options.store.tours()) {
      if (!tour.enabled) continue;
      const open = openWindowAt(tour.windows, now, this.zone);
      const running = [...this.runs.values()].some((r) => r.tourId === tour.id);
      if (open && !running && (this.options.store.latestRunStart(tour.id) ?? -1) < open.opensAt) {
        try {
          this.begin(tour, 'schedule', system);
          return; // begin() ran check() again
        } catch {
          // A tour whose wall went away: it starts by hand once fixed.
        }
      }
      earliest(nextOpening(tour.windows, now, 400, this.zone)?.opensAt ?? null);
    }
    for (const run of this.runs.values()) {
      const hold = this.holds.get(run.id);
      earliest(hold ? hold.until + HOLD_GRACE_MS : stopDeadline(run));
    }
    this.wakeup.at(wake);
    if (changed) this.options.onChanged(this.state(), change);
  }

  /** Writes a run that changed, with a row per newly missed stop, in one transaction. */
  private persist(before: TourRunState, after: TourRunState): void {
    if (before === after) return;
    this.options.db.transaction(() => {
      for (const s of after.stops) {
        if (s.outcome === 'missed' && before.stops[s.index]?.outcome !== 'missed') {
          this.options.store.addOutcome(
            after.id,
            s.index,
            s.cameraId,
            'missed',
            s.endedAt ?? 0,
            null,
          );
        }
      }
      this.saveRun(after, before);
    })();
    // An ended run's record was queued with it: wake the delivery service.
    if (before.status === 'running' && after.status !== 'running') this.options.onQueued();
    if (after.status === 'running') this.runs.set(after.id, after);
    else {
      this.runs.delete(after.id);
      this.holds.delete(after.id);
    }
  }

  /** Saves a run; one that just ended also queues its record for the platform (same transaction). */
  private saveRun(run: TourRunState, before?: TourRunState): void {
    this.options.store.saveTourRun(run);
    if (before?.status === 'running' && run.status !== 'running') {
      const now = this.now();
      const event = tourRunEvent(run, now);
      this.options.outbox.add('tour-run', event.id, event, now);
    }
  }

  private now(): number {
    return this.options.clock.now();
  }
}
