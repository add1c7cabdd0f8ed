/**
 * The weekly report's file name when the app saves it as a PDF (issue #16 item 5): the ISO week
 * of its Monday, as the halls file their reports (视频监控周报-2026-W48.pdf). ISO 8601: a week
 * belongs to the year of its Thursday, and week 1 is the one with the year's first Thursday.
 */

/** `YYYY-Www` of the week starting on Monday `weekStart` (YYYY-MM-DD). Throws on a non-Monday. */
export function isoWeekOf(weekStart: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(weekStart);
  const monday = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || new Date(monday).toISOString().slice(0, 10) !== weekStart) {
    throw new Error(`not a date (YYYY-MM-DD): ${weekStart}`);
  }
  if (new Date(monday).getUTCDay() !== 1)
    throw new Error(`a week starts on a Monday: ${weekStart}`);
  const thursday = new Date(monday + 3 * 86_400_000);
  const year = thursday.getUTCFullYear();
  const dayOfYear = (thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000;
  const week = Math.floor(dayOfYear / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The PDF's default file name: 视频监控周报-2026-W48.pdf. */
export function reportPdfName(weekStart: string): string {
  return `视频监控周报-${isoWeekOf(weekStart)}.pdf`;
}
