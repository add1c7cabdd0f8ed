/**
 * The windows on screen, kept equal to the display plan: one desk, one wall window per planned
 * wall (display-planner.ts). Applying a new plan (a monitor plugged in or out) moves, creates or
 * closes only what changed. A renderer that dies is reloaded: all state lives in the core, so
 * the page restores itself from it.
 */
import { BrowserWindow, type WebContents } from 'electron';
import type { WallWindowPlan, WindowPlan } from './display-planner';
import { rendererUrl, type WindowRole } from './app-protocol';
import { deskWindowOptions, wallWindowOptions } from './window-options';

export interface WindowManagerOptions {
  /** The renderer's base URL: vigil://app/index.html, or the dev server's. */
  rendererBase: string;
  preload: string;
  devTools: boolean;
  /** `--kiosk`: the desk is a fullscreen kiosk window (a hall PC). */
  kiosk?: boolean;
  /** Walls the core keeps state for; planned walls beyond it wait for a restart. */
  wallCount: number;
  /** Called for every window created (the IPC host registers it). */
  onCreated: (contents: WebContents, role: WindowRole) => void;
  /** Wall windows open or not (the power-save blocker follows it). */
  onWallsShown: (count: number) => void;
  /** The desk was closed by the operator: the app quits. */
  onDeskClosed: () => void;
  log: (line: string) => void;
}

interface WallWindow {
  window: BrowserWindow;
  plan: WallWindowPlan;
}

/** A window whose renderer crashed is reloaded after 1 s, 2 s, 4 s … at most 30 s. */
const RELOAD_DELAY_MAX_MS = 30_000;
/** A renderer hung this long is killed (and so reloaded). */
const UNRESPONSIVE_KILL_MS = 20_000;

export class WindowManager {
  private desk: BrowserWindow | null = null;
  private deskDisplayId: number | null = null;
  private readonly walls = new Map<number, WallWindow>();
  private quitting = false;

  constructor(private readonly options: WindowManagerOptions) {}

  get deskWindow(): BrowserWindow | null {
    return this.desk;
  }

  apply(plan: WindowPlan): void {
    this.applyDesk(plan);
    const wanted = new Map(
      plan.walls
        .filter((w) => w.mode !== 'parked' && w.bounds !== null)
        .filter((w) => {
          if (w.wallId <= this.options.wallCount) return true;
          this.options.log(`wall ${w.wallId}: a new display; restart Vigil to show a wall on it`);
          return false;
        })
        .map((w) => [w.wallId, w]),
    );
    for (const [wallId, current] of this.walls) {
      const next = wanted.get(wallId);
      if (!next || next.mode !== current.plan.mode) {
        this.walls.delete(wallId);
        current.window.destroy();
      }
    }
    for (const [wallId, wall] of wanted) {
      const current = this.walls.get(wallId);
      if (current) {
        if (
          current.plan.displayId !== wall.displayId ||
          !sameRect(current.plan.bounds, wall.bounds)
        ) {
          this.place(current.window, wall);
        }
        current.plan = wall;
      } else {
        this.walls.set(wallId, { window: this.createWall(wall), plan: wall });
      }
      if (wall.note) this.options.log(`wall ${wallId}: ${wall.note}`);
    }
    for (const wall of plan.walls) {
      if (wall.mode === 'parked')
        this.options.log(`wall ${wall.wallId}: parked (${wall.note ?? ''})`);
    }
    this.options.onWallsShown(this.walls.size);
  }

  /** Focus the desk (a second instance was started). */
  focusDesk(): void {
    if (!this.desk || this.desk.isDestroyed()) return;
    if (this.desk.isMinimized()) this.desk.restore();
    this.desk.show();
    this.desk.focus();
  }

  /** The renderer process of every open wall window (for the memory guard). */
  wallProcesses(): { wallId: number; pid: number }[] {
    return [...this.walls]
      .filter(([, { window }]) => !window.isDestroyed() && !window.webContents.isCrashed())
      .map(([wallId, { window }]) => ({ wallId, pid: window.webContents.getOSProcessId() }));
  }

  /**
   * Reloads a wall window (its state is in the core, so it comes back as it was); `notice` tells
   * the page why, and it says so on screen for a while.
   */
  reloadWall(wallId: number, notice: 'memory'): void {
    const window = this.walls.get(wallId)?.window;
    if (!window || window.isDestroyed()) return;
    const url = new URL(rendererUrl(this.options.rendererBase, { kind: 'wall', wallId }));
    url.searchParams.set('notice', notice);
    void window.loadURL(url.toString()).catch((error: unknown) => {
      this.options.log(`wall ${wallId}: cannot reload: ${String(error)}`);
    });
  }

