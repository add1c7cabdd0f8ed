import { describe, expect, it } from 'vitest';
import { auditRowsToCsv } from '../../../electron/station/audit/audit-handlers';
import type { AuditRow } from '../../../shared/contract/audit';

const row: AuditRow = {
  id: 1,
  at: Date.UTC(2026, 11, 3, 20, 15, 0),
  operator: '张三',
  role: 'chief',
  window: 'desk',
  wallId: null,
  action: 'wall.assign',
  subject: 'wall 1 tile 0',
  detail: null,
};

describe("the audit CSV writes the hall's time, whatever the machine's zone", () => {
  it('Beijing by default, the configured zone when given', () => {
    expect(auditRowsToCsv([row])).toContain('2026-12-04 04:15:00');
    const utc = auditRowsToCsv([row], 'UTC');
    expect(utc).toContain('2026-12-03 20:15:00');
    expect(utc).not.toContain('2026-12-04 04:15:00');
  });
});
