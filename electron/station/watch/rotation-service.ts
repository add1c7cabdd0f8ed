/**
 * Automatic rotation (自动轮巡) in the core: groups are persisted; each running rotation (one per
 * wall) is persisted at every page, so a reloaded wall asks `rotation.state` and a restarted core
 * resumes the same page at the same time (pages due while it was down are caught up).
 *
 * Choice (documented in shared/contract/watch.ts): the core does not rewrite wall assignments per
 * page; it emits `rotation` with page, nextPage, prewarmAt and swapAt and each wall follows,
 * pre-warming hidden players and swapping every tile of the page together. One timer for all
 * walls, at the earliest swap; cleared in stop().
 */
import type { Caller } from '../../../shared/api';
import type { RotationState } from '../../../shared/contract/watch';
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
  type RotationView,
} from '../../../shared/domain/watch';
import { VigilError } from '../../../shared/result';
import type { AuditLog } from '../cache/audit-log';
import { Wakeup, type WatchClock } from './watch-clock';
import type { WatchStore } from './watch-store';

export interface RotationServiceOptions {
  store: WatchStore;
  audit: AuditLog;
  clock: WatchClock;
  /** Tiles of a wall (throws not-found for no such wall). */
  tileCount: (wallId: number) => number;
  isOnline: (cameraId: string) => boolean;
  /** Tiles a rotation must leave alone on a wall: pinned and alert-pulled tiles. */
  reservedTiles: (wallId: number) => ReadonlySet<number>;
  onChanged: (state: RotationState) => void;
  prewarmMs?: number;
}

export class RotationService {
  private readonly runs = new Map<number, RotationRun>();
  private readonly wakeup: Wakeup;

  constructor(private readonly options: RotationServiceOptions) {
    this.wakeup = new Wakeup(options.clock, () => this.onTimer());
  }

  start(): void {
    for (const run of this.options.store.runs()) this.runs.set(run.wallId, run);
    this.onTimer();
  }

  stop(): void {
    this.wakeup.clear();
  }

  list(): RotationGroup[] {
    return this.options.store.groups();
  }

  state(): RotationState {
    return { groups: this.list(), running: this.views() };
  }

  save(group: RotationGroup, caller: Caller): RotationGroup {
    this.options.tileCount(group.target.wallId);
    this.options.store.saveGroup(group, this.now());
    this.options.audit.record(caller, 'rotation.save', group.id, {
      cameras: group.cameraIds.length,
    });
    this.changed();
    return group;
  }

  delete(id: string, caller: Caller): { deleted: boolean } {
    for (const run of [...this.runs.values()]) {
      if (run.groupId === id) this.stopWall(run.wallId, caller);
    }
    const deleted = this.options.store.deleteGroup(id);
    if (deleted) this.options.audit.record(caller, 'rotation.delete', id);
    this.changed();
    return { deleted };
  }

  startGroup(id: string, caller: Caller): RotationView {
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

  pause(wallId: number, reason: PauseReason): RotationView {
    return this.update(wallId, (run) => pause(run, reason, this.now()));
  }

  resume(wallId: number, reason: PauseReason): RotationView {
    return this.update(wallId, (run) => resume(run, reason, this.now()));
  }

  /** A wall's enlarge/playback flag; null when nothing rotates on that wall. */
  hold(wallId: number, reason: PauseReason, on: boolean): RotationView | null {
    if (!this.runs.has(wallId)) return null;
    return on ? this.pause(wallId, reason) : this.resume(wallId, reason);
  }

  next(wallId: number): RotationView {
    return this.update(wallId, (run, g, tiles) =>
      nextPage(run, g, tiles, this.options.isOnline, this.now()),
    );
  }

  previous(wallId: number): RotationView {
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
    const before = JSON.stringify(this.views());
    for (const run of tilesChanged ? [...this.runs.values()] : []) {
      const group = this.groupOrNull(run.groupId);
      if (!group) continue;
      const next = replan(run, group, this.tiles(group), this.options.isOnline);
      if (JSON.stringify(next.page) !== JSON.stringify(run.page)) this.put(next);
    }
    if (JSON.stringify(this.views()) !== before) this.changed();
  }

  // ---- internals ----

  private update(
    wallId: number,
    fn: (run: RotationRun, group: RotationGroup, tiles: number[]) => RotationRun,
  ): RotationView {
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

  private changed(): void {
    this.arm();
    this.options.onChanged(this.state());
  }

  private put(run: RotationRun): void {
    this.runs.set(run.wallId, run);
    this.options.store.saveRun(run);
  }

  private views(): RotationView[] {
    return [...this.runs.values()].sort((a, b) => a.wallId - b.wallId).map((r) => this.view(r));
  }

  private view(run: RotationRun): RotationView {
    const group = this.groupOrNull(run.groupId);
    if (!group) throw new VigilError('not-found', `no rotation group ${run.groupId}`);
    return rotationView(
      run,
      group,
      this.tiles(group),
      this.options.isOnline,
      this.options.prewarmMs,
    );
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
    return this.options.store.groups().find((g) => g.id === id) ?? null;
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
