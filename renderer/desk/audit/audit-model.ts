/**
 * The audit pane's pure parts: the filter form turned into the contract's filter (days read as
 * calendar days in the hall's time zone, whatever the desk machine's), and the window a row came
 * from.
 */
import type { AuditFilter, AuditRow } from '../../../shared/contract/audit';
import { defaultTimeZone, isDate, zonedAt } from '../../../shared/domain/time/hall-time';

export interface AuditForm {
  /** 'YYYY-MM-DD' (a DateInput), '' for no bound. */
  from: string;
  /** 'YYYY-MM-DD', inclusive; '' for no bound. */
  to: string;
  operator: string;
  /** An action or its beginning, e.g. "wall." */
  action: string;
}

export const emptyAuditForm: AuditForm = { from: '', to: '', operator: '', action: '' };

/**
 * The form as the contract's filter: empty fields left out, days in the hall's `zone`, `to`
 * through the end of that day.
 */
export function auditFilter(form: AuditForm, zone: string = defaultTimeZone): AuditFilter {
  const filter: AuditFilter = {};
  if (isDate(form.from)) filter.since = Math.max(0, zonedAt(form.from, 0, zone));
  if (isDate(form.to)) filter.until = Math.max(0, zonedAt(form.to, 24 * 60, zone));
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
