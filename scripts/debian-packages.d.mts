// Types of scripts/debian-packages.mjs for the tests (plain Node runs the .mjs: CI calls it before
// `npm ci`).
export interface DebianPackage {
  name: string;
  why: string;
  needs: string[][];
}
export type SetupPlan =
  { action: 'ok' } | { action: 'install'; commands: string[][] } | { action: 'ask'; line: string };
export function debianPackages(env?: NodeJS.ProcessEnv): DebianPackage[];
export function missingPackages(
  packages: readonly Pick<DebianPackage, 'name' | 'needs'>[],
  has: (pathOrCommand: string) => boolean,
): string[];
export function setupPlan(situation: {
  missing: readonly string[];
  isRoot: boolean;
  hasAptGet: boolean;
}): SetupPlan;
export function present(thing: string, env?: NodeJS.ProcessEnv): boolean;
export function ensureDebianPackages(options?: {
  install?: boolean;
  log?: (line: string) => void;
}): boolean;
