/**
 * What the dispatch services share (built once by ./dispatch-capability.ts): the cache, the
 * outbox, the audit record, the district's areas, and the change set that the streams are
 * batched from.
 */
import type { AuditLog } from '../cache/audit-log';
import type { CacheDatabase } from '../cache/database';
import type { DispatchStore } from '../cache/dispatch-store';
import type { OutboxStore } from '../cache/outbox-store';
import type { AreaIndex } from './area-index';

/**
 * Ids of what changed since the last flush. A burst of MQTT messages marks the same id many
 * times; the stream carries it once (./dispatch-capability.ts flushes twice a second).
 */
export class ChangeSet {
  readonly incidents = new Set<string>();
  readonly orders = new Set<string>();
  readonly units = new Set<string>();

  get empty(): boolean {
    return this.incidents.size + this.orders.size + this.units.size === 0;
  }

  take(): { incidents: string[]; orders: string[]; units: string[] } {
    const out = {
      incidents: [...this.incidents],
      orders: [...this.orders],
      units: [...this.units],
    };
    this.incidents.clear();
    this.orders.clear();
    this.units.clear();
    return out;
  }
}

export interface DispatchContext {
  db: CacheDatabase;
  store: DispatchStore;
  outbox: OutboxStore;
  audit: AuditLog;
  stationId: string;
  now: () => number;
  areas: () => AreaIndex;
  changes: ChangeSet;
  /** After a transaction that queued outbox items committed: wake the delivery. */
  onQueued: () => void;
  log?: (line: string) => void;
}

/**
 * The platform's answer in an outbox error ("HTTP 409: {"error":"…"}"): its `error` when the
 * body is the protocol's JSON, else the error as it is.
 */
export function platformAnswer(error: string): string {
  const match = /^(?:.*?: )?HTTP (\d{3}): (.*)$/s.exec(error);
  if (!match) return error;
  try {
    const body = JSON.parse(match[2] ?? '') as unknown;
    if (typeof body === 'object' && body !== null) {
      const why = (body as Record<string, unknown>).error;
      if (typeof why === 'string' && why !== '') return why;
    }
  } catch {
    // not JSON: the text is the answer
  }
  return match[2] || `HTTP ${match[1] ?? ''}`;
}
