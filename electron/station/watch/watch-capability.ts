/**
 * The watch capability, built for the composition root: the store, the rotation, tour and focus
 * services over one injectable clock, the coverage planner over the catalog, and a handler for
 * every watch method.
 */
import type { Caller, Camera, Catalog } from '../../../shared/api';
import type { watchMethods } from '../../../shared/contract/watch';
import { coverageReport, planCoverage, type PlannerCamera } from '../../../shared/domain/watch';
import { VigilError } from '../../../shared/result';
import type { AuditLog } from '../cache/audit-log';
import type { CacheDatabase } from '../cache/database';
import type { OutboxStore } from '../cache/outbox-store';
import type { Handlers } from '../contract-host';
import type { EventBus } from '../event-bus';
import { FocusService, type FocusAlert, type LinkageConfig } from './focus-service';
import { RotationService } from './rotation-service';
import { TourService } from './tour-service';
import { realClock, type WatchClock } from './watch-clock';
import { WatchStore } from '../cache/watch-store';

export type WatchHandlers = Pick<Handlers, keyof typeof watchMethods>;

export interface WatchCapabilityOptions {
  db: CacheDatabase;
  outbox: OutboxStore;
  audit: AuditLog;
  events: Pick<EventBus, 'emit'>;
  clock?: WatchClock;
  catalog: () => Catalog | null;
  camera: (id: string) => Camera | undefined;
  /** The wall service's public surface. */
  walls: {
    tileCount: (wallId: number) => number;
    assign: (wallId: number, tileIndex: number, cameraId: string, caller: Caller) => void;
  };
  onQueued: () => void;
  linkage?: Partial<LinkageConfig>;
  log?: (line: string) => void;
  /** The hall's time zone (`station.timeZone`); Asia/Shanghai when not given. */
  timeZone?: string;
  /** How long an abnormal tour stop is held for its note (`watch.tourHoldSeconds`). */
  tourHoldMs?: number;
  /**
   * A camera whose picture a tile saw black or frozen lately (issue #16 item 1: the health core):
   * the rotation passes it over as it does an offline one, and says so. Absent: none.
   */
  pictureFault?: (cameraId: string) => boolean;
}

export interface WatchCapability {
  handlers: WatchHandlers;
  rotation: RotationService;
  tours: TourService;
  focus: FocusService;
  onAlert(alert: FocusAlert): void;
  onCameraStatus(): void;
  start(): void;
  stop(): void;
}

