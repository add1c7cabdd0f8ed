/**
 * The audit log's hash chain (issue #11 item 6): every row carries the hash of the row before it
 * and its own, SHA-256 over that previous hash and the row's canonical fields. A row changed,
 * inserted or deleted in the file (by someone who got round the append-only triggers) no longer
 * links, and `AuditLog.verify()` names the first such row. Removing rows at the end leaves a
 * shorter chain that still links: the last hash, noted elsewhere (the desk shows it), tells.
 *
 * Used by migration 007 (which chained the rows written before it) and by `AuditLog`: the
 * canonical form below is part of the file format, so a change to it needs a migration.
 */
import { createHash } from 'node:crypto';

/** The previous hash of the first row. */
export const genesisHash = '0'.repeat(64);

/** A row as stored (detail is the stored JSON text). */
export interface ChainedFields {
  id: number;
  at: number;
  operator: string;
  role: string | null;
  window_kind: string | null;
  wall_id: number | null;
  action: string;
  subject: string | null;
  detail: string | null;
}

export function auditRowHash(prevHash: string, row: ChainedFields): string {
  const canonical = JSON.stringify([
    prevHash,
    row.id,
    row.at,
    row.operator,
    row.role,
    row.window_kind,
    row.wall_id,
    row.action,
    row.subject,
    row.detail,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