  closeAll(): void {
    this.quitting = true;
    for (const { window } of this.walls.values()) if (!window.isDestroyed()) window.destroy();
    this.walls.clear();
    if (this.desk && !this.desk.isDestroyed()) this.desk.destroy();
    this.desk = null;
  }

  private applyDesk(plan: WindowPlan): void {
    if (this.desk && !this.desk.isDestroyed()) {
      // Move the desk only when its display changed; otherwise leave it where the operator put it.
      if (this.deskDisplayId !== plan.desk.displayId) {
        this.desk.setBounds(plan.desk.bounds);
        this.desk.maximize();
      }
      this.deskDisplayId = plan.desk.displayId;
      return;
    }
    const desk = new BrowserWindow(
      deskWindowOptions({
        bounds: plan.desk.bounds,
        preload: this.options.preload,
        devTools: this.options.devTools,
        kiosk: this.options.kiosk ?? false,
      }),
    );
    this.desk = desk;
    this.deskDisplayId = plan.desk.displayId;
    desk.once('ready-to-show', () => {
      desk.maximize();
      desk.show();
    });
    desk.on('closed', () => {
      this.desk = null;
      if (!this.quitting) this.options.onDeskClosed();
    });
    this.load(desk, { kind: 'desk' });
  }

  private createWall(plan: WallWindowPlan): BrowserWindow {
    const bounds = plan.bounds!;
    const mode = plan.mode === 'parked' ? 'windowed' : plan.mode;
    const window = new BrowserWindow(
      wallWindowOptions({
        wallId: plan.wallId,
        bounds,
        mode,
        preload: this.options.preload,
        devTools: this.options.devTools,
      }),
    );
    // A wall never steals focus from the desk.
    window.once('ready-to-show', () => window.showInactive());
    window.on('closed', () => {
      const entry = this.walls.get(plan.wallId);
      if (entry?.window === window) {
        this.walls.delete(plan.wallId);
        if (!this.quitting) this.options.onWallsShown(this.walls.size);
      }
    });
    this.load(window, { kind: 'wall', wallId: plan.wallId });
    return window;
  }

  private place(window: BrowserWindow, plan: WallWindowPlan): void {
    if (!plan.bounds) return;
    const fullscreen = plan.mode === 'fullscreen';
    // Leave fullscreen before moving, or the window stays on the old display.
    if (fullscreen) {
      window.setKiosk(false);
      window.setFullScreen(false);
    }
    window.setBounds(plan.bounds);
    if (fullscreen) window.setKiosk(true);
  }

  private load(window: BrowserWindow, role: WindowRole): void {
    const contents = window.webContents;
    const url = rendererUrl(this.options.rendererBase, role);
    const name = role.kind === 'wall' ? `wall ${role.wallId}` : 'desk';
    this.options.onCreated(contents, role);

    let crashes = 0;
    let hung: NodeJS.Timeout | null = null;
    contents.on('render-process-gone', (_event, details) => {
      if (this.quitting || window.isDestroyed()) return;
      const delay = Math.min(RELOAD_DELAY_MAX_MS, 1000 * 2 ** crashes++);
      this.options.log(`${name}: renderer gone (${details.reason}); reloading in ${delay} ms`);
      setTimeout(() => {
        if (!window.isDestroyed()) void window.loadURL(url).catch(() => {});
      }, delay);
    });
    contents.on('did-finish-load', () => {
      // A page that loads and lives a minute resets the crash back-off.
      setTimeout(() => {
        if (!window.isDestroyed() && !contents.isCrashed()) crashes = 0;
      }, 60_000);
    });
    window.on('unresponsive', () => {
      this.options.log(`${name}: renderer unresponsive`);
      hung ??= setTimeout(() => {
        hung = null;
        if (window.isDestroyed()) return;
        this.options.log(`${name}: still hung after ${UNRESPONSIVE_KILL_MS} ms; restarting it`);
        contents.forcefullyCrashRenderer();
      }, UNRESPONSIVE_KILL_MS);
    });
    window.on('responsive', () => {
      if (hung) clearTimeout(hung);
      hung = null;
    });
    window.on('closed', () => {
      if (hung) clearTimeout(hung);
    });
    void window.loadURL(url).catch((error: unknown) => {
      this.options.log(`${name}: cannot load ${url}: ${String(error)}`);
    });
  }
}

function sameRect(a: WallWindowPlan['bounds'], b: WallWindowPlan['bounds']): boolean {
  return (
    a === b ||
    (a !== null &&
      b !== null &&
      a.x === b.x &&
      a.y === b.y &&
      a.width === b.width &&
      a.height === b.height)
  );
}
