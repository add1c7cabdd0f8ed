import { describe, expect, it } from 'vitest';
import { isoWeekOf, reportPdfName } from '../../../shared/domain/health/report-file';

describe('the weekly report PDF file name', () => {
  it('names the ISO week of the Monday', () => {
    expect(reportPdfName('2026-11-23')).toBe('视频监控周报-2026-W48.pdf');
    expect(isoWeekOf('2026-01-05')).toBe('2026-W02');
  });

  it('puts a week at the turn of the year in the year of its Thursday', () => {
    // 2024-12-30 (Mon) … 2025-01-05: Thursday is 2025-01-02, so week 1 of 2025.
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    // 2020-12-28 … 2021-01-03: Thursday 2020-12-31, 2020 had 53 weeks.
    expect(isoWeekOf('2020-12-28')).toBe('2020-W53');
    // 2026-12-28 … 2027-01-03: Thursday 2026-12-31, 2026 has 53 weeks.
    expect(isoWeekOf('2026-12-28')).toBe('2026-W53');
  });

  it('refuses a day that is not a Monday, or not a date', () => {
    expect(() => reportPdfName('2026-11-24')).toThrow(/Monday/);
    expect(() => reportPdfName('2026-02-30')).toThrow(/not a date/);
    expect(() => reportPdfName('../../etc/passwd')).toThrow(/not a date/);
  });
});
