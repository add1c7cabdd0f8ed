/**
 * The alerts the platform sent (migration 008): once per id, newest first, pruned by age.
 */
import type { AlertMessage } from '../../../shared/contract/platform';
import type { KeptAlert } from '../../../shared/contract/alerts';
import type { CacheDatabase } from './database';

interface AlertRow {
  id: string;
  at: number;
  received_at: number;
  title: string;
  category: string;
  lat: number;
  lng: number;
  camera_id: string | null;
}

const toAlert = (r: AlertRow): KeptAlert => ({
  id: r.id,
  at: r.at,
  receivedAt: r.received_at,
  title: r.title,
  category: r.category,
  lat: r.lat,
  lng: r.lng,
  ...(r.camera_id === null ? {} : { cameraId: r.camera_id }),
});

export class AlertStore {
  constructor(private readonly db: CacheDatabase) {}

  /** Keeps an alert; false when its id was kept already (a redelivery). */
  add(alert: AlertMessage, receivedAt: number): boolean {
    const info = this.db
      .prepare(
        `INSERT INTO alerts (id, at, received_at, title, category, lat, lng, camera_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      )
      .run(
        alert.id,
        alert.at,
        receivedAt,
        alert.title,
        alert.category,
        alert.lat,
        alert.lng,
        alert.cameraId ?? null,
      );
    return info.changes > 0;
  }

  /** Newest received first; `beforeMs` pages back. */
  list(limit: number, beforeMs?: number): KeptAlert[] {
    const rows = (
      beforeMs === undefined
        ? this.db.prepare('SELECT * FROM alerts ORDER BY received_at DESC, id LIMIT ?').all(limit)
        : this.db
            .prepare(
              'SELECT * FROM alerts WHERE received_at < ? ORDER BY received_at DESC, id LIMIT ?',
            )
            .all(beforeMs, limit)
    ) as AlertRow[];
    return rows.map(toAlert);
  }

  /** Forgets alerts received before `olderThan`; how many went. */
  prune(olderThan: number): number {
    return this.db.prepare('DELETE FROM alerts WHERE received_at < ?').run(olderThan).changes;
  }
}
