/**
 * What `vigil doctor` says: one line per check, PASS / WARN / FAIL (or SKIP when this host cannot
 * tell), in plain words, and the exit code (1 on any FAIL). Plain data, so the browser host, the
 * Electron app and the support bundle print the same report.
 */

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  /** Stable id for machines (`--json`): "config", "disk", "catalog" … */
  id: string;
  /** What was checked, in a word or two ("config", "disk space"). */
  title: string;
  status: CheckStatus;
  /** What was found, and for a WARN or FAIL what to do. */
  detail: string;
}

export interface DoctorReport {
  /** ISO time the report was made. */
  at: string;
  /** "browser host" or "Electron app". */
  host: string;
  /** False when any check failed. */
  ok: boolean;
  checks: CheckResult[];
}

export const pass = (id: string, title: string, detail: string): CheckResult => ({
  id,
  title,
  status: 'pass',
  detail,
});
export const warn = (id: string, title: string, detail: string): CheckResult => ({
  id,
  title,
  status: 'warn',
  detail,
});
export const fail = (id: string, title: string, detail: string): CheckResult => ({
  id,
  title,
  status: 'fail',
  detail,
});
export const skip = (id: string, title: string, detail: string): CheckResult => ({
  id,
  title,
  status: 'skip',
  detail,
});

export function makeReport(host: string, checks: CheckResult[], now = new Date()): DoctorReport {
  return {
    at: now.toISOString(),
    host,
    ok: !checks.some((c) => c.status === 'fail'),
    checks,
  };
}

/** 1 when anything failed, else 0 (warnings do not fail a workstation). */
export const exitCodeOf = (report: DoctorReport): number => (report.ok ? 0 : 1);

/** The report as text: a header, one `PASS  title: detail` line per check, a summary line. */
export function formatReport(report: DoctorReport): string {
  const width = Math.max(...report.checks.map((c) => c.title.length), 0);
  const lines = report.checks.map(
    (c) => `${c.status.toUpperCase().padEnd(4)}  ${c.title.padEnd(width)}  ${c.detail}`,
  );
  const count = (s: CheckStatus) => report.checks.filter((c) => c.status === s).length;
  const summary =
    `${count('pass')} passed, ${count('warn')} warnings, ${count('fail')} failed` +
    (count('skip') ? `, ${count('skip')} not checked here` : '');
  return [
    `vigil doctor (${report.host}, ${report.at})`,
    ...lines,
    report.ok ? `${summary}: ready` : `${summary}: NOT ready`,
    '',
  ].join('\n');
}
