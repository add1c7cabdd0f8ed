/**
 * The architecture's seams are lint rules, so a wrong import fails `npm test`: this proves each
 * rule fires on a wrong arrow and stays quiet on a right one.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function seamErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('the seams of the architecture', () => {
  it.each([
    [
      'shared/domain/x.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;",
    ],
    ['shared/domain/x.ts', "import Database from 'better-sqlite3';\nexport const x = Database;"],
    [
      'shared/domain/x.ts',
      "import { x as y } from '../../electron/station/x';\nexport const x = y;",
    ],
    [
      'renderer/desk/x.ts',
      "import { createStation } from '../../electron/station';\nexport const x = createStation;",
    ],
    [
      'renderer/desk/x.ts',
      "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;",
    ],
    ['renderer/desk/x.ts', "import { join } from 'path';\nexport const x = join;"],
    ['electron/station/x.ts', "import { app } from 'electron';\nexport const x = app;"],
    [
      'electron/serve/x.ts',
      "import { BrowserWindow } from 'electron';\nexport const x = BrowserWindow;",
    ],
  ])('%s: a wrong import fails the lint', async (file, code) => {
    expect(await seamErrors(file, code)).not.toEqual([]);
  });

  it.each([
    ['electron/shell/x.ts', "import { app } from 'electron';\nexport const x = app;"],
    [
      'renderer/desk/x.ts',
      "import { methods } from '../../shared/api';\nexport const x = methods;",
    ],
    [
      'electron/station/x.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;",
    ],
    ['shared/domain/x.ts', "import { z } from 'zod';\nexport const x = z;"],
  ])('%s: a right import passes', async (file, code) => {
    expect(await seamErrors(file, code)).toEqual([]);
  });
});
