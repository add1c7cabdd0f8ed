/**
 * The Electron app itself, launched from the build (out/main/index.js) with a fresh data folder:
 * the desk opens, the page gets exactly the contract's bridge and no Node, the windows run with
 * the security settings the unit tests assert on paper, and the weekly report's 导出 PDF saves a
 * printToPDF of the page where the save dialog says.
 *
 * Runs wherever the Electron binary is installed. Elsewhere (npm installed with
 * ELECTRON_SKIP_BINARY_DOWNLOAD) the suite reports itself skipped with the reason: it is checked
 * before anything launches, because launching a missing binary kills the runner.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { findElectronBinary, nativeModuleProblem } from './electron-binary';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const mainJs = join(root, 'out', 'main', 'index.js');
const binary = findElectronBinary();

test.describe('Electron shell', () => {
  test.skip(
    binary === null,
    'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD): node_modules/electron/dist is missing, so the app cannot be launched here; the shell is covered by type-checking and tests/unit/shell',
  );

  let app: ElectronApplication;
  let desk: Page;
  let dataDir: string;

  test.beforeAll(async () => {
    expect(existsSync(mainJs), `${mainJs} is missing: run npm run build first`).toBe(true);
    const problem = nativeModuleProblem(binary!);
    test.skip(
      problem !== null,
      `better-sqlite3 is built for Node's ABI, not Electron's (${problem}); run npm start once to rebuild it for Electron (docs/native-modules.md)`,
    );
    dataDir = mkdtempSync(join(tmpdir(), 'vigil-electron-'));
    // A small simulated city, so the app starts fast; walls with a budget, so none calibrates.
    writeFileSync(
      join(dataDir, 'vigil.config.json'),
      JSON.stringify({
        platform: { kind: 'simulator', cameras: 200, units: 10 },
        walls: { decoderBudget: 16 },
      }),
    );
    const env = { ...process.env } as Record<string, string>;
    delete env.ELECTRON_RUN_AS_NODE;
    delete env.ELECTRON_RENDERER_URL;
    app = await electron.launch({
      executablePath: binary!,
      args: [mainJs, '--data', dataDir],
      cwd: root,
      env,
      timeout: 60_000,
    });
    const isDesk = (page: Page) => page.url().includes('window=desk');
    desk =
      app.windows().find(isDesk) ??
      (await app.waitForEvent('window', { predicate: isDesk, timeout: 60_000 }));
    await desk.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('the desk window opens on our own scheme', async () => {
    expect(desk.url()).toMatch(/^vigil:\/\/app\/index\.html\?window=desk$/);
    await expect(desk.locator('body')).toBeVisible();
  });

  test('window.vigil is a frozen object with exactly call and onEvent', async () => {
    const bridge = await desk.evaluate(() => {
      const vigil = (window as unknown as { vigil?: Record<string, unknown> }).vigil;
      return {
        present: vigil !== undefined,
        frozen: vigil !== undefined && Object.isFrozen(vigil),
        keys: vigil ? Object.getOwnPropertyNames(vigil).sort() : [],
        call: typeof vigil?.call,
        onEvent: typeof vigil?.onEvent,
      };
    });
    expect(bridge).toEqual({
      present: true,
      frozen: true,
      keys: ['call', 'onEvent'],
      call: 'function',
      onEvent: 'function',
    });
  });

  test('the page has no Node: no require, no process, no ipcRenderer', async () => {
    const globals = await desk.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return {
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
        Buffer: typeof w.Buffer,
        ipcRenderer: typeof w.ipcRenderer,
        electron: typeof w.electron,
      };
    });
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
      ipcRenderer: 'undefined',
      electron: 'undefined',
    });
  });

  test('the bridge reaches the core as the desk', async () => {
    const result = await desk.evaluate(async () => {
      const vigil = (
        window as unknown as { vigil: { call(m: string, i: unknown): Promise<unknown> } }
      ).vigil;
      return (await vigil.call('wall.list', {})) as { ok: boolean; value?: unknown[] };
    });
    expect(result.ok).toBe(true);
    expect(Array.isArray(result.value)).toBe(true);
    const bad = await desk.evaluate(async () => {
      const vigil = (
        window as unknown as { vigil: { call(m: string, i: unknown): Promise<unknown> } }
      ).vigil;
      return vigil.call('no.such.method', {});
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  test('every window, desk and walls, has the bridge and no Node', async () => {
    const count = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    expect(count).toBeGreaterThanOrEqual(2); // the desk and at least one wall
    await expect.poll(() => app.windows().length).toBe(count);
    for (const page of app.windows()) {
      await page.waitForLoadState('domcontentloaded');
      const seen = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        const vigil = w.vigil as object | undefined;
        return {
          frozen: vigil !== undefined && Object.isFrozen(vigil),
          require: typeof w.require,
          process: typeof w.process,
        };
      });
      expect(seen, page.url()).toEqual({
        frozen: true,
        require: 'undefined',
        process: 'undefined',
      });
    }
    expect(app.windows().some((p) => /window=wall&wall=1$/.test(p.url()))).toBe(true);
  });

  test('new windows are denied and navigation away is blocked', async () => {
    const before = app.windows().length;
    const opened = await desk.evaluate(() => window.open('file:///etc/hosts') === null);
    expect(opened).toBe(true);
    expect(app.windows().length).toBe(before);
    await desk.evaluate(() => {
      window.location.href = 'file:///etc/hosts';
    });
    await desk.waitForTimeout(500);
    expect(desk.url()).toMatch(/^vigil:\/\/app\//);
  });

  test('导出 PDF on the weekly report: printToPDF, A4, saved where the dialog says, and said so', async () => {
    test.setTimeout(120_000);
    const pdfPath = join(dataDir, '周报.pdf');
    // The save dialog answers for the operator (it is the main process's, out of the page's reach).
    await app.evaluate(({ dialog }, path) => {
      const asked: unknown[] = [];
      (globalThis as unknown as { vigilAsked: unknown[] }).vigilAsked = asked;
      dialog.showSaveDialog = ((...args: unknown[]) => {
        asked.push(args.at(-1));
        return Promise.resolve({ canceled: false, filePath: path });
      }) as typeof dialog.showSaveDialog;
    }, pdfPath);
    // A watcher signed in (a demo account of the simulator), then the report page of the desk.
    const signedIn = await desk.evaluate(async () => {
      type Answer = {
        ok: boolean;
        value?: { demo: { role: string; name: string; password: string }[] };
      };
      const vigil = (
        window as unknown as { vigil: { call(m: string, i: unknown): Promise<Answer> } }
      ).vigil;
      const session = await vigil.call('session.get', {});
      const account = session.value!.demo.find((a) => a.role === 'watcher')!;
      return (
        await vigil.call('session.signIn', { name: account.name, password: account.password })
      ).ok;
    });
    expect(signedIn).toBe(true);
    await desk.evaluate(() => {
      window.location.search = '?window=desk&view=report';
    });
    const sheet = desk.getByTestId('report-sheet');
    await expect(sheet).toBeVisible({ timeout: 60_000 });
    await desk.getByTestId('report-pdf').click();
    await expect(desk.locator('.report-notice')).toContainText(pdfPath, { timeout: 60_000 });
    const asked = await app.evaluate(
      () => (globalThis as unknown as { vigilAsked: { defaultPath: string }[] }).vigilAsked,
    );
    expect(asked).toHaveLength(1);
    expect(asked[0]!.defaultPath).toMatch(/视频监控周报-\d{4}-W\d{2}\.pdf$/);
    const pdf = readFileSync(pdfPath);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // A4 pages (about 595 × 842 pt), more than one: the report's tables and charts, printed.
    const text = pdf.toString('latin1');
    expect((text.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/\/MediaBox\s*\[\s*0 0 59[5-6][.\d]* 84[1-3][.\d]*\s*\]/);
  });
});
