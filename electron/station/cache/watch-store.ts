/** The watch modes' storage: JSON bodies validated on read (a bad row is skipped, not fatal). */
import type { z } from 'zod';
import {
  RotationGroupSchema,
  TourSchema,
  type FocusPin,
  type FocusPull,
  type Tour,
} from '../../../shared/contract/watch';
import type {
  RotationGroup,
  RotationRun,
  StopOutcome,
  TourRunState,
} from '../../../shared/domain/watch';
import type { CacheDatabase } from './database';

function parse<T>(body: string, schema?: z.ZodType<T>): T | null {
  try {
    const raw: unknown = JSON.parse(body);
    if (!schema) return raw as T;
    const r = schema.safeParse(raw);
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
const some = <T>(list: (T | null)[]): T[] => list.filter((x): x is T => x !== null);

export class WatchStore {
  constructor(private readonly db: CacheDatabase) {}

  // ---- rotation ----
  groups(): RotationGroup[] {
    const rows = this.db.prepare('SELECT body FROM rotation_groups ORDER BY id').all() as {
      body: string;
    }[];
    return some(rows.map((r) => parse(r.body, RotationGroupSchema)));
  }
  saveGroup(g: RotationGroup, now: number): void {
    this.db
      .prepare('INSERT OR REPLACE INTO rotation_groups (id, body, updated_at) VALUES (?, ?, ?)')
      .run(g.id, JSON.stringify(g), now);
  }
  deleteGroup(id: string): boolean {
    return this.db.prepare('DELETE FROM rotation_groups WHERE id = ?').run(id).changes > 0;
  }
  runs(): RotationRun[] {
    const rows = this.db.prepare('SELECT body FROM rotation_runs ORDER BY wall_id').all() as {
      body: string;
    }[];
    return some(rows.map((r) => parse<RotationRun>(r.body)));
  }
  saveRun(run: RotationRun): void {
    this.db
      .prepare('INSERT OR REPLACE INTO rotation_runs (wall_id, group_id, body) VALUES (?, ?, ?)')
      .run(run.wallId, run.groupId, JSON.stringify(run));
  }
  deleteRun(wallId: number): boolean {
    return this.db.prepare('DELETE FROM rotation_runs WHERE wall_id = ?').run(wallId).changes > 0;
  }

  // ---- tours ----
  tours(): Tour[] {
    const rows = this.db.prepare('SELECT body FROM tours ORDER BY id').all() as { body: string }[];
    return some(rows.map((r) => parse(r.body, TourSchema)));
  }
  saveTour(t: Tour, now: number): void {
    this.db
      .prepare('INSERT OR REPLACE INTO tours (id, body, updated_at) VALUES (?, ?, ?)')
      .run(t.id, JSON.stringify(t), now);
  }
  deleteTour(id: string): boolean {
    return this.db.prepare('DELETE FROM tours WHERE id = ?').run(id).changes > 0;
  }
  saveTourRun(run: TourRunState): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO tour_runs (id, tour_id, status, started_at, body) VALUES (?, ?, ?, ?, ?)',
      )
      .run(run.id, run.tourId, run.status, run.startedAt, JSON.stringify(run));
  }
  tourRun(id: string): TourRunState | null {
    const row = this.db.prepare('SELECT body FROM tour_runs WHERE id = ?').get(id) as
      { body: string } | undefined;
    return row ? parse<TourRunState>(row.body) : null;
  }
  runningTourRuns(): TourRunState[] {
    const rows = this.db
      .prepare("SELECT body FROM tour_runs WHERE status = 'running' ORDER BY started_at")
      .all() as { body: string }[];
    return some(rows.map((r) => parse<TourRunState>(r.body)));
  }
  /** Newest first. */
  tourRuns(filter: {
    tourId?: string;
    since?: number;
    until?: number;
    limit: number;
  }): TourRunState[] {
    const rows = this.db
      .prepare(
        `SELECT body FROM tour_runs
         WHERE (@tourId IS NULL OR tour_id = @tourId)
           AND (@since IS NULL OR started_at >= @since)
           AND (@until IS NULL OR started_at < @until)
         ORDER BY started_at DESC, id LIMIT @limit`,
      )
      .all({
        tourId: filter.tourId ?? null,
        since: filter.since ?? null,
        until: filter.until ?? null,
        limit: filter.limit,
      }) as { body: string }[];
    return some(rows.map((r) => parse<TourRunState>(r.body)));
  }
  latestRunStart(tourId: string): number | null {
    const row = this.db
      .prepare('SELECT MAX(started_at) AS at FROM tour_runs WHERE tour_id = ?')
      .get(tourId) as { at: number | null };
    return row.at;
  }
  addOutcome(
    runId: string,
    stopIndex: number,
    cameraId: string,
    outcome: StopOutcome,
    at: number,
    outboxId: number | null,
  ): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO tour_stop_outcomes (run_id, stop_index, camera_id, outcome, at, outbox_id)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(runId, stopIndex, cameraId, outcome, at, outboxId);
  }
  /** The JPEG of a stop's mark; bytes in the cache, base64 at the contract. */
  addSnapshot(
    runId: string,
    stopIndex: number,
    cameraId: string,
    takenAt: number,
    snapshot: { mime: 'image/jpeg'; data: string },
  ): void {
    this.db
      .prepare(
        `INSERT INTO tour_snapshots (run_id, stop_index, camera_id, taken_at, mime, data)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        runId,
        stopIndex,
        cameraId,
        takenAt,
        snapshot.mime,
        Buffer.from(snapshot.data, 'base64'),
      );
  }
  snapshot(
    runId: string,
    stopIndex: number,
  ): { cameraId: string; takenAt: number; mime: 'image/jpeg'; data: string } | null {
    const row = this.db
      .prepare(
        `SELECT camera_id AS cameraId, taken_at AS takenAt, mime, data
         FROM tour_snapshots WHERE run_id = ? AND stop_index = ?`,
      )
      .get(runId, stopIndex) as
      { cameraId: string; takenAt: number; mime: 'image/jpeg'; data: Buffer } | undefined;
    return row ? { ...row, data: row.data.toString('base64') } : null;
  }
  outcomesSince(from: number): { cameraId: string; outcome: StopOutcome; at: number }[] {
    return this.db
      .prepare('SELECT camera_id AS cameraId, outcome, at FROM tour_stop_outcomes WHERE at >= ?')
      .all(from) as { cameraId: string; outcome: StopOutcome; at: number }[];
  }

  // ---- focus ----
  pins(): FocusPin[] {
    const rows = this.db
      .prepare('SELECT body FROM focus_pins ORDER BY wall_id, tile_index')
      .all() as { body: string }[];
    return some(rows.map((r) => parse<FocusPin>(r.body)));
  }
  savePin(p: FocusPin): void {
    this.db
      .prepare('INSERT OR REPLACE INTO focus_pins (wall_id, tile_index, body) VALUES (?, ?, ?)')
      .run(p.wallId, p.tileIndex, JSON.stringify(p));
  }
  deletePin(wallId: number, tileIndex: number): boolean {
    return (
      this.db
        .prepare('DELETE FROM focus_pins WHERE wall_id = ? AND tile_index = ?')
        .run(wallId, tileIndex).changes > 0
    );
  }
  pulls(): FocusPull[] {
    const rows = this.db.prepare('SELECT body FROM focus_pulls').all() as { body: string }[];
    return some(rows.map((r) => parse<FocusPull>(r.body))).sort((a, b) => a.pulledAt - b.pulledAt);
  }
  savePull(p: FocusPull): void {
    this.db
      .prepare('INSERT OR REPLACE INTO focus_pulls (alert_id, body) VALUES (?, ?)')
      .run(p.alertId, JSON.stringify(p));
  }
  deletePull(alertId: string): boolean {
    return this.db.prepare('DELETE FROM focus_pulls WHERE alert_id = ?').run(alertId).changes > 0;
  }
}
