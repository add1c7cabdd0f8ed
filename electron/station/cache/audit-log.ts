/**
 * Who did what, when, from which window (issue #11 item 6, #12 item 5): append-only (the table's
 * triggers refuse UPDATE and DELETE, so not even a bug in the core can rewrite history) and
 * chained by hash (audit-chain.ts), so a row changed in the file by other means is found by
 * `verify()`.
 *
 * `record(caller, action, subject, detail)` is the one way a row is written: the contract host
 * records every `act` call that succeeded (shared/contract/access.ts) and every refusal; a
 * service that knows more (the mark's id, the layout's size) records its own row inside its
 * transaction, and the host, seeing a row was recorded during the call (`during`), adds none.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Caller, Role, WindowKind } from '../../../shared/api';
import type {
  AuditChainStatus,
  AuditFilter,
  AuditPage,
  AuditQuery,
  AuditRow,
} from '../../../shared/contract/audit';
import { auditRowHash, genesisHash, type ChainedFields } from './audit-chain';
import type { Statement } from 'better-sqlite3';
import type { CacheDatabase } from './database';

export type AuditEntry = AuditRow;

interface StoredRow extends ChainedFields {
  prev_hash: string;
  hash: string;
}

/** Rows hashed per slice of `verify()`, between which the core answers other calls. */
const verifySlice = 2000;

const toEntry = (r: StoredRow): AuditEntry => ({
  id: r.id,
  at: r.at,
  operator: r.operator,
  role: r.role as Role | null,
  window: r.window_kind as WindowKind | null,
  wallId: r.wall_id,
  action: r.action,
  subject: r.subject,
  detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown),
});

export class AuditLog {
  /** Rows recorded in the call running now (the contract host opens one per call). */
  private readonly calls = new AsyncLocalStorage<{ rows: number }>();

  private readonly lastRow: Statement<[], { id: number; hash: string }>;
  private readonly insert: Statement<[StoredRow]>;

  constructor(
    private readonly db: CacheDatabase,
    private readonly now: () => number = Date.now,
  ) {
    this.lastRow = db.prepare('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1');
    this.insert = db.prepare(
      `INSERT INTO audit (id, at, operator, role, window_kind, wall_id, action, subject, detail,
                          prev_hash, hash)
       VALUES (@id, @at, @operator, @role, @window_kind, @wall_id, @action, @subject, @detail,
               @prev_hash, @hash)`,
    );
  }

  /**
   * Writes one row, chained to the last, in its own (nested) transaction: inside a service's
   * transaction it commits or rolls back with the change it records. Returns the row's id.
   */
  record(caller: Caller, action: string, subject: string | null, detail?: unknown): number {
    const id = this.db.transaction(() => {
      const last = this.lastRow.get();
      const fields: ChainedFields = {
        id: (last?.id ?? 0) + 1,
        at: this.now(),
        operator: caller.operator,
        role: caller.signedIn ? caller.role : null,
        window_kind: caller.window,
        wall_id: caller.window === 'wall' ? (caller.wallId ?? null) : null,
        action,
        subject,
        detail: detail === undefined ? null : JSON.stringify(detail),
      };
      const prev = last?.hash ?? genesisHash;
      this.insert.run({ ...fields, prev_hash: prev, hash: auditRowHash(prev, fields) });
      return fields.id;
    })();
    const call = this.calls.getStore();
    if (call) call.rows += 1;
    return id;
  }

  /** Runs one call of the contract and says whether anything in it recorded a row. */
  async during<T>(run: () => T | Promise<T>): Promise<{ value: T; recorded: boolean }> {
    const call = { rows: 0 };
    const value = await this.calls.run(call, run);
    return { value, recorded: call.rows > 0 };
  }

  /** The newest rows first (the tests' and the handover list's quick look). */
  list(limit = 100): AuditEntry[] {
    return this.query({ limit }).rows;
  }

  /** A page of the record, newest first, filtered; `next` continues with older rows. */
  query(input: Partial<AuditQuery> = {}): AuditPage {
    const limit = input.limit ?? 100;
    const { where, params } = this.where(input);
    if (input.before !== undefined) {
      where.push('id < @before');
      params.before = input.before;
    }
    const rows = this.db
      .prepare(
        `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY id DESC LIMIT @limit`,
      )
      .all({ ...params, limit: limit + 1 }) as StoredRow[];
    const page = rows.slice(0, limit).map(toEntry);
    return { rows: page, next: rows.length > limit ? page[page.length - 1]!.id : null };
  }

  /** Every row the filter matches, oldest first, up to `max` (an export). */
  all(filter: AuditFilter, max = 100_000): AuditEntry[] {
    const { where, params } = this.where(filter);
    const rows = this.db
      .prepare(
        `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY id LIMIT @max`,
      )
      .all({ ...params, max }) as StoredRow[];
    return rows.map(toEntry);
  }

  /**
   * Walks the chain from the first row: each row's `prev_hash` must be the hash of the row before
   * it, and its `hash` what its fields hash to. Slices of rows, the core answering in between.
   */
  async verify(): Promise<AuditChainStatus> {
    const page = this.db.prepare('SELECT * FROM audit WHERE id > ? ORDER BY id LIMIT ?');
    let prev = genesisHash;
    let lastId: number | null = null;
    let rows = 0;
    for (;;) {
      const slice = page.all(lastId ?? 0, verifySlice) as StoredRow[];
      for (const row of slice) {
        if (row.prev_hash !== prev)
          return { intact: false, rows, brokenId: row.id, reason: 'unlinked' };
        if (auditRowHash(row.prev_hash, row) !== row.hash) {
          return { intact: false, rows, brokenId: row.id, reason: 'changed' };
        }
        prev = row.hash;
        lastId = row.id;
        rows += 1;
      }
      if (slice.length < verifySlice) return { intact: true, rows, lastId, lastHash: prev };
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private where(filter: Partial<AuditFilter>): {
    where: string[];
    params: Record<string, string | number>;
  } {
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    if (filter.since !== undefined) {
      where.push('at >= @since');
      params.since = filter.since;
    }
    if (filter.until !== undefined) {
      where.push('at < @until');
      params.until = filter.until;
    }
    if (filter.operator !== undefined) {
      where.push('operator = @operator');
      params.operator = filter.operator;
    }
    if (filter.action !== undefined) {
      // A prefix taken literally, case and all (LIKE would fold case and read _ and %).
      where.push('substr(action, 1, length(@action)) = @action');
      params.action = filter.action;
    }
    return { where, params };
  }
}
