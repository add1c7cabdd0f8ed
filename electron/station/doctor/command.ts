/**
 * The doctor and the support bundle as commands, the same for both hosts: the browser host
 * (`node out/main/serve.js doctor|support-bundle …`) and the Electron app (`vigil --doctor`,
 * `vigil --support-bundle FILE`). Returns the exit code: 1 when a check failed, else 0 (a
 * support bundle is written either way: a failing workstation is when the vendor needs one).
 */
import { resolve } from 'node:path';
import { writeSupportBundle } from './bundle';
import { exitCodeOf, formatReport } from './report';
import { runDoctor, type DoctorOptions } from './run';

export { runDoctor, type DoctorOptions, type DoctorOutcome } from './run';
export { formatReport, exitCodeOf, type CheckResult, type DoctorReport } from './report';

export interface DoctorCommand extends DoctorOptions {
  /** `doctor`, or `support-bundle` into `bundleFile`. */
  command: 'doctor' | 'support-bundle';
  bundleFile?: string;
  /** `--json`: the report as JSON on stdout instead of text. */
  json?: boolean;
  versions: Record<string, string>;
  secrets?: readonly string[];
  logNote?: string;
  /** stdout. */
  out: (text: string) => void;
}

export async function doctorCommand(options: DoctorCommand): Promise<number> {
  const outcome = await runDoctor(options);
  const { report } = outcome;
  if (options.command === 'support-bundle') {
    const file = resolve(
      options.bundleFile ?? `vigil-support-${report.at.replace(/[:.]/g, '-')}.zip`,
    );
    const written = writeSupportBundle(file, {
      outcome,
      configPath: options.configPath,
      dataDir: options.dataDir,
      versions: { app: options.host, ...options.versions },
      ...(options.secrets ? { secrets: options.secrets } : {}),
      ...(options.logNote ? { logNote: options.logNote } : {}),
    });
    if (options.json) {
      options.out(
        `${JSON.stringify({ file, bytes: written.bytes, files: written.names, report }, null, 2)}\n`,
      );
    } else {
      options.out(formatReport(report));
      options.out(
        `support bundle: ${file} (${written.bytes} bytes, ${written.names.length} files)\n`,
      );
    }
    return exitCodeOf(report);
  }
  options.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return exitCodeOf(report);
}
