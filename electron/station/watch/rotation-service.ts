/**
 * Automatic rotation (自动轮巡) in the core: groups are persisted; each running rotation (one per
 * wall) is persisted at every page, so a reloaded wall asks `rotation.state` and a restarted core
 * resumes the same page at the same time (pages due while it was down are caught up).
 *
 * Choice (documented in shared/contract/watch.ts): the core does not rewrite wall assignments per
 * page; it emits `rotation` with page, nextPage, prewarmAt and swapAt and each wall follows,
 * pre-warming hidden players and swapping every tile of the page together. One timer for all
 * walls, at the earliest swap; cleared in stop().
 *
 * The groups and the runs are held in memory (read from the store once, written through on each
 * change), so a page turn reads nothing back. What the windows are told is what changed: a group
 * saved or deleted (`onGroups`), and the walls whose view differs from the one last sent
 * (`onRunning`, compared as JSON), never the groups' camera lists at a page turn.
 */
import type { Caller } from '../../../shared/api';
import type {
  RotationChange,
  RotationGroupChange,
  RotationState,
  RunningRotation,
} from '../../../shared/contract/watch';
import {
  nextPage,
  pause,
  previousPage,
  replan,
  resume,
  rotationTiles,
  rotationView,
  startRotation,
  tick,
  type PauseReason,
  type RotationGroup,
  type RotationRun,
} from '../../../shared/domain/watch';
import { VigilError } from '../../../shared/result';
import type { AuditLog } from '../cache/audit-log';
import { Wakeup, type WatchClock } from './watch-clock';
import type { WatchStore } from '../cache/watch-store';

export interface RotationServiceOptions {
  store: WatchStore;
  audit: AuditLog;
  clock: WatchClock;
  /** Tiles of a wall (throws not-found for no such wall). */
  tileCount: (wallId: number) => number;
  isOnline: (cameraId: string) => boolean;
  /** Tiles a rotation must leave alone on a wall: pinned and alert-pulled tiles. */
  reservedTiles: (wallId: number) => ReadonlySet<number>;
  /** A group saved or deleted. */
  onGroups: (change: RotationGroupChange) => void;
  /** Running rotations that changed or stopped (never sent empty). */
  onRunning: (change: RotationChange) => void;
  prewarmMs?: number;
}

export class RotationService {
  /** By id, as stored (read once; written through). */
  private readonly groups = new Map<string, RotationGroup>();
  private readonly runs = new Map<number, RotationRun>();
  /** Each wall's view as last sent to the windows (JSON), to send only what changed. */
  private readonly sent = new Map<number, string>();
  private readonly wakeup: Wakeup;

  constructor(private readonly options: RotationServiceOptions) {
    this.wakeup = new Wakeup(options.clock, () => this.onTimer());
    for (const group of options.store.groups()) this.groups.set(group.id, group);
  }

  start(): void {
    for (const run of this.options.store.runs()) this.runs.set(run.wallId, run);
    // What a window fetching now would get: the first event carries only what changes from it.
    for (const view of this.views()) this.sent.set(view.wallId, JSON.stringify(view));
    this.onTimer();
  }

  stop(): void {
    this.wakeup.clear();
  }

