/**
 * The audit pane's pure parts: the filter form turned into the contract's filter (days read as
 * Shanghai calendar days, whatever the desk machine's time zone), and the window a row came from.
 */
import type { AuditFilter, AuditRow } from '../../../shared/contract/audit';
import { dayMs, shanghaiAt } from '../../../shared/domain/watch';

export interface AuditForm {
  /** 'YYYY-MM-DD' (an <input type="date">), '' for no bound. */
  from: string;
  /** 'YYYY-MM-DD', inclusive; '' for no bound. */
  to: string;
  operator: string;
  /** An action or its beginning, e.g. "wall." */
  action: string;
}

export const emptyAuditForm: AuditForm = { from: '', to: '', operator: '', action: '' };

const isDate = (s: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));

/** The form as the contract's filter: empty fields left out, `to` through the end of that day. */
export function auditFilter(form: AuditForm): AuditFilter {
  const filter: AuditFilter = {};
  if (isDate(form.from)) filter.since = Math.max(0, shanghaiAt(form.from));
  if (isDate(form.to)) filter.until = Math.max(0, shanghaiAt(form.to) + dayMs);
  const operator = form.operator.trim().slice(0, 64);
  if (operator) filter.operator = operator;
  const action = form.action.trim().slice(0, 100);
  if (action) filter.action = action;
  return filter;
}

/** Where a row came from, for the table: the desk, a wall by number, or not recorded. */
export function auditWindow(row: Pick<AuditRow, 'window' | 'wallId'>): {
  kind: 'desk' | 'wall' | 'unknown';
  wallId?: number;
} {
  if (row.window === 'desk') return { kind: 'desk' };
  if (row.window === 'wall')
    return row.wallId === null ? { kind: 'wall' } : { kind: 'wall', wallId: row.wallId };
  return { kind: 'unknown' };
}
