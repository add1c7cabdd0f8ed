/**
 * Focus watch (重点盯巡): pins (a camera kept on a wall tile, written through the wall service
 * so the wall shows it, and never rotated out) and alert linkage (an alert with a location pulls
 * the cameras that can see it onto the linkage tiles, with its title, for `pullTtlMs` unless
 * kept). Pins and pulls are persisted; one timer for the earliest expiry, cleared in stop().
 *
 * Alerts are de-duplicated by id: MQTT QoS 1 delivers at least once, and the same alert delivered
 * five times must pull once (not re-pull a dismissed alert, nor take tiles from a newer one). The
 * last `seenAlertsKept` ids are remembered, and an id with a pull stored (a restart) counts too.
 */
import type { Caller, Camera } from '../../../shared/api';
import type { FocusPin, FocusPull, FocusState } from '../../../shared/contract/watch';
import { rankCamerasForPoint } from '../../../shared/domain/watch';
import { VigilError } from '../../../shared/result';
import type { AuditLog } from '../cache/audit-log';
import { Wakeup, type WatchClock } from './watch-clock';
import type { WatchStore } from '../cache/watch-store';

export interface FocusAlert {
  id: string;
  title: string;
  lat: number;
  lng: number;
  cameraId?: string;
}

export interface LinkageConfig {
  wallId: number;
  /** The tiles alerts pull cameras onto (pinned ones are skipped). */
  tileIndices: number[];
  radiusM: number;
  pullTtlMs: number;
}

export const defaultLinkage: LinkageConfig = {
  wallId: 1,
  tileIndices: [0, 1, 2, 3],
  radiusM: 300,
  pullTtlMs: 10 * 60_000,
};

/** How many alert ids are remembered for de-duplication. */
export const seenAlertsKept = 1000;

export interface FocusServiceOptions {
  store: WatchStore;
  audit: AuditLog;
  clock: WatchClock;
  cameras: () => readonly Camera[];
  /** Put the pinned camera on its tile (wall service); throws for a bad wall, tile or camera. */
  assign: (wallId: number, tileIndex: number, cameraId: string, caller: Caller) => void;
  linkage?: Partial<LinkageConfig>;
  /** Tiles of a wall (throws for no such wall): configured linkage tiles beyond it are skipped. */
  tileCount?: (wallId: number) => number;
  onChanged: (state: FocusState) => void;
  log?: (line: string) => void;
}

export class FocusService {
  private readonly wakeup: Wakeup;
  private readonly linkage: LinkageConfig;
  /** Alert ids already handled, oldest first (a Set keeps insertion order). */
  private readonly seenAlerts = new Set<string>();

  constructor(private readonly options: FocusServiceOptions) {
    this.wakeup = new Wakeup(options.clock, () => this.expire());
    this.linkage = { ...defaultLinkage, ...options.linkage };
  }

  start(): void {
    this.expire();
  }

  stop(): void {
    this.wakeup.clear();
  }

  list(): FocusState {
    return { pins: this.options.store.pins(), pulls: this.options.store.pulls() };
  }

  /** Tiles rotation must leave alone on a wall. */
  reservedTiles(wallId: number): Set<number> {
    const s = new Set<number>();
    for (const p of this.options.store.pins()) if (p.wallId === wallId) s.add(p.tileIndex);
    for (const p of this.options.store.pulls()) {
      if (p.wallId === wallId) for (const t of p.tiles) s.add(t.tileIndex);
    }
    return s;
  }

  pin(
    input: {
      wallId: number;
      tileIndex: number;
      cameraId: string;
      reason: string;
      expiresAt: number | null;
    },
    caller: Caller,
  ): FocusState {
    const now = this.now();
    if (input.expiresAt !== null && input.expiresAt <= now) {
      throw new VigilError('bad-input', 'expiresAt: must be in the future');
    }
    this.options.assign(input.wallId, input.tileIndex, input.cameraId, caller);
    const pin: FocusPin = { ...input, pinnedBy: caller.operator, pinnedAt: now };
    this.options.store.savePin(pin);
    // The operator's pin wins over an alert's pull on the same tile: the pull lets go of it.
    this.dropPulledTiles(input.wallId, [input.tileIndex]);
    this.options.audit.record(caller, 'focus.pin', input.cameraId, {
      wallId: input.wallId,
      tile: input.tileIndex,
    });
    return this.changed();
  }

