/**
 * Unit positions in the cache (migration 003): batched inserts, the latest fix of each unit,
 * track ranges, and pruning by age. The only code that writes unit_positions and units_seen.
 */
import type { Statement } from 'better-sqlite3';
import type { UnitKind } from '../../../shared/contract/map';
import type { CacheDatabase } from '../cache/database';

/** One fix as stored. */
export interface PositionRow {
  unitId: string;
  callSign: string;
  kind: UnitKind;
  at: number;
  lat: number;
  lng: number;
  heading: number;
  speed: number;
}

export interface StoredFix {
  at: number;
  lat: number;
  lng: number;
  heading: number;
  speed: number;
}

export type SeenUnit = PositionRow;

export interface Box {
  south: number;
  west: number;
  north: number;
  east: number;
}

export class PositionStore {
  private readonly insert: Statement<[string, number, number, number, number, number]>;
  private readonly seen: Statement<
    [string, string, string, number, number, number, number, number]
  >;
  private readonly rangeStmt: Statement<[string, number, number]>;
  private readonly boxStmt: Statement<[string, number, number, number, number, number, number]>;
  private readonly countRange: Statement<[string, number, number]>;
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
    return this.boxStmt.all(
      unitId,
      fromMs,
      toMs,
      box.south,
      box.north,
      box.west,
      box.east,
    ) as StoredFix[];
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

  /** Deletes every unit's fixes older than `cutoffMs` at once (tests, the bench). */
  prune(cutoffMs: number): number {
    let deleted = 0;
    for (const id of this.unitIds()) deleted += this.pruneUnit(id, cutoffMs);
    return deleted;
  }
}
