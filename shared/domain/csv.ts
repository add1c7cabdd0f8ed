/**
 * CSV as the hall's spreadsheets read it: UTF-8 with a BOM (so Excel reads the Chinese right),
 * CRLF line ends, a cell quoted when it must be, and a leading = + - @ defused against formulas.
 * Used by the tour record's export and the audit log's.
 */
export const csvCell = (v: string | number | null): string => {
  const s = v === null ? '' : String(v);
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The header and the lines, as one CSV document. */
export function csvDocument(
  header: readonly string[],
  lines: readonly (readonly (string | number | null)[])[],
): string {
  const text = [header.join(','), ...lines.map((cells) => cells.map(csvCell).join(','))];
  return `\uFEFF${text.join('\r\n')}\r\n`;
}