export function createWatchCapability(options: WatchCapabilityOptions): WatchCapability {
  const clock = options.clock ?? realClock();
  const store = new WatchStore(options.db);
  const { audit, events } = options;
  const isOnline = (id: string): boolean => {
    const c = options.camera(id);
    return c !== undefined && c.status !== 'offline' && !(options.pictureFault?.(id) ?? false);
  };
  let rotation: RotationService | null = null;
  const focus = new FocusService({
    store,
    audit,
    clock,
    cameras: () => options.catalog()?.cameras ?? [],
    assign: (w, t, c, caller) => options.walls.assign(w, t, c, caller),
    linkage: options.linkage,
    tileCount: (wallId) => options.walls.tileCount(wallId),
    onChanged: (state) => {
      events.emit('focus', state);
      rotation?.refresh(true);
    },
    log: options.log,
  });
  rotation = new RotationService({
    store,
    audit,
    clock,
    tileCount: options.walls.tileCount,
    isOnline,
    reservedTiles: (wallId) => focus.reservedTiles(wallId),
    onGroups: (change) => events.emit('rotation.groups', change),
    onRunning: (change) => events.emit('rotation', change),
  });
  const rot = rotation;
  const tours = new TourService({
    db: options.db,
    store,
    outbox: options.outbox,
    audit,
    clock,
    camera: options.camera,
    checkWall: (w) => void options.walls.tileCount(w),
    onChanged: (state, change) => events.emit('tour', { ...state, ...change }),
    onQueued: options.onQueued,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options.tourHoldMs ? { holdMs: options.tourHoldMs } : {}),
  });

  const plannerCameras = (): PlannerCamera[] => {
    const catalog = options.catalog();
    if (!catalog) throw new VigilError('unavailable', 'no catalog yet');
    const zoneOf = new Map(catalog.areas.map((a) => [a.id, a.parentId ?? a.id]));
    return catalog.cameras.map((c) => ({
      id: c.id,
      gridId: c.gridId,
      zoneId: zoneOf.get(c.gridId) ?? c.gridId,
      lat: c.lat,
      lng: c.lng,
      focus: c.kind === 'checkpoint',
    }));
  };

  const handlers: WatchHandlers = {
    'rotation.list': () => rot.list(),
    'rotation.save': (group, caller) => rot.save(group, caller),
    'rotation.delete': ({ id }, caller) => rot.delete(id, caller),
    'rotation.start': ({ id }, caller) => rot.startGroup(id, caller),
    'rotation.stop': ({ wallId }, caller) => rot.stopWall(wallId, caller),
    'rotation.pause': ({ wallId }) => rot.pause(wallId, 'operator'),
    'rotation.resume': ({ wallId }) => rot.resume(wallId, 'operator'),
    'rotation.next': ({ wallId }) => rot.next(wallId),
    'rotation.previous': ({ wallId }) => rot.previous(wallId),
    'rotation.hold': ({ wallId, reason, on }) => ({ view: rot.hold(wallId, reason, on) }),
    'rotation.state': () => rot.state(),
    'tour.list': () => tours.list(),
    'tour.save': (tour, caller) => tours.save(tour, caller),
    'tour.delete': ({ id }, caller) => tours.delete(id, caller),
    'tour.start': ({ id }, caller) => tours.startTour(id, caller),
    'tour.stop': ({ runId }, caller) => tours.stopRun(runId, caller),
    'tour.state': () => tours.state(),
    'tour.mark': (input, caller) => tours.mark(input, caller),
    'tour.hold': (input, caller) => ({ hold: tours.hold(input, caller) }),
    'tourRun.list': (filter) => tours.listRuns(filter),
    'tourRun.get': ({ runId }) => tours.getRun(runId),
    'tourRun.snapshot': ({ runId, stopIndex }) => tours.snapshot(runId, stopIndex),
    'tourRun.exportCsv': (input) => tours.exportCsv(input),
    'coverage.plan': ({ periodMs, watchers, stopDwellMs, focusVisits, focusCameraIds }) => {
      let cameras = plannerCameras();
      if (focusCameraIds) {
        const set = new Set(focusCameraIds);
        cameras = cameras.map((c) => ({ ...c, focus: set.has(c.id) }));
      } else {
        const pinned = new Set(focus.list().pins.map((p) => p.cameraId));
        cameras = cameras.map((c) => ({ ...c, focus: c.focus || pinned.has(c.id) }));
      }
      return planCoverage(cameras, { periodMs, watchers, stopDwellMs, focusVisits });
    },
    'coverage.report': ({ periodMs }) => {
      const now = clock.now();
      return coverageReport(plannerCameras(), store.outcomesSince(now - periodMs), now, periodMs);
    },
    'focus.pin': (input, caller) => focus.pin(input, caller),
    'focus.unpin': ({ wallId, tileIndex }, caller) => focus.unpin(wallId, tileIndex, caller),
    'focus.list': () => focus.list(),
    'focus.keep': ({ alertId }, caller) => focus.keep(alertId, caller),
    'focus.dismiss': ({ alertId }, caller) => focus.dismiss(alertId, caller),
    'focus.show': ({ alertId }, caller) => focus.show(alertId, caller),
  };

  return {
    handlers,
    rotation: rot,
    tours,
    focus,
    onAlert: (alert) => {
      try {
        focus.onAlert(alert);
      } catch (error) {
        options.log?.(`focus: alert ${alert.id}: ${String(error)}`);
      }
    },
    onCameraStatus: () => rot.refresh(false),
    start: () => {
      focus.start();
      rot.start();
      tours.start();
    },
    stop: () => {
      tours.stop();
      rot.stop();
      focus.stop();
    },
  };
}
