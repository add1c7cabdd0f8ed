/**
 * The architecture's seams are lint rules, so a wrong import fails `npm test`: this proves the
 * layer rule (`local/layers`, eslint-rules/layers.js, the table of docs/architecture.md) fires on
 * a wrong arrow — static, dynamic, `export … from` and `require()` alike — and stays quiet on a
 * right one.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function seamErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result?.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${filePath} does not parse: ${fatal.message}`);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/layers').map((m) => m.message);
}

describe('the seams of the architecture', () => {
  it.each([
    // shared/ runs everywhere: only shared/ and pure packages.
    ['shared/domain/x.ts', "import { readFileSync } from 'node:fs';"],
    ['shared/domain/x.ts', "import { join } from 'path';"],
    ['shared/domain/x.ts', "import Database from 'better-sqlite3';"],
    ['shared/domain/x.ts', "import { app } from 'electron';"],
    ['shared/domain/x.ts', "import { x as y } from '../../electron/station/x';"],
    ['shared/domain/x.ts', "import { x as y } from '../../renderer/x';"],
    ['shared/domain/x.ts', "import { useState } from 'react';"],
    ['shared/domain/x.ts', "import Hls from 'hls.js';"],
    ['shared/domain/x.ts', "import L from 'leaflet';"],
    ['shared/domain/x.ts', "import i18next from 'i18next';"],
    ['shared/domain/x.ts', "import { createRoot } from 'react-dom/client';"],
    ['shared/domain/x.ts', "import { useTranslation } from 'react-i18next';"],
    ['shared/domain/x.ts', "import { useVirtualizer } from '@tanstack/react-virtual';"],
    ['shared/domain/x.ts', "export { useState } from 'react';"],
    ['shared/domain/x.ts', "export * from 'node:fs';"],
    ['shared/domain/x.ts', "export const load = () => import('react');"],
    ['shared/domain/x.ts', "import fs = require('node:fs');\nexport const x = fs;"],
    ['shared/domain/x.ts', "const fs = require('node:fs');"],
    ['shared/domain/x.ts', "import leftPad from 'left-pad';"],
    // renderer/: shared/, its own folders, browser packages; never electron/ or Node.
    ['renderer/desk/x.ts', "import { createStation } from '../../electron/station';"],
    ['renderer/desk/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/desk/x.ts', "import { join } from 'path';"],
    ['renderer/desk/x.ts', "export const load = () => import('../../electron/shell/csp');"],
    // electron/station: shared/, Node, its packages, electron/sim.
    ['electron/station/x.ts', "import { app } from 'electron';"],
    ['electron/station/x.ts', "export const load = async () => await import('electron');"],
    ['electron/station/x.ts', "export type App = typeof import('electron').app;"],
    ['electron/station/x.ts', "const { app } = require('electron');"],
    ['electron/station/x.ts', "import { x as y } from '../shell/main';"],
    ['electron/station/x.ts', "export { x } from '../shell/main';"],
    ['electron/station/map/x.ts', "import { x as y } from '../../serve/cli';"],
    ['electron/station/x.ts', "export * from '../serve/browser-host';"],
    ['electron/station/x.ts', "import { useState } from 'react';"],
    ['electron/station/x.ts', "import { WebSocketServer } from 'ws';"],
    ['electron/station/x.ts', "import { x as y } from '../../tests/unit/x';"],
    ['electron/station/x.ts', "const name = 'electron';\nexport const load = () => import(name);"],
    // electron/sim: shared/, Node, aedes; it plays the platform and knows nothing of the station.
    ['electron/sim/x.ts', "import { x as y } from '../station/event-bus';"],
    ['electron/sim/x.ts', "export const load = () => import('../station/cache/db');"],
    ['electron/sim/x.ts', "const { x } = require('../station');\nexport const y = x;"],
    ['electron/sim/x.ts', "import { app } from 'electron';"],
    ['electron/sim/x.ts', "import Database from 'better-sqlite3';"],
    // electron/serve: shared/, Node, ws, electron/station.
    ['electron/serve/x.ts', "import { BrowserWindow } from 'electron';"],
    ['electron/serve/x.ts', "import { startSimulator } from '../sim';"],
    ['electron/serve/x.ts', "export const load = () => import('../sim/index');"],
    ['electron/serve/x.ts', "import { x as y } from '../shell/csp';"],
    ['electron/serve/x.ts', "export { x } from '../shell/csp';"],
  ])('%s: a wrong import fails the lint (%s)', async (file, code) => {
    expect(await seamErrors(file, code)).not.toEqual([]);
  });

  it.each([
    ['electron/shell/x.ts', "import { app } from 'electron';"],
    ['electron/shell/x.ts', "export const load = () => import('electron');"],
    ['electron/shell/x.ts', "import { x as y } from '../serve/cli';"],
    ['renderer/desk/x.ts', "import { methods } from '../../shared/api';"],
    ['renderer/desk/x.ts', "import { useState } from 'react';"],
    ['renderer/desk/x.ts', "import { x as y } from '../wall/x';"],
    ['renderer/wall/x.ts', "import Hls from 'hls.js';"],
    ['renderer/wall/x.ts', "import workerUrl from 'hls.js/dist/hls.worker.js?url';"],
    ['renderer/desk/x.ts', "import { useVirtualizer } from '@tanstack/react-virtual';"],
    ['electron/station/x.ts', "import { readFileSync } from 'node:fs';"],
    ['electron/station/x.ts', "import { join } from 'path';"],
    ['electron/station/x.ts', "import { x as y } from '../sim/x';"],
    ['electron/station/x.ts', "export const load = () => import('../sim');"],
    ['electron/station/x.ts', "import Database from 'better-sqlite3';"],
    ['electron/station/x.ts', "import { parse } from 'csv-parse/sync';"],
    ['electron/station/x.ts', "import { x as y } from '../../shared/api';"],
    ['electron/serve/x.ts', "import { x as y } from '../station/x';"],
    ['electron/serve/x.ts', "export const load = () => import('../station/map/mbtiles');"],
    ['electron/serve/x.ts', "import { WebSocketServer } from 'ws';"],
    ['electron/sim/x.ts', "import Aedes from 'aedes';"],
    ['electron/sim/x.ts', "const { PNG } = require('pngjs');"],
    ['shared/domain/x.ts', "import { z } from 'zod';"],
    ['shared/domain/x.ts', "export { methods } from '../api';"],
    ['tests/unit/x.ts', "import { app } from 'electron';"],
    ['scripts/x.ts', "import { x as y } from '../electron/sim/x';"],
  ])('%s: a right import passes (%s)', async (file, code) => {
    expect(await seamErrors(file, code)).toEqual([]);
  });

  it('says which layer may not import what, and why', async () => {
    expect(
      await seamErrors('electron/sim/x.ts', "export { x } from '../station/event-bus';"),
    ).toEqual([
      'electron/sim may not import electron/station: the simulator plays the platform and must not know the station.',
    ]);
    expect(
      await seamErrors('electron/station/x.ts', "export const a = import('electron');"),
    ).toEqual([
      "electron/station may not import 'electron': only electron/shell may; the station also runs headless under electron/serve.",
    ]);
  });
});