  /**
   * The operator put cameras on these tiles (assign, swap, a group, a view): an alert's pull lets
   * go of them, so the wall shows what the desk shows. A pin's own assignment lands here too.
   */
  releaseTiles(wallId: number, tileIndices: readonly number[]): void {
    if (this.dropPulledTiles(wallId, tileIndices)) this.changed();
  }

  /**
   * The watcher follows a suspect camera to camera on a pulled tile (tile.follow): the tile stays
   * the pull's (an incident's or an alert's), titled as before, now with the camera followed to,
   * instead of being let go as an operator's own assignment is. Call with the pull taken before
   * the assignment (`pullOn`), after it.
   */
  followed(before: FocusPull | null, tileIndex: number, cameraId: string, distanceM: number): void {
    if (!before) return;
    const now = this.options.store.pulls().find((p) => p.alertId === before.alertId);
    const kept = (now ?? before).tiles.filter((t) => t.tileIndex !== tileIndex);
    const was = before.tiles.find((t) => t.tileIndex === tileIndex);
    const tiles = [
      ...kept,
      { tileIndex, cameraId, distanceM: Math.round(distanceM), reason: was?.reason ?? 'follow' },
    ].sort((a, b) => a.tileIndex - b.tileIndex);
    this.options.store.savePull({ ...(now ?? before), tiles });
    this.changed();
  }

  /** The pull a tile of a wall belongs to, or null. */
  pullOn(wallId: number, tileIndex: number): FocusPull | null {
    return (
      this.options.store
        .pulls()
        .find((p) => p.wallId === wallId && p.tiles.some((t) => t.tileIndex === tileIndex)) ?? null
    );
  }

  private dropPulledTiles(wallId: number, tileIndices: readonly number[]): boolean {
    let dropped = false;
    for (const pull of this.options.store.pulls()) {
      if (pull.wallId !== wallId) continue;
      const tiles = pull.tiles.filter((t) => !tileIndices.includes(t.tileIndex));
      if (tiles.length === pull.tiles.length) continue;
      dropped = true;
      if (tiles.length === 0) this.options.store.deletePull(pull.alertId);
      else this.options.store.savePull({ ...pull, tiles });
    }
    return dropped;
  }

  unpin(wallId: number, tileIndex: number, caller: Caller): FocusState {
    if (!this.options.store.deletePin(wallId, tileIndex)) {
      throw new VigilError('not-found', `no pin on wall ${wallId} tile ${tileIndex}`);
    }
    this.options.audit.record(caller, 'focus.unpin', `wall ${wallId} tile ${tileIndex}`);
    return this.changed();
  }

  keep(alertId: string, caller: Caller): FocusState {
    const pull = this.pull(alertId);
    this.options.store.savePull({ ...pull, expiresAt: null });
    this.options.audit.record(caller, 'focus.keep', alertId);
    return this.changed();
  }

  dismiss(alertId: string, caller: Caller): FocusState {
    this.pull(alertId);
    this.options.store.deletePull(alertId);
    this.options.audit.record(caller, 'focus.dismiss', alertId);
    return this.changed();
  }

