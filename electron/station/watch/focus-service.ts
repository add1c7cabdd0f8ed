/**
 * Focus watch (重点盯巡): pins (a camera kept on a wall tile, written through the wall service
 * so the wall shows it, and never rotated out) and alert linkage (an alert with a location pulls
 * the cameras that can see it onto the linkage tiles, with its title, for `pullTtlMs` unless
 * kept). Pins and pulls are persisted; one timer for the earliest expiry, cleared in stop().
 *
 * Alerts are de-duplicated by id: MQTT QoS 1 delivers at least once, and the same alert delivered
 * five times must pull once (not re-pull a dismissed alert, nor take tiles from a newer one). The
 * last `seenAlertsKept` ids are remembered, and an id with a pull stored (a restart) counts too.
 *
 * An alert is never only logged (issue #15): one that cannot be shown (every linkage tile pinned
 * or kept, the free ones just arranged by the operator, no camera sees it) or whose tiles a newer
 * alert took is listed in `unshown` (the desk lists it, to show or dismiss; the wall counts it)
 * until its pull's time runs out. A tile the operator put a camera on in the last
 * `arrangedHoldMs` is not taken by a pull unless the operator asks (focus.show, incident.focus);
 * the pull says how many cameras it held back for that.
 */
import type { Caller, Camera } from '../../../shared/api';
import type {
  FocusPin,
  FocusPull,
  FocusState,
  UnshownAlert,
  UnshownReason,
} from '../../../shared/contract/watch';
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
  /** A tile the operator put a camera on this recently is not taken by a pull unasked. */
  arrangedHoldMs: number;
}

export const defaultLinkage: LinkageConfig = {
  wallId: 1,
  tileIndices: [0, 1, 2, 3],
  radiusM: 300,
  pullTtlMs: 10 * 60_000,
  arrangedHoldMs: 5 * 60_000,
};

/** What a pull is made from: an alert (or an incident) at a place, for a wall. */
type AlertPlace = Pick<UnshownAlert, 'alertId' | 'title' | 'lat' | 'lng' | 'wallId' | 'cameraId'>;

