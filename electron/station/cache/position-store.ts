/**
 * Unit positions in the cache (migration 003): batched inserts, the latest fix of each unit,
 * track ranges, and pruning by age. The only code that writes unit_positions and units_seen.
 *
 * A late fix (older than the unit's latest) is stored in the track like any other; the latest
 * (units_seen) only ever moves forward. A fix repeated (same unit, same `at`) is stored once.
 */
import type { Statement } from 'better-sqlite3';
import type { TrackPoint } from '../../../shared/contract/map';
import type { UnitFix, UnitKind } from '../../../shared/contract/platform';
import type { CacheDatabase } from './database';

/** One fix as stored: the platform's unit fix (shared/contract/platform.ts). */
export type PositionRow = UnitFix;

/** A fix of a track as read back (no unit fields). */
export type StoredFix = TrackPoint;

export type SeenUnit = PositionRow;

export interface Box {
  south: number;
  west: number;
  north: number;
  east: number;
}

const boxParams = (
  unitId: string,
  fromMs: number,
  toMs: number,
  box: Box,
): [string, number, number, number, number, number, number] => [
  unitId,
  fromMs,
  toMs,
  box.south,
  box.north,
  box.west,
  box.east,
];

/** Fixes as columns (trackColumnsInBox). */
export interface TrackColumns {
  length: number;
  at: Float64Array;
  lat: Float64Array;
  lng: Float64Array;
  speed: Float32Array;
}

export class PositionStore {
  private readonly insert: Statement<[string, number, number, number, number, number]>;
  private readonly seen: Statement<
    [string, string, string, number, number, number, number, number]
  >;
  private readonly rangeStmt: Statement<[string, number, number]>;
  private readonly boxStmt: Statement<[string, number, number, number, number, number, number]>;
  private readonly boxColumns: Statement<[string, number, number, number, number, number, number]>;
  private readonly countRange: Statement<[string, number, number]>;
  private readonly anyRange: Statement<[string, number, number]>;
  private readonly pruneStmt: Statement<[string, number]>;
  private readonly insertBatch: (rows: readonly PositionRow[]) => number;

  constructor(private readonly db: CacheDatabase) {
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO unit_positions (unit_id, at, lat, lng, heading, speed) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.seen = db.prepare(`
      INSERT INTO units_seen (unit_id, call_sign, kind, lat, lng, heading, speed, at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (unit_id) DO UPDATE SET
        call_sign = excluded.call_sign, kind = excluded.kind, lat = excluded.lat,
        lng = excluded.lng, heading = excluded.heading, speed = excluded.speed, at = excluded.at
      WHERE excluded.at >= units_seen.at`);
    this.rangeStmt = db.prepare(
      'SELECT at, lat, lng, heading, speed FROM unit_positions WHERE unit_id = ? AND at >= ? AND at <= ? ORDER BY at',
    );
    this.boxStmt = db.prepare(`
      SELECT at, lat, lng, heading, speed FROM unit_positions
      WHERE unit_id = ? AND at >= ? AND at <= ?
        AND lat BETWEEN ? AND ? AND lng BETWEEN ? AND ?
      ORDER BY at`);
    this.boxColumns = db
      .prepare(
        `SELECT at, lat, lng, speed FROM unit_positions
         WHERE unit_id = ? AND at >= ? AND at <= ?
           AND lat BETWEEN ? AND ? AND lng BETWEEN ? AND ?
         ORDER BY at`,
      )
      .raw(true);
    this.anyRange = db.prepare(
      'SELECT 1 FROM unit_positions WHERE unit_id = ? AND at >= ? AND at <= ? LIMIT 1',
    );
    this.countRange = db.prepare(
      'SELECT count(*) AS n FROM unit_positions WHERE unit_id = ? AND at >= ? AND at <= ?',
    );
    this.pruneStmt = db.prepare('DELETE FROM unit_positions WHERE unit_id = ? AND at < ?');
    // One transaction per batch: one WAL append (and one fsync) for hundreds of fixes.
    this.insertBatch = db.transaction((rows: readonly PositionRow[]) => {
      let inserted = 0;
      const latest = new Map<string, PositionRow>();
      for (const r of rows) {
        inserted += this.insert.run(r.unitId, r.at, r.lat, r.lng, r.heading, r.speed).changes;
        const prev = latest.get(r.unitId);
        if (!prev || prev.at <= r.at) latest.set(r.unitId, r);
      }
      for (const r of latest.values()) {
        this.seen.run(r.unitId, r.callSign, r.kind, r.lat, r.lng, r.heading, r.speed, r.at);
      }
      return inserted;
    });
  }

  /** Stores a batch in one transaction; returns how many rows were new. */
  add(rows: readonly PositionRow[]): number {
    if (rows.length === 0) return 0;
    return this.insertBatch(rows);
  }