  /** By id, like the store's `ORDER BY id` (ids are ASCII). */
  list(): RotationGroup[] {
    return [...this.groups.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  state(): RotationState {
    return { running: this.views() };
  }

  save(group: RotationGroup, caller: Caller): RotationGroup {
    this.options.tileCount(group.target.wallId);
    this.options.store.saveGroup(group, this.now());
    this.options.audit.record(caller, 'rotation.save', group.id, {
      cameras: group.cameraIds.length,
    });
    this.groups.set(group.id, group);
    this.options.onGroups({ saved: group });
    this.changed();
    return group;
  }

  delete(id: string, caller: Caller): { deleted: boolean } {
    for (const run of [...this.runs.values()]) {
      if (run.groupId === id) this.stopWall(run.wallId, caller);
    }
    const deleted = this.options.store.deleteGroup(id);
    this.groups.delete(id);
    if (deleted) {
      this.options.audit.record(caller, 'rotation.delete', id);
      this.options.onGroups({ deleted: id });
    }
    this.changed();
    return { deleted };
  }

  startGroup(id: string, caller: Caller): RunningRotation {
    const group = this.group(id);
    const tiles = this.tiles(group);
    if (tiles.length === 0) {
      throw new VigilError(
        'bad-input',
        `wall ${group.target.wallId} has no tile free to rotate (all pinned?)`,
      );
    }
    const run = startRotation(group, tiles, this.options.isOnline, this.now());
    this.put(run);
    this.options.audit.record(caller, 'rotation.start', id, { wallId: run.wallId });
    this.changed();
    return this.view(run);
  }

  stopWall(wallId: number, caller: Caller): { stopped: boolean } {
    const stopped = this.runs.delete(wallId);
    this.options.store.deleteRun(wallId);
    if (stopped) this.options.audit.record(caller, 'rotation.stop', `wall ${wallId}`);
    this.changed();
    return { stopped };
  }

  pause(wallId: number, reason: PauseReason): RunningRotation {
    return this.update(wallId, (run) => pause(run, reason, this.now()));
  }

  resume(wallId: number, reason: PauseReason): RunningRotation {
    return this.update(wallId, (run) => resume(run, reason, this.now()));
  }

  /** A wall's enlarge/playback flag; null when nothing rotates on that wall. */
  hold(wallId: number, reason: PauseReason, on: boolean): RunningRotation | null {
    if (!this.runs.has(wallId)) return null;
    return on ? this.pause(wallId, reason) : this.resume(wallId, reason);
  }

  next(wallId: number): RunningRotation {
    return this.update(wallId, (run, g, tiles) =>
      nextPage(run, g, tiles, this.options.isOnline, this.now()),
    );
  }

  previous(wallId: number): RunningRotation {
    return this.update(wallId, (run, g, tiles) =>
      previousPage(run, g, tiles, this.options.isOnline, this.now()),
    );
  }

  /**
   * Pins or pulls changed the free tiles (`tilesChanged`: re-plan current pages now), or a
   * camera's status changed (only the next page may change: a page on show is not reshuffled).
   * Tells the walls only when what they follow changed.
   */
  refresh(tilesChanged: boolean): void {
    for (const run of tilesChanged ? [...this.runs.values()] : []) {
      const group = this.groupOrNull(run.groupId);
      if (!group) continue;
      const next = replan(run, group, this.tiles(group), this.options.isOnline);
      if (JSON.stringify(next.page) !== JSON.stringify(run.page)) this.put(next);
    }
    this.changed();
  }

  // ---- internals ----

  private update(
    wallId: number,
    fn: (run: RotationRun, group: RotationGroup, tiles: number[]) => RotationRun,
  ): RunningRotation {
    const run = this.runs.get(wallId);
    if (!run) throw new VigilError('not-found', `nothing rotates on wall ${wallId}`);
    const group = this.group(run.groupId);
    const next = fn(run, group, this.tiles(group));
    this.put(next);
    this.changed();
    return this.view(next);
  }

  private onTimer(): void {
    const now = this.now();
    let any = false;
    for (const run of [...this.runs.values()]) {
      const group = this.groupOrNull(run.groupId);
      if (!group) {
        this.runs.delete(run.wallId);
        this.options.store.deleteRun(run.wallId);
        any = true;
        continue;
      }
      const next = tick(run, group, this.tiles(group), this.options.isOnline, now);
      if (next !== run) {
        this.put(next);
        any = true;
      }
    }
    if (any) this.changed();
    else this.arm();
  }

  private arm(): void {
    let at: number | null = null;
    for (const run of this.runs.values()) {
      if (run.pauses.length === 0 && (at === null || run.swapAt < at)) at = run.swapAt;
    }
    this.wakeup.at(at);
  }

  /** Re-arms the timer and tells the windows the walls whose view is not the one last sent. */
  private changed(): void {
    this.arm();
    const running: RunningRotation[] = [];
    const stopped: number[] = [];
    const now = new Set<number>();
    for (const view of this.views()) {
      now.add(view.wallId);
      const json = JSON.stringify(view);
      if (this.sent.get(view.wallId) === json) continue;
      this.sent.set(view.wallId, json);
      running.push(view);
    }
    for (const wallId of [...this.sent.keys()]) {
      if (now.has(wallId)) continue;
      this.sent.delete(wallId);
      stopped.push(wallId);
    }
    if (running.length > 0 || stopped.length > 0) this.options.onRunning({ running, stopped });
  }

  private put(run: RotationRun): void {
    this.runs.set(run.wallId, run);
    this.options.store.saveRun(run);
  }

  /** Every running rotation, by wall (a run whose group is gone is left out: the timer ends it). */
  private views(): RunningRotation[] {
    return [...this.runs.values()]
      .filter((r) => this.groups.has(r.groupId))
      .sort((a, b) => a.wallId - b.wallId)
      .map((r) => this.view(r));
  }

  private view(run: RotationRun): RunningRotation {
    const group = this.group(run.groupId);
    return {
      ...rotationView(run, group, this.tiles(group), this.options.isOnline, this.options.prewarmMs),
      name: group.name,
      cameraCount: group.cameraIds.length,
    };
  }

  private tiles(group: RotationGroup): number[] {
    const { wallId } = group.target;
    return rotationTiles(
      group.target,
      this.options.tileCount(wallId),
      this.options.reservedTiles(wallId),
    );
  }

  private groupOrNull(id: string): RotationGroup | null {
    return this.groups.get(id) ?? null;
  }

  private group(id: string): RotationGroup {
    const g = this.groupOrNull(id);
    if (!g) throw new VigilError('not-found', `no rotation group ${id}`);
    return g;
  }

  private now(): number {
    return this.options.clock.now();
  }
}