  /**
   * An alert arrived (MQTT vigil/alerts) or an incident was opened at a place. `wallId` puts
   * the pull on another wall's linkage tiles than the configured one (the desk's incident.focus).
   */
  onAlert(alert: FocusAlert & { wallId?: number }): FocusPull | null {
    if (this.seenAlerts.has(alert.id)) return null;
    this.seenAlerts.add(alert.id);
    if (this.seenAlerts.size > seenAlertsKept) {
      const oldest = this.seenAlerts.values().next().value;
      if (oldest !== undefined) this.seenAlerts.delete(oldest);
    }
    if (this.options.store.pulls().some((p) => p.alertId === alert.id)) return null;
    const { tileIndices, radiusM, pullTtlMs } = this.linkage;
    const wallId = alert.wallId ?? this.linkage.wallId;
    const pinned = new Set(
      this.options.store
        .pins()
        .filter((p) => p.wallId === wallId)
        .map((p) => p.tileIndex),
    );
    const kept = this.options.store
      .pulls()
      .filter((p) => p.wallId === wallId && p.expiresAt === null);
    const keptTiles = new Set(kept.flatMap((p) => p.tiles.map((t) => t.tileIndex)));
    let tiles = Infinity;
    try {
      tiles = this.options.tileCount?.(wallId) ?? Infinity;
    } catch {
      this.options.log?.(`focus: alert ${alert.id}: linkage wall ${wallId} does not exist`);
      return null;
    }
    const free = tileIndices.filter((t) => t < tiles && !pinned.has(t) && !keptTiles.has(t));
    if (free.length === 0) {
      this.options.log?.(`focus: alert ${alert.id}: no free linkage tile on wall ${wallId}`);
      return null;
    }
    const ranked = rankCamerasForPoint(this.options.cameras(), alert, {
      radiusM,
      limit: free.length,
      skipOffline: true,
    });
    if (ranked.length === 0) return null;
    const now = this.now();
    const pull: FocusPull = {
      alertId: alert.id,
      title: alert.title,
      lat: alert.lat,
      lng: alert.lng,
      wallId,
      tiles: ranked.map((c, i) => ({
        tileIndex: free[i] as number,
        cameraId: c.cameraId,
        distanceM: Math.round(c.distanceM),
        reason: c.reason,
      })),
      pulledAt: now,
      expiresAt: now + pullTtlMs,
    };
    // The newest alert takes the linkage tiles over from older pulls that were not kept.
    for (const p of this.options.store.pulls()) {
      if (p.wallId === wallId && p.expiresAt !== null) this.options.store.deletePull(p.alertId);
    }
    this.options.store.savePull(pull);
    this.changed();
    return pull;
  }

  private pull(alertId: string): FocusPull {
    const p = this.options.store.pulls().find((x) => x.alertId === alertId);
    if (!p) throw new VigilError('not-found', `no focus tiles for alert ${alertId}`);
    return p;
  }

  private expire(): void {
    const now = this.now();
    let changed = false;
    for (const p of this.options.store.pins()) {
      if (p.expiresAt !== null && p.expiresAt <= now) {
        changed = this.options.store.deletePin(p.wallId, p.tileIndex) || changed;
      }
    }
    for (const p of this.options.store.pulls()) {
      if (p.expiresAt !== null && p.expiresAt <= now) {
        changed = this.options.store.deletePull(p.alertId) || changed;
      }
    }
    if (changed) this.changed();
    else this.arm();
  }

  private arm(): void {
    let at: number | null = null;
    const all = [...this.options.store.pins(), ...this.options.store.pulls()];
    for (const x of all)
      if (x.expiresAt !== null && (at === null || x.expiresAt < at)) at = x.expiresAt;
    this.wakeup.at(at);
  }

  private changed(): FocusState {
    this.arm();
    const state = this.list();
    this.options.onChanged(state);
    return state;
  }

  private now(): number {
    return this.options.clock.now();
  }
}

/**
 * What a pull did, as the desk's `incident.focus` answers it: the cameras pulled and the focus
 * wall's tiles they were put on, in the same order (the desk plays those tiles back in sync).
 * No pull (no camera sees the point, no free tile): nothing, on `wallId`.
 */
export function pulledOnto(
  pull: FocusPull | null,
  wallId: number,
): { cameraIds: string[]; wallId: number; tileIndexes: number[] } {
  if (!pull) return { cameraIds: [], wallId, tileIndexes: [] };
  return {
    cameraIds: pull.tiles.map((t) => t.cameraId),
    wallId: pull.wallId,
    tileIndexes: pull.tiles.map((t) => t.tileIndex),
  };
}