  /** Every unit ever seen, with its latest fix. */
  units(): SeenUnit[] {
    return (
      this.db
        .prepare(
          'SELECT unit_id, call_sign, kind, lat, lng, heading, speed, at FROM units_seen ORDER BY unit_id',
        )
        .all() as {
        unit_id: string;
        call_sign: string;
        kind: UnitKind;
        lat: number;
        lng: number;
        heading: number;
        speed: number;
        at: number;
      }[]
    ).map((r) => ({
      unitId: r.unit_id,
      callSign: r.call_sign,
      kind: r.kind,
      lat: r.lat,
      lng: r.lng,
      heading: r.heading,
      speed: r.speed,
      at: r.at,
    }));
  }

  /** A unit's fixes in [fromMs, toMs], oldest first. */
  track(unitId: string, fromMs: number, toMs: number): StoredFix[] {
    return this.rangeStmt.all(unitId, fromMs, toMs) as StoredFix[];
  }

  /** A unit's fixes in [fromMs, toMs] inside a lat/lng box, oldest first. */
  trackInBox(unitId: string, fromMs: number, toMs: number, box: Box): StoredFix[] {
    return this.boxStmt.all(...boxParams(unitId, fromMs, toMs, box)) as StoredFix[];
  }

  /**
   * A unit's fixes in [fromMs, toMs] inside a box as columns (at, lat, lng, speed), oldest first:
   * for scans over days of 1 Hz fixes (the weekly scores), without an object per fix.
   */
  trackColumnsInBox(unitId: string, fromMs: number, toMs: number, box: Box): TrackColumns {
    const rows = this.boxColumns.all(...boxParams(unitId, fromMs, toMs, box)) as [
      number,
      number,
      number,
      number,
    ][];
    const n = rows.length;
    const out: TrackColumns = {
      length: n,
      at: new Float64Array(n),
      lat: new Float64Array(n),
      lng: new Float64Array(n),
      speed: new Float32Array(n),
    };
    for (let i = 0; i < n; i++) {
      const r = rows[i] as [number, number, number, number];
      out.at[i] = r[0];
      out.lat[i] = r[1];
      out.lng[i] = r[2];
      out.speed[i] = r[3];
    }
    return out;
  }

  /** Whether the unit has any fix in [fromMs, toMs] (one index probe, not a count). */
  hasTrack(unitId: string, fromMs: number, toMs: number): boolean {
    return this.anyRange.get(unitId, fromMs, toMs) !== undefined;
  }

  countTrack(unitId: string, fromMs: number, toMs: number): number {
    return (this.countRange.get(unitId, fromMs, toMs) as { n: number }).n;
  }

  /** All rows (tests and the bench; a full count of a big table takes a while). */
  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM unit_positions').get() as { n: number }).n;
  }

  /** Ids of every unit ever seen. */
  unitIds(): string[] {
    return this.db.prepare('SELECT unit_id FROM units_seen').pluck().all() as string[];
  }

  /** Deletes one unit's fixes older than `cutoffMs`; returns rows deleted. */
  pruneUnit(unitId: string, cutoffMs: number): number {
    return this.pruneStmt.run(unitId, cutoffMs).changes;
  }

  /**
   * Units whose latest fix is older than `cutoffMs` (gone for longer than the retention, or ids
   * published once and never again) are forgotten: their row in units_seen and any fixes left.
   * Returns their ids.
   */
  pruneUnits(cutoffMs: number): string[] {
    return this.db.transaction(() => {
      const ids = this.db
        .prepare('DELETE FROM units_seen WHERE at < ? RETURNING unit_id')
        .pluck()
        .all(cutoffMs) as string[];
      for (const id of ids) this.pruneUnit(id, cutoffMs);
      return ids;
    })();
  }

  /**
   * Heals a cache written before future-dated fixes were refused: fixes later than `limitMs`
   * (the station's clock plus the allowed skew) are deleted, and each such unit's latest becomes
   * its newest fix left (the unit is forgotten if none is left). Without this, one fix dated a
   * year ahead would stay the unit's latest, and no real fix could replace it. Returns the units
   * healed.
   */
  healFuture(limitMs: number): string[] {
    return this.db.transaction(() => {
      const ids = this.db
        .prepare('SELECT unit_id FROM units_seen WHERE at > ?')
        .pluck()
        .all(limitMs) as string[];
      const drop = this.db.prepare('DELETE FROM unit_positions WHERE unit_id = ? AND at > ?');
      const newest = this.db.prepare(
        'SELECT at, lat, lng, heading, speed FROM unit_positions WHERE unit_id = ? ORDER BY at DESC LIMIT 1',
      );
      const update = this.db.prepare(
        'UPDATE units_seen SET lat = ?, lng = ?, heading = ?, speed = ?, at = ? WHERE unit_id = ?',
      );
      const forget = this.db.prepare('DELETE FROM units_seen WHERE unit_id = ?');
      for (const id of ids) {
        drop.run(id, limitMs);
        const fix = newest.get(id) as StoredFix | undefined;
        if (fix) update.run(fix.lat, fix.lng, fix.heading, fix.speed, fix.at, id);
        else forget.run(id);
      }
      return ids;
    })();
  }

  /** Deletes every unit's fixes older than `cutoffMs` at once (tests, the bench). */
  prune(cutoffMs: number): number {
    let deleted = 0;
    for (const id of this.unitIds()) deleted += this.pruneUnit(id, cutoffMs);
    return deleted;
  }
}
