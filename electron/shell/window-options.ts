/**
 * BrowserWindow options for the desk and the walls, as plain data so the security settings are
 * unit-tested (and so a reviewer reads them in one place). Only types come from 'electron'.
 *
 * The electron-vite template turns the sandbox off; we do not: the preload needs nothing but
 * contextBridge and ipcRenderer, which a sandboxed preload has.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { Rect, WallWindowMode } from './display-planner';

/** The hall is dark: no white flash while a window loads. */
export const DARK_BACKGROUND = '#0b0e13';

export interface WebPreferenceOptions {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  preload: string;
  /** Wall windows play video unattended: no background throttling, autoplay without a gesture. */
  wall: boolean;
  /** DevTools only in development. */
  devTools: boolean;
}

export function secureWebPreferences(options: WebPreferenceOptions): WebPreferences {
  return {
    preload: options.preload,
    // The renderer is a web page: it reaches the core only through window.vigil.
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: options.devTools,
    // A wall is never focused; throttled timers would stall rotation and stream recovery.
    backgroundThrottling: !options.wall,
    autoplayPolicy: options.wall ? 'no-user-gesture-required' : 'document-user-activation-required',
  };
}

export interface DeskWindowOptions {
  bounds: Rect;
  preload: string;
  devTools: boolean;
  /** `vigil --kiosk`: fullscreen kiosk on its display, no frame, no menu bar. */
  kiosk?: boolean;
}

export function deskWindowOptions(options: DeskWindowOptions): BrowserWindowConstructorOptions {
  return {
    ...options.bounds,
    minWidth: 1024,
    minHeight: 640,
    title: 'Vigil',
    show: false,
    backgroundColor: DARK_BACKGROUND,
    autoHideMenuBar: true,
    ...(options.kiosk
      ? { kiosk: true, fullscreen: true, frame: false, minimizable: false, movable: false }
      : {}),
    webPreferences: secureWebPreferences({
      preload: options.preload,
      wall: false,
      devTools: options.devTools,
    }),
  };
}

export interface WallWindowOptions {
  wallId: number;
  bounds: Rect;
  /**
   * `fullscreen`: kiosk on its own display; `panel`: frameless and fixed on one logical monitor
   * of a split display; `windowed`: an ordinary window.
   */
  mode: Exclude<WallWindowMode, 'parked'>;
  preload: string;
  devTools: boolean;
}

export function wallWindowOptions(options: WallWindowOptions): BrowserWindowConstructorOptions {
  const fullscreen = options.mode === 'fullscreen';
  // A logical monitor is part of one OS display: OS fullscreen would cover all of it, so the
  // wall is a frameless window fixed on its rectangle, like kiosk in every other respect.
  const panel = options.mode === 'panel';
  const fixed = fullscreen || panel;
  return {
    ...options.bounds,
    title: `Vigil · wall ${options.wallId}`,
    show: false,
    backgroundColor: DARK_BACKGROUND,
    autoHideMenuBar: true,
    // On its own display a wall is kiosk: frameless, fullscreen, no way to close it by accident.
    frame: !fixed,
    fullscreen,
    kiosk: fullscreen,
    fullscreenable: !panel,
    resizable: !fixed,
    movable: !fixed,
    minimizable: !fixed,
    ...(panel ? { skipTaskbar: true, hasShadow: false, roundedCorners: false } : {}),
    closable: true,
    webPreferences: secureWebPreferences({
      preload: options.preload,
      wall: true,
      devTools: options.devTools,
    }),
  };
}