/** How many alerts not on the wall are listed at most (the oldest go first). */
export const unshownKept = 100;

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
  /** Alerts not on the wall, oldest first (in memory: the alerts themselves are kept by id). */
  private unshown: UnshownAlert[] = [];
  /** When the operator last put a camera on a tile: `${wallId}:${tileIndex}` → ms. */
  private readonly arrangedAt = new Map<string, number>();

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
    return {
      pins: this.options.store.pins(),
      pulls: this.options.store.pulls(),
      unshown: [...this.unshown],
    };
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
    const now = this.now();
    for (const t of tileIndices) this.arrangedAt.set(`${wallId}:${t}`, now);
    if (this.dropPulledTiles(wallId, tileIndices)) this.changed();
  }

  /** Tiles of a wall the operator put a camera on within `arrangedHoldMs`. */
  private arrangedTiles(wallId: number): Set<number> {
    const since = this.now() - this.linkage.arrangedHoldMs;
    const tiles = new Set<number>();
    for (const [key, at] of this.arrangedAt) {
      if (at <= since) {
        this.arrangedAt.delete(key);
        continue;
      }
      const [w, t] = key.split(':').map(Number);
      if (w === wallId && t !== undefined) tiles.add(t);
    }
    return tiles;
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

  /** Takes an alert off the wall, or off the list of alerts not on it. */
  dismiss(alertId: string, caller: Caller): FocusState {
    const listed = this.unshown.some((u) => u.alertId === alertId);
    if (listed) this.unshown = this.unshown.filter((u) => u.alertId !== alertId);
    else this.pull(alertId);
    this.options.store.deletePull(alertId);
    this.options.audit.record(caller, 'focus.dismiss', alertId);
    return this.changed();
  }

  /**
   * The operator asks for an alert that is not on the wall to be shown: it is pulled now, onto
   * tiles he arranged too (never pinned or kept ones). Throws when still nothing can be shown.
   */
  show(alertId: string, caller: Caller): FocusState {
    const entry = this.unshown.find((u) => u.alertId === alertId);
    if (!entry) throw new VigilError('not-found', `alert ${alertId} is not waiting to be shown`);
    const pull = this.place(entry, { asked: true });
    if (!pull) {
      const again = this.unshown.find((u) => u.alertId === alertId);
      throw new VigilError(
        'unavailable',
        again?.reason === 'no-camera'
          ? `alert ${alertId}: no online camera sees it`
          : again?.reason === 'no-wall'
            ? `alert ${alertId}: wall ${entry.wallId} does not exist`
            : `alert ${alertId}: every linkage tile of wall ${entry.wallId} is pinned or kept`,
      );
    }
    this.options.audit.record(caller, 'focus.show', alertId, {
      wallId: pull.wallId,
      tiles: pull.tiles.map((t) => t.tileIndex),
    });
    return this.list();
  }

  /**
   * An alert arrived (MQTT vigil/alerts) or an incident was opened at a place. `wallId` puts
   * the pull on another wall's linkage tiles than the configured one (the desk's incident.focus).
   * `asked`: the operator asked for it (incident.focus), so tiles he just arranged may be taken.
   * An alert that cannot be shown is listed in `unshown`, never only logged.
   */
  onAlert(
    alert: FocusAlert & { wallId?: number },
    opts: { asked?: boolean } = {},
  ): FocusPull | null {
    if (this.seenAlerts.has(alert.id)) return null;
    this.seenAlerts.add(alert.id);
    if (this.seenAlerts.size > seenAlertsKept) {
      const oldest = this.seenAlerts.values().next().value;
      if (oldest !== undefined) this.seenAlerts.delete(oldest);
    }
    if (this.options.store.pulls().some((p) => p.alertId === alert.id)) return null;
    const wallId = alert.wallId ?? this.linkage.wallId;
    return this.place(
      {
        alertId: alert.id,
        title: alert.title,
        lat: alert.lat,
        lng: alert.lng,
        wallId,
        ...(alert.cameraId === undefined ? {} : { cameraId: alert.cameraId }),
      },
      opts,
    );
  }

  /** Pulls an alert onto its wall's linkage tiles, or lists it as not shown (and says why). */
  private place(alert: AlertPlace, { asked = false }: { asked?: boolean }): FocusPull | null {
    const { tileIndices, radiusM, pullTtlMs } = this.linkage;
    const { wallId } = alert;
    const pinned = new Set(
      this.options.store
        .pins()
        .filter((p) => p.wallId === wallId)
        .map((p) => p.tileIndex),
    );
    const kept = this.options.store
      .pulls()
      .filter((p) => p.wallId === wallId && p.expiresAt === null && p.alertId !== alert.alertId);
    const keptTiles = new Set(kept.flatMap((p) => p.tiles.map((t) => t.tileIndex)));
    let tiles = Infinity;
    try {
      tiles = this.options.tileCount?.(wallId) ?? Infinity;
    } catch {
      this.options.log?.(`focus: alert ${alert.alertId}: linkage wall ${wallId} does not exist`);
      return this.notShown(alert, 'no-wall', 0);
    }
    const free = tileIndices.filter((t) => t < tiles && !pinned.has(t) && !keptTiles.has(t));
    if (free.length === 0) {
      this.options.log?.(`focus: alert ${alert.alertId}: no free linkage tile on wall ${wallId}`);
      return this.notShown(alert, 'no-free-tile', 0);
    }
    const ranked = rankCamerasForPoint(this.options.cameras(), alert, {
      radiusM,
      limit: free.length,
      skipOffline: true,
    });
    if (ranked.length === 0) {
      this.options.log?.(`focus: alert ${alert.alertId}: no online camera within ${radiusM} m`);
      return this.notShown(alert, 'no-camera', 0);
    }
    const arranged = asked ? new Set<number>() : this.arrangedTiles(wallId);
    const open = free.filter((t) => !arranged.has(t));
    const placed = ranked.slice(0, open.length);
    const heldBack = ranked.length - placed.length;
    if (placed.length === 0) {
      this.options.log?.(
        `focus: alert ${alert.alertId}: its ${heldBack} tile(s) on wall ${wallId} were just arranged by the operator`,
      );
      return this.notShown(alert, 'arranged', heldBack);
    }
    const now = this.now();
    const pull: FocusPull = {
      alertId: alert.alertId,
      title: alert.title,
      lat: alert.lat,
      lng: alert.lng,
      wallId,
      tiles: placed.map((c, i) => ({
        tileIndex: open[i] as number,
        cameraId: c.cameraId,
        distanceM: Math.round(c.distanceM),
        reason: c.reason,
      })),
      pulledAt: now,
      expiresAt: now + pullTtlMs,
      ...(heldBack > 0 ? { heldBack } : {}),
    };
    // The newest alert takes the linkage tiles over from older pulls that were not kept; those
    // are listed as not shown (replaced), to be shown again from the desk.
    for (const p of this.options.store.pulls()) {
      if (p.wallId === wallId && p.expiresAt !== null && p.alertId !== pull.alertId) {
        this.options.store.deletePull(p.alertId);
        this.listUnshown(p, 'replaced', 0, now);
      }
    }
    this.unshown = this.unshown.filter((u) => u.alertId !== pull.alertId);
    this.options.store.savePull(pull);
    this.changed();
    return pull;
  }

  private notShown(alert: AlertPlace, reason: UnshownReason, heldBack: number): null {
    this.listUnshown(alert, reason, heldBack, this.now());
    this.changed();
    return null;
  }

  private listUnshown(
    alert: AlertPlace,
    reason: UnshownReason,
    heldBack: number,
    now: number,
  ): void {
    const entry: UnshownAlert = {
      alertId: alert.alertId,
      title: alert.title,
      lat: alert.lat,
      lng: alert.lng,
      wallId: alert.wallId,
      ...(alert.cameraId === undefined ? {} : { cameraId: alert.cameraId }),
      reason,
      heldBack,
      at: now,
      expiresAt: now + this.linkage.pullTtlMs,
    };
    this.unshown = [...this.unshown.filter((u) => u.alertId !== alert.alertId), entry].slice(
      -unshownKept,
    );
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
    const listed = this.unshown.length;
    this.unshown = this.unshown.filter((u) => u.expiresAt > now);
    changed = changed || this.unshown.length !== listed;
    if (changed) this.changed();
    else this.arm();
  }

  private arm(): void {
    let at: number | null = null;
    const all = [...this.options.store.pins(), ...this.options.store.pulls(), ...this.unshown];
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
