/**
 * The Electron main process: a thin shell around the station core. It reads the config (a bad one
 * stops the app with the reason, never a half-configured start), starts the core, opens the desk
 * and one wall window per display, carries the contract over IPC, keeps the displays awake while
 * walls show video, reloads crashed renderers, follows monitors being plugged in and out, and
 * stops the core on quit.
 *
 * `vigil [--data DIR] [--config FILE] [--kiosk]`; in development electron-vite sets
 * ELECTRON_RENDERER_URL. `--kiosk`: the desk fullscreen with no menu (a hall PC). `vigil --doctor
 * [--json]` and `vigil --support-bundle FILE` check the workstation and exit (doctor-checks.ts).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, Menu, powerSaveBlocker, protocol, screen, session, shell } from 'electron';
import { createStation } from '../station';
import { ConfigError, loadConfig, type VigilConfig } from '../station/config';
import { provisionMachineConfig, withMachineConfig } from '../station/provision';
import type { Station } from '../station/station';
import { VigilError } from '../../shared/result';
import { appRequestHandler } from './app-handler';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, isRendererUrl } from './app-protocol';
import { shellCsp } from './csp';
import { displayMemoryPath, readDisplayMemory, writeDisplayMemory } from './display-memory';
import { planWindows, type DisplaySplit, type WindowPlan } from './display-planner';
import { IpcHost } from './ipc-host';
import { parseLaunchArgs, parseLaunchMode, resolvePaths } from './launch-args';
import { MEMORY_SAMPLE_MS, MemoryGuard } from './memory-guard';
import { savePagePdf } from './pdf-export';
import { guardSession, hardenEveryWebContents } from './hardening';
import { WindowManager } from './window-manager';

const here = dirname(fileURLToPath(import.meta.url));
/** out/main/index.js → out/preload/index.cjs and out/renderer/. */
const preloadPath = join(here, '..', 'preload', 'index.cjs');
const rendererDir = join(here, '..', 'renderer');
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const isOurUrl = (url: string) => isRendererUrl(url, devServerUrl);

const log = (line: string): void => void process.stderr.write(`[vigil] ${line}\n`);

// Must happen before `ready`: our scheme is a standard, secure origin that can use fetch.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

const args = parseLaunchArgs(process.argv);
const launch = parseLaunchMode(process.argv);
// Windows, packaged, no --config or --data: the machine's config, %ProgramData%\Vigil\
// vigil.config.json, written at the first start from the MSI's properties in HKLM\Software\Vigil
// (provision.ts; a bad one stops start() naming its key). Without either: as before.
const machine =
  process.platform === 'win32' &&
  app.isPackaged &&
  args.configPath === null &&
  args.dataDir === null
    ? provisionMachineConfig(process.env.ProgramData)
    : null;
const paths = withMachineConfig(
  resolvePaths(args, app.getPath('userData'), process.cwd()),
  machine,
);
// Chromium's profile (its caches, the single-instance lock) lives in the data folder too, so
// `--data` isolates a run completely (the tests start each run with a fresh folder).
mkdirSync(paths.dataDir, { recursive: true });
app.setPath('userData', paths.dataDir);
if (process.platform === 'win32') app.setAppUserModelId('cn.vigil.workstation');

let station: Station | null = null;
/** Displays split into logical monitors (config `walls.splitDisplays`). */
let splits: readonly DisplaySplit[] = [];
/** Origins whose links open in the system browser (config `security.externalHosts`). */
let externalHosts: readonly string[] = [];
let ipcHost: IpcHost | null = null;
let windows: WindowManager | null = null;
let blockerId: number | null = null;
/** Set once the core has stopped: the next quit goes through. */
let readyToQuit = false;
let stopping: Promise<void> | null = null;
let memoryTimer: NodeJS.Timeout | null = null;

