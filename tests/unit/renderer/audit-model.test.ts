/**
 * The audit pane's filter form (renderer/desk/audit/audit-model.ts): days are Beijing calendar
 * days whatever the desk machine's zone, "to" includes its whole day, empty fields are left out
 * (so the contract's schema never sees an empty string), and a row's window is said plainly.
 */
import { describe, expect, it } from 'vitest';
import { auditFilter, auditWindow, emptyAuditForm } from '../../../renderer/desk/audit/audit-model';
import { AuditFilterSchema } from '../../../shared/contract/audit';

describe('the audit filter form', () => {
  it('leaves out what is empty', () => {
    expect(auditFilter(emptyAuditForm)).toEqual({});
    expect(auditFilter({ from: '', to: '', operator: '  ', action: ' ' })).toEqual({});
  });

  it('reads days as Beijing days, "to" through its end', () => {
    const filter = auditFilter({ from: '2026-03-01', to: '2026-03-01', operator: '', action: '' });
    // 2026-03-01 00:00 +08:00 is 2026-02-28 16:00 UTC.
    expect(filter).toEqual({
      since: Date.UTC(2026, 1, 28, 16),
      until: Date.UTC(2026, 2, 1, 16),
    });
  });

  it("reads days in the hall's zone when it is not Beijing", () => {
    const filter = auditFilter(
      { from: '2026-03-01', to: '2026-03-01', operator: '', action: '' },
      'Asia/Urumqi',
    );
    expect(filter).toEqual({ since: Date.UTC(2026, 1, 28, 18), until: Date.UTC(2026, 2, 1, 18) });
  });

  it('trims names and actions, drops what is not a date, and always fits the contract', () => {
    const filter = auditFilter({
      from: 'yesterday',
      to: '2026-13-45',
      operator: ' 张三 ',
      action: ' wall. ',
    });
    expect(filter).toEqual({ operator: '张三', action: 'wall.' });
    expect(AuditFilterSchema.safeParse(filter).success).toBe(true);
    const long = auditFilter({
      from: '',
      to: '',
      operator: 'x'.repeat(100),
      action: 'y'.repeat(200),
    });
    expect(AuditFilterSchema.safeParse(long).success).toBe(true);
  });

  it('says which window a row came from', () => {
    expect(auditWindow({ window: 'desk', wallId: null })).toEqual({ kind: 'desk' });
    expect(auditWindow({ window: 'wall', wallId: 3 })).toEqual({ kind: 'wall', wallId: 3 });
    expect(auditWindow({ window: 'wall', wallId: null })).toEqual({ kind: 'wall' });
    expect(auditWindow({ window: null, wallId: null })).toEqual({ kind: 'unknown' });
  });
});
