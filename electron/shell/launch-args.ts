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

/**
 * What this start is for: the app (`--kiosk`: the desk fullscreen with no menu, for a hall PC),
 * or one of the installer's commands, which open no window and exit: `--doctor [--json]` checks
 * the workstation, `--support-bundle FILE` also writes the vendor's zip (electron/station/doctor).
 */
export interface LaunchMode {
  mode: 'app' | 'doctor' | 'support-bundle';
  /** --support-bundle FILE (null: a dated name in the working folder). */
  bundleFile: string | null;
  json: boolean;
  kiosk: boolean;
}

export function parseLaunchMode(argv: readonly string[]): LaunchMode {
  const result: LaunchMode = { mode: 'app', bundleFile: null, json: false, kiosk: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--doctor' && result.mode === 'app') result.mode = 'doctor';
    else if (arg === '--json') result.json = true;
    else if (arg === '--kiosk') result.kiosk = true;
    else if (arg === '--support-bundle') {
      result.mode = 'support-bundle';
      const value = argv[i + 1];
      if (value !== undefined && !value.startsWith('--')) {
        result.bundleFile = value;
        i++;
      }
    } else if (arg.startsWith('--support-bundle=')) {
      result.mode = 'support-bundle';
      result.bundleFile = arg.slice('--support-bundle='.length) || null;
    }
  }
  return result;
}
