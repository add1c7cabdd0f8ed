/**
 * The MSI's installer properties become the machine's vigil.config.json.
 *
 *   msiexec /i Vigil-x.y.z-x64.msi /qn PLATFORMURL=… MQTTURL=… STATIONID=… ROLE=…
 *
 * An MSI built with wixl runs no custom action that could write JSON, so the installer writes
 * the properties to HKLM\Software\Vigil (resources/windows/vigil.wxs) and the app's first start
 * turns them into %ProgramData%\Vigil\vigil.config.json (electron/shell/main.ts, on Windows):
 *
 *   PLATFORMURL → platform: { kind: "http", baseUrl }   (none: the built-in simulator)
 *   MQTTURL     → platform.mqttUrl                      (needs PLATFORMURL)
 *   STATIONID   → station.id
 *   ROLE        → station.role ("watcher", "chief" or "admin"; case ignored)
 *
 * The result is validated by the config schema before anything is written: a bad value stops the
 * start with the property and its key named, and no file is written (never a half-configured
 * station). An existing file is never overwritten, so an upgrade, or an installer's later edits,
 * keep what is there. No property given (all empty): nothing is written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError, parseConfig, type VigilConfigInput } from './config';
import { cutValue } from './text-input';

export const INSTALLER_REGISTRY_KEY = 'HKLM\\Software\\Vigil';

/** Each installer property and the config key it sets. */
export const installerPropertyKeys = {
  PLATFORMURL: 'platform.baseUrl',
  MQTTURL: 'platform.mqttUrl',
  STATIONID: 'station.id',
  ROLE: 'station.role',
} as const;

export type InstallerProperty = keyof typeof installerPropertyKeys;
export type InstallerProperties = Partial<Record<InstallerProperty, string>>;

const propertyNames = Object.keys(installerPropertyKeys) as InstallerProperty[];

/** The values of `reg query <key>` output (`    NAME    REG_SZ    value`), ours only. */
export function parseRegQuery(output: string): InstallerProperties {
  const props: InstallerProperties = {};
  for (const line of output.split(/\r?\n/)) {
    const m = /^\s+(\S+)\s+REG_[A-Z_]+(?:\s{4}(.*))?$/.exec(line);
    if (!m) continue;
    const name = m[1]!.toUpperCase();
    const known = propertyNames.find((p) => p === name);
    if (known) props[known] = (m[2] ?? '').trim();
  }
  return props;
}

/**
 * The config the properties describe, validated like a file (parseConfig); null when none is
 * given. Throws ConfigError naming the property and its key.
 */
export function configFromProperties(
  props: InstallerProperties,
  label = INSTALLER_REGISTRY_KEY,
): VigilConfigInput | null {
  const given: InstallerProperties = {};
  for (const name of propertyNames) {
    const value = props[name]?.trim();
    if (value) given[name] = value;
  }
  if (Object.keys(given).length === 0) return null;

  const fail = (name: InstallerProperty, problem: string): never => {
    const value = given[name] ?? '';
    throw new ConfigError(
      `${label}: ${name}="${cutValue(value, 200)}" (${installerPropertyKeys[name]}): ${problem}`,
      null,
      installerPropertyKeys[name],
    );
  };
  if (given.MQTTURL !== undefined && given.PLATFORMURL === undefined) {
    fail('MQTTURL', 'needs PLATFORMURL (the built-in simulator has its own broker)');
  }

  const raw: VigilConfigInput = {};
  if (given.PLATFORMURL !== undefined) {
    raw.platform = {
      kind: 'http',
      baseUrl: given.PLATFORMURL,
      ...(given.MQTTURL !== undefined ? { mqttUrl: given.MQTTURL } : {}),
    };
  }
  if (given.STATIONID !== undefined || given.ROLE !== undefined) {
    raw.station = {
      ...(given.STATIONID !== undefined ? { id: given.STATIONID } : {}),
      ...(given.ROLE !== undefined
        ? { role: given.ROLE.toLowerCase() as NonNullable<VigilConfigInput['station']>['role'] }
        : {}),
    };
  }
  try {
    parseConfig(raw, label);
  } catch (error) {
    if (!(error instanceof ConfigError) || error.key === null) throw error;
    const key = error.key;
    const name = propertyNames.find((p) => installerPropertyKeys[p] === key);
    const problem = error.message.slice(`${label}: ${key}: `.length);
    if (name) fail(name, problem);
    throw error;
  }
  return raw;
}

/** %ProgramData%\Vigil\vigil.config.json. */
export function machineConfigPath(programData: string | undefined): string {
  return join(programData || 'C:\\ProgramData', 'Vigil', 'vigil.config.json');
}

/**
 * Writes `config` to `file` unless a file is there: written beside it, then hard-linked into
 * place (atomic, and never replaces an existing file, even one that appeared meanwhile).
 */
export function writeConfigOnce(file: string, config: VigilConfigInput): 'written' | 'kept' {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(config, null, 2)}\n`);
  try {
    linkSync(temp, file);
    return 'written';
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return 'kept';
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

/** The installer's properties from the 64-bit registry (reg.exe), or null without the key. */
export function readInstallerRegistry(): InstallerProperties | null {
  const r = spawnSync('reg', ['query', INSTALLER_REGISTRY_KEY, '/reg:64'], {
    encoding: 'utf8',
    windowsHide: true,
    timeout: 10_000,
  });
  if (r.error || r.status !== 0) return null;
  return parseRegQuery(r.stdout);
}

export interface MachineConfig {
  /** %ProgramData%\Vigil\vigil.config.json. */
  file: string;
  /** kept: it was there; written: made now from the properties; none: neither. */
  outcome: 'kept' | 'written' | 'none';
  /** A bad property (ConfigError naming it) or a file that could not be written. */
  error: Error | null;
}

/** The machine's config: kept if there, else written from the installer's properties. */
export function provisionMachineConfig(
  programData: string | undefined,
  readProperties: () => InstallerProperties | null = readInstallerRegistry,
): MachineConfig {
  const file = machineConfigPath(programData);
  if (existsSync(file)) return { file, outcome: 'kept', error: null };
  try {
    const props = readProperties();
    const config = props === null ? null : configFromProperties(props);
    if (config === null) return { file, outcome: 'none', error: null };
    return { file, outcome: writeConfigOnce(file, config), error: null };
  } catch (error) {
    if (error instanceof ConfigError) return { file, outcome: 'none', error };
    const problem = error instanceof Error ? error.message : String(error);
    return {
      file,
      outcome: 'none',
      error: new Error(`${file}: cannot write the installer's config: ${problem}`),
    };
  }
}

/**
 * The shell's config path with the machine's config: used (as if given with --config) when it
 * exists or failed to be made; otherwise the paths are unchanged (the data folder's file, or the
 * defaults).
 */
export function withMachineConfig<T extends { configPath: string; configExplicit: boolean }>(
  paths: T,
  machine: MachineConfig | null,
): T {
  if (machine === null || (machine.outcome === 'none' && machine.error === null)) return paths;
  return { ...paths, configPath: machine.file, configExplicit: true };
}
