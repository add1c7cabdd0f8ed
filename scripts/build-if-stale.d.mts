// Types of scripts/build-if-stale.mjs for the tests.
export const inputDirs: string[];
export const inputFiles: string[];
export const outputFiles: string[];
export const stampFile: string;
export function inputsHash(root?: string): string;
export function buildStatus(root?: string): { current: true } | { current: false; reason: string };
export function writeStamp(root?: string): void;
export function buildIfStale(options?: {
  prefix?: string;
  force?: boolean;
  root?: string;
}): boolean;
