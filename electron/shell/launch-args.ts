/**
 * The app's own command-line options: `--data DIR` (the cache folder) and `--config FILE`.
 * Both forms, `--data DIR` and `--data=DIR`, are accepted; Chromium's switches pass through.
 */
import { join, resolve } from 'node:path';

export interface LaunchArgs {
  dataDir: string | null;
  configPath: string | null;
}

export function parseLaunchArgs(argv: readonly string[]): LaunchArgs {
  const result: LaunchArgs = { dataDir: null, configPath: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    for (const [flag, key] of [
      ['--data', 'dataDir'],
      ['--config', 'configPath'],
    ] as const) {
      if (arg === flag) {
        const value = argv[i + 1];
        if (value !== undefined && !value.startsWith('--')) {
          result[key] = value;
          i++;
        }
      } else if (arg.startsWith(`${flag}=`)) {
        const value = arg.slice(flag.length + 1);
        if (value) result[key] = value;
      }
    }
  }
  return result;
}

export interface ResolvedPaths {
  dataDir: string;
  configPath: string;
  /** True when --config named the file (a missing file is then an error, not the defaults). */
  configExplicit: boolean;
}

/** Defaults: the data folder is Electron's userData; the config lives in the data folder. */
export function resolvePaths(args: LaunchArgs, userData: string, cwd: string): ResolvedPaths {
  const dataDir = resolve(cwd, args.dataDir ?? userData);
  return {
    dataDir,
    configPath: args.configPath
      ? resolve(cwd, args.configPath)
      : join(dataDir, 'vigil.config.json'),
    configExplicit: args.configPath !== null,
  };
}
