/**
 * Patrol units on the map: the latest fix of each (restored from the cache at start, then live
 * from MQTT), whether it is stale (no fix for 30 s) or offline (10 min), its status, and the
 * vehicle / body camera it carries. Changes go out as one `units` event a second with every unit
 * that changed, never one event per fix (400 units at 1 Hz).
 *
 * Staleness is measured on the station's clock from when a fix arrived (a fix restored from the
 * cache counts as arriving at its own time), so a platform clock that is off does not make every
 * unit stale.
 *
 * A late fix (older than the unit's latest: a tracker that buffered in a tunnel) goes into the
 * track but never moves the unit back. At start, a latest dated beyond the allowed clock skew (a
 * cache written before such fixes were refused) is healed first (PositionStore.healFuture), so
 * real fixes become the latest again. Units the ingest's prune forgets (no fix within the
 * retention) leave the memory too.
 */
import type { Catalog } from '../../../shared/api';
import type { UnitState, UnitStatus } from '../../../shared/contract/map';
import { maxFutureSkewMs, type UnitPosition } from '../upstream/realtime-payloads';
import type { PositionIngest } from './position-ingest';
import type { PositionStore } from '../cache/position-store';

export const staleAfterMs = 30_000;
export const offlineAfterMs = 10 * 60_000;

export interface UnitServiceOptions {
  store: PositionStore;
  ingest: PositionIngest;
  /** The catalog now (to link a unit to its camera by call sign). */
  catalog: () => Catalog | null;
  onChanged: (units: UnitState[]) => void;
  /** ms between `units` events. Default 1000. */
  tickMs?: number;
  now?: () => number;
}

interface Tracked {
  state: UnitState;
  receivedAt: number;
  /** Set by dispatch; null means "derive from the fix age". */
  assigned: Exclude<UnitStatus, 'offline'>;
}

export class UnitService {
  private readonly units = new Map<string, Tracked>();
  private readonly changed = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private cameraIndex: { version: string; byCallSign: Map<string, string> } | null = null;
  private readonly now: () => number;

  constructor(private readonly options: UnitServiceOptions) {
    this.now = options.now ?? Date.now;
    options.store.healFuture(this.now() + maxFutureSkewMs);
    for (const u of options.store.units()) {
      const { callSign: _c, ...rest } = u;
      this.units.set(u.unitId, {
        state: { ...rest, callSign: u.callSign, status: 'available', stale: true, cameraId: null },
        receivedAt: u.at,
        assigned: 'available',
      });
    }
    this.refresh(false);
    options.ingest.onUnitsPruned((cutoffMs) => this.forgetOlderThan(cutoffMs));
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.options.tickMs ?? 1000);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * One fix from MQTT (already validated, and within the `at` limits). Every fix goes to the
   * track; a late one (older than the unit's latest) leaves the unit where it is.
   */
  onFix(p: UnitPosition): void {
    this.options.ingest.add(p);
    const previous = this.units.get(p.unitId);
    if (previous && previous.state.at > p.at) return; // late: stored in the track only
    const t: Tracked = previous ?? {
      state: { ...p, status: 'available', stale: false, cameraId: null },
      receivedAt: 0,
      assigned: 'available',
    };
    t.state = { ...t.state, ...p, stale: false, status: t.assigned };
    t.receivedAt = this.now();
    this.units.set(p.unitId, t);
    this.changed.add(p.unitId);
  }

  /** Dispatch marks a unit busy (on an order) or available again. */
  setStatus(unitId: string, status: 'available' | 'busy'): boolean {
    const t = this.units.get(unitId);
    if (!t) return false;
    t.assigned = status;
    this.changed.add(unitId);
    return true;
  }

  list(): UnitState[] {
    this.refresh(true);
    return [...this.units.values()].map((t) => this.withCamera(t.state));
  }

  get(unitId: string): UnitState | undefined {
    const t = this.units.get(unitId);
    return t ? this.withCamera(t.state) : undefined;
  }

  /** Forgets units whose latest fix is older than `cutoffMs`; returns how many. */
  forgetOlderThan(cutoffMs: number): number {
    let n = 0;
    for (const [id, t] of this.units) {
      if (t.state.at >= cutoffMs) continue;
      this.units.delete(id);
      this.changed.delete(id);
      n++;
    }
    return n;
  }

  /** Emits the units that changed since the last tick (positions, stale flags, statuses). */
  tick(): void {
    this.refresh(true);
    if (this.changed.size === 0) return;
    const out: UnitState[] = [];
    for (const id of this.changed) {
      const t = this.units.get(id);
      if (t) out.push(this.withCamera(t.state));
    }
    this.changed.clear();
    this.options.onChanged(out);
  }

  /** Recomputes stale and status from the fix age; marks changes when `mark`. */
  private refresh(mark: boolean): void {
    const now = this.now();
    for (const [id, t] of this.units) {
      const age = now - t.receivedAt;
      const stale = age > staleAfterMs;
      const status: UnitStatus = age > offlineAfterMs ? 'offline' : t.assigned;
      if (stale !== t.state.stale || status !== t.state.status) {
        t.state = { ...t.state, stale, status };
        if (mark) this.changed.add(id);
      }
    }
  }

  /**
   * The camera a unit carries: docs/protocol.md "Map geometry" — a vehicle or body camera whose
   * name ends with the unit's call sign (车载图传 巡007).
   */
  private withCamera(state: UnitState): UnitState {
    const catalog = this.options.catalog();
    if (!catalog) return state;
    if (this.cameraIndex?.version !== catalog.version) {
      const byCallSign = new Map<string, string>();
      for (const c of catalog.cameras) {
        if (c.kind !== 'vehicle' && c.kind !== 'body') continue;
        const sign = c.name.split(/\s+/).at(-1);
        if (sign) byCallSign.set(sign, c.id);
      }
      this.cameraIndex = { version: catalog.version, byCallSign };
    }
    const cameraId = this.cameraIndex.byCallSign.get(state.callSign) ?? null;
    return cameraId === state.cameraId ? state : { ...state, cameraId };
  }
}
