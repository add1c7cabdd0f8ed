// Types of scripts/node-version.mjs for the tests.
export const minimum: string;
export const electronMinimum: string;
export function nodeSupport(version: string): { ok: boolean; electronTooling: boolean };
export function nodeCheckLine(version: string): { level: 'refuse' | 'note'; line: string } | null;