if (launch.mode !== 'app') {
  // The installer's commands: no window, no lock (they run beside a running app), then exit.
  app
    .whenReady()
    .then(doctor)
    .then((code) => app.exit(code))
    .catch((error: unknown) => {
      log(`doctor: ${String(error)}`);
      app.exit(1);
    });
} else if (!app.requestSingleInstanceLock()) {
  // Another Vigil owns this data folder: it gets focus (second-instance), this one leaves.
  app.quit();
} else {
  app.on('second-instance', () => windows?.focusDesk());
  // Every webContents, ours or not: no new windows, no navigation away, no <webview>; a link
  // opens in the system browser only to an origin of `security.externalHosts` (hardening.ts).
  hardenEveryWebContents(app, {
    isOurUrl,
    externalHosts: () => externalHosts,
    openExternal: (url) => shell.openExternal(url),
    log,
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (readyToQuit) return;
    // Closing the windows below fires more quits; all of them wait for the same stop.
    event.preventDefault();
    void shutdown().finally(() => {
      readyToQuit = true;
      app.quit();
    });
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fatal('Vigil could not start', error));
}

async function start(): Promise<void> {
  if (machine?.error) return fatal('Vigil: the configuration is not valid', machine.error);
  let config: VigilConfig;
  try {
    config = loadConfig(
      paths.configExplicit || existsSync(paths.configPath) ? paths.configPath : undefined,
      { mustExist: paths.configExplicit },
    );
  } catch (error) {
    if (error instanceof ConfigError) return fatal('Vigil: the configuration is not valid', error);
    throw error;
  }

  // Permissions: only what our pages need (navigation-policy.ts); devices never.
  guardSession(session.defaultSession, { isOurUrl, log });
  const memoryFile = displayMemoryPath(paths.dataDir);
  splits = config.walls.splitDisplays;
  externalHosts = config.security.externalHosts;
  const plan = currentPlan(readDisplayMemory(memoryFile));
  rememberPlan(memoryFile, plan);

  // The built-in simulator's cameras fail and get repaired as time goes by (electron/sim's live
  // failures) unless VIGIL_SIM_FAILURES=off; startSimulator reads it.
  process.env.VIGIL_SIM_FAILURES ??= 'on';
  const core: Station = await createStation({
    config,
    dataDir: paths.dataDir,
    wallCount: plan.wallCount,
    log,
    shell: {
      // 导出 PDF: the page the calling window shows (the desk's weekly report), A4, where the
      // operator picks (pdf-export.ts).
      savePdf: async ({ caller, defaultName }) => {
        const contents = ipcHost?.contentsOf(caller);
        if (!contents) throw new VigilError('not-found', 'the window asking for the PDF is gone');
        return savePagePdf(contents, defaultName, { folder: app.getPath('documents'), log });
      },
    },
  });
  station = core;
  const csp = shellCsp({
    streamHosts: config.security.streamHosts,
    tileHosts: config.security.tileHosts,
    platformOrigins: core.platformOrigins(),
    ...(devServerUrl ? { devServerUrl } : {}),
  });
  if (csp.rejected.length) log(`csp: left out (not an origin): ${csp.rejected.join(', ')}`);
  serveRenderer(csp.policy);

  ipcHost = new IpcHost({ station: core, isOurUrl, log });
  ipcHost.start();
  // A hall PC's desk: fullscreen kiosk and no menu (no Alt menu, no reload or close shortcuts).
  if (launch.kiosk) Menu.setApplicationMenu(null);
  windows = new WindowManager({
    kiosk: launch.kiosk,
    rendererBase: devServerUrl ?? APP_INDEX_URL,
    preload: preloadPath,
    devTools: !app.isPackaged,
    wallCount: core.wallCount,
    onCreated: (contents, role) => ipcHost?.register(contents, role),
    onWallsShown: keepDisplaysAwake,
    onDeskClosed: () => app.quit(),
    log,
  });
  windows.apply(plan);
  guardWallMemory(config.walls.memoryLimitMb);

  // Monitors come and go (a wall controller restarts, a cable is pulled): re-plan, debounced,
  // because Windows reports one change per display.
  let timer: NodeJS.Timeout | null = null;
  const replan = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (!windows || stopping) return;
      const next = currentPlan(readDisplayMemory(memoryFile));
      rememberPlan(memoryFile, next);
      windows.apply(next);
    }, 750);
  };
  screen.on('display-added', replan);
  screen.on('display-removed', replan);
  screen.on('display-metrics-changed', replan);
}

function currentPlan(saved: ReturnType<typeof readDisplayMemory>): WindowPlan {
  return planWindows(screen.getAllDisplays(), saved, {
    primaryDisplayId: screen.getPrimaryDisplay().id,
    splits,
  });
}

function rememberPlan(file: string, plan: WindowPlan): void {
  try {
    writeDisplayMemory(file, plan.layout);
  } catch (error) {
    log(`cannot remember the display layout in ${file}: ${String(error)}`);
  }
}

