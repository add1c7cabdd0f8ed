/**
 * Patrol marks: a watcher says what a camera shows (normal / abnormal / faulty). The mark, its
 * outbox entry and the audit row are written in ONE transaction, so after a crash either all
 * three exist (and the mark is delivered later) or none does; then the delivery service is woken.
 */
import { randomUUID } from 'node:crypto';
import type { Caller, MethodParsedInput, PatrolMarkRecord } from '../../../shared/api';
import type { PatrolMarkEvent } from '../../../shared/contract/platform';
import { VigilError } from '../../../shared/result';
import type { AuditLog } from '../cache/audit-log';
import type { CacheDatabase } from '../cache/database';
import type { MarkStore } from '../cache/mark-store';
import type { OutboxStore } from '../cache/outbox-store';

export interface MarkServiceOptions {
  db: CacheDatabase;
  marks: MarkStore;
  outbox: OutboxStore;
  audit: AuditLog;
  cameraExists: (cameraId: string) => boolean;
  /** Called after the transaction committed (wake the delivery service, emit outbox status). */
  onQueued: () => void;
  now?: () => number;
}

export class MarkService {
  private readonly now: () => number;

  constructor(private readonly options: MarkServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  create(
    input: MethodParsedInput<'mark.create'>,
    caller: Caller,
  ): PatrolMarkRecord & { idempotencyKey: string } {
    if (!this.options.cameraExists(input.cameraId)) {
      throw new VigilError('not-found', `camera ${input.cameraId} is not in the catalog`);
    }
    const at = this.now();
    const record: PatrolMarkRecord = {
      id: randomUUID(),
      cameraId: input.cameraId,
      mark: input.mark,
      note: input.note,
      createdAt: at,
      operator: caller.operator,
      delivered: false,
    };
    const idempotencyKey = randomUUID();
    // The body the platform receives (docs/protocol.md §4, shared/contract/platform.ts).
    const event: PatrolMarkEvent = {
      type: 'patrol-mark',
      id: record.id,
      cameraId: record.cameraId,
      mark: record.mark,
      note: record.note,
      operator: record.operator,
      at,
    };
    const { db, marks, outbox, audit } = this.options;
    db.transaction(() => {
      const outboxId = outbox.add('patrol-mark', idempotencyKey, event, at);
      marks.insert(record, outboxId);
      audit.record(caller, 'mark.create', record.cameraId, {
        markId: record.id,
        mark: record.mark,
      });
    })();
    this.options.onQueued();
    return { ...record, idempotencyKey };
  }

  list(limit: number): PatrolMarkRecord[] {
    return this.options.marks.list(limit);
  }
}
