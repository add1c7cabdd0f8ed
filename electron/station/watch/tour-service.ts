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
 */
import { randomUUID } from 'node:crypto';
import type { Caller, Camera } from '../../../shared/api';
import type { MarkSnapshot, Tour, TourState, TourSummary } from '../../../shared/contract/watch';
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
}

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
      runs: [...this.runs.values()].map((r) => ({ ...r, deadline: stopDeadline(r) })),
    };
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
    const current = this.runs.get(input.runId);
    if (!current) {
      const done = this.options.store.tourRun(input.runId);
      throw new VigilError(
        done ? 'bad-input' : 'not-found',
        done ? `tour run ${input.runId} has ended (${done.status})` : `no tour run ${input.runId}`,
      );
    }
    const now = this.now();
    // Stops that ran out before this mark are recorded missed first.
    const advanced = advanceTourRun(current, now);
    this.persist(current, advanced);
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
    for (const run of [...this.runs.values()]) {
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
    for (const run of this.runs.values()) earliest(stopDeadline(run));
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
    else this.runs.delete(after.id);
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