/** The renderer from out/renderer over vigil://app, every response with our CSP. */
function serveRenderer(policy: string): void {
  protocol.handle(
    APP_SCHEME,
    appRequestHandler({
      rendererDir,
      policy,
      tiles: async (z, x, y) => station?.tiles(z, x, y),
    }),
  );
  if (devServerUrl) {
    // electron-vite dev: the same CSP (plus what Vite's HMR needs) on the dev server's pages.
    const origin = new URL(devServerUrl).origin;
    session.defaultSession.webRequest.onHeadersReceived(
      { urls: [`${origin}/*`] },
      (details, callback) => {
        callback({
          responseHeaders: {
            ...details.responseHeaders,
            'Content-Security-Policy': [policy],
          },
        });
      },
    );
  }
}

/** Once a minute, a wall renderer over `walls.memoryLimitMb` is reloaded (memory-guard.ts). */
function guardWallMemory(limitMb: number): void {
  if (limitMb <= 0) return;
  const guard = new MemoryGuard({ limitMb });
  memoryTimer = setInterval(() => {
    if (!windows || stopping) return;
    // ProcessMetric memory is in kilobytes.
    const workingSet = new Map(
      app.getAppMetrics().map((m) => [m.pid, m.memory.workingSetSize / 1024] as const),
    );
    const samples = windows.wallProcesses().flatMap(({ wallId, pid }) => {
      const mb = workingSet.get(pid);
      return mb === undefined ? [] : [{ wallId, mb }];
    });
    const due = guard.check(samples, Date.now());
    if (!due) return;
    log(
      `wall ${due.wallId}: renderer at ${Math.round(due.mb)} MB (limit ${limitMb}); reloading it`,
    );
    windows.reloadWall(due.wallId, 'memory');
  }, MEMORY_SAMPLE_MS);
}

/** Displays stay awake while any wall window is up (a wall that sleeps shows nothing). */
function keepDisplaysAwake(wallWindows: number): void {
  if (wallWindows > 0 && blockerId === null) {
    blockerId = powerSaveBlocker.start('prevent-display-sleep');
  } else if (wallWindows === 0 && blockerId !== null) {
    powerSaveBlocker.stop(blockerId);
    blockerId = null;
  }
}

/** Stops everything once, whoever asks first (a quit, a fatal error). */
function shutdown(): Promise<void> {
  stopping ??= (async () => {
    keepDisplaysAwake(0);
    if (memoryTimer) clearInterval(memoryTimer);
    ipcHost?.stop();
    windows?.closeAll();
    try {
      await station?.stop();
    } catch (error) {
      log(`stopping the station: ${String(error)}`);
    }
  })();
  return stopping;
}

function fatal(title: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  log(`${title}: ${message}`);
  // A dialog the operator cannot miss; then quit without touching a half-started core.
  dialog.showErrorBox(title, message);
  void shutdown().finally(() => {
    readyToQuit = true;
    app.exit(1);
  });
}

/** `vigil --doctor` / `--support-bundle FILE`: the station's checks plus this app's own. */
async function doctor(): Promise<number> {
  const { doctorCommand } = await import('../station/doctor/command');
  const { decoderBudgetResult, readStoredBudget } = await import('../station/doctor/budget');
  const { displaysResult, videoDecodeResults } = await import('./doctor-checks');
  return doctorCommand({
    command: launch.mode === 'support-bundle' ? 'support-bundle' : 'doctor',
    ...(launch.bundleFile !== null ? { bundleFile: launch.bundleFile } : {}),
    json: launch.json,
    host: 'Electron app',
    configPath: paths.configPath,
    configExplicit: paths.configExplicit,
    dataDir: paths.dataDir,
    ...(machine?.error ? { configError: machine.error.message } : {}),
    versions: {
      version: app.getVersion(),
      electron: process.versions.electron ?? '',
      chrome: process.versions.chrome ?? '',
    },
    logNote: 'the terminal it was started from; nothing when started from the desktop or autostart',
    hostChecks: async (config) => {
      const displays = screen.getAllDisplays();
      const plan = planWindows(displays, readDisplayMemory(displayMemoryPath(paths.dataDir)), {
        primaryDisplayId: screen.getPrimaryDisplay().id,
        splits: config?.walls.splitDisplays ?? [],
      });
      const gpuInfo = await Promise.race([
        app.getGPUInfo('complete'),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000)),
      ]).catch(() => null);
      return [
        displaysResult(displays, plan),
        ...videoDecodeResults(
          app.getGPUFeatureStatus() as unknown as Record<string, string>,
          gpuInfo,
        ),
        decoderBudgetResult(config?.walls.decoderBudget ?? 'auto', readStoredBudget(paths.dataDir)),
      ];
    },
    out: (text) => void process.stdout.write(text),
  });
}
