/**
 * The audit log at the desk (issue #11 item 6): a page of the record, the record as CSV (UTF-8
 * with BOM, times in the hall's `station.timeZone`, like the tour record's export), and the hash chain checked. The
 * access table lets a duty chief or an administrator call them, from the desk only.
 */
import type { MethodName } from '../../../shared/api';
import type { AuditRow } from '../../../shared/contract/audit';
import { csvDocument } from '../../../shared/domain/csv';
import { defaultTimeZone, formatDateTime } from '../../../shared/domain/time/hall-time';
import type { AuditLog } from '../cache/audit-log';
import type { Handler } from '../contract-host';

export const auditCsvHeader = [
  'id',
  'time',
  'operator',
  'role',
  'window',
  'action',
  'subject',
  'detail',
] as const;

/** Rows in the order given, one line each, times in `zone`; the window as "desk" or "wall 2". */
export function auditRowsToCsv(rows: readonly AuditRow[], zone: string = defaultTimeZone): string {
  return csvDocument(
    auditCsvHeader,
    rows.map((r) => [
      r.id,
      formatDateTime(r.at, zone),
      r.operator,
      r.role,
      r.window === 'wall' && r.wallId !== null ? `wall ${r.wallId}` : r.window,
      r.action,
      r.subject,
      r.detail === null ? null : JSON.stringify(r.detail),
    ]),
  );
}

/** An export holds at most this many rows (a year of a busy hall); narrow the time to see more. */
export const maxExportRows = 200_000;

type AuditMethod = Extract<MethodName, `audit.${string}`>;

export function auditHandlers(
  audit: AuditLog,
  now: () => number,
  zone: string = defaultTimeZone,
): { [M in AuditMethod]: Handler<M> } {
  return {
    'audit.list': (query) => audit.query(query),
    'audit.verify': () => audit.verify(),
    'audit.exportCsv': (filter) => {
      const rows = audit.all(filter, maxExportRows);
      const stamp = formatDateTime(now(), zone).replace(/[-: ]/g, '').slice(0, 12);
      return { filename: `audit-${stamp}.csv`, csv: auditRowsToCsv(rows, zone), rows: rows.length };
    },
  };
}
