import { describe, expect, it } from 'vitest';
import {
  DARK_BACKGROUND,
  deskWindowOptions,
  secureWebPreferences,
  wallWindowOptions,
} from '../../../electron/shell/window-options';

const preload = '/app/out/preload/index.cjs';
const bounds = { x: 1920, y: 0, width: 1920, height: 1080 };

describe('secureWebPreferences', () => {
  for (const wall of [false, true]) {
    it(`${wall ? 'wall' : 'desk'}: isolated, sandboxed, no Node, web security on`, () => {
      const prefs = secureWebPreferences({ preload, wall, devTools: false });
      expect(prefs).toMatchObject({
        preload,
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
        devTools: false,
      });
      expect(prefs).not.toHaveProperty('enableBlinkFeatures');
      expect(prefs).not.toHaveProperty('additionalArguments');
    });
  }

  it('walls keep playing when unfocused; the desk is throttled like any page', () => {
    expect(secureWebPreferences({ preload, wall: true, devTools: false })).toMatchObject({
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
    });
    expect(
      secureWebPreferences({ preload, wall: false, devTools: false }).backgroundThrottling,
    ).toBe(true);
  });
});

describe('window options', () => {
  it('a wall on its own display is a frameless dark kiosk, fullscreen on that display', () => {
    const options = wallWindowOptions({
      wallId: 3,
      bounds,
      mode: 'fullscreen',
      preload,
      devTools: false,
    });
    expect(options).toMatchObject({
      ...bounds,
      frame: false,
      fullscreen: true,
      kiosk: true,
      show: false,
      backgroundColor: DARK_BACKGROUND,
    });
    expect(options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
  });

  it('a wall on a logical monitor is frameless and fixed on its rectangle, not OS fullscreen', () => {
    const options = wallWindowOptions({
      wallId: 4,
      bounds,
      mode: 'panel',
      preload,
      devTools: false,
    });
    expect(options).toMatchObject({
      ...bounds,
      frame: false,
      fullscreen: false,
      kiosk: false,
      fullscreenable: false,
      resizable: false,
      movable: false,
      skipTaskbar: true,
    });
  });

  it('a merged wall is an ordinary window', () => {
    const options = wallWindowOptions({
      wallId: 2,
      bounds,
      mode: 'windowed',
      preload,
      devTools: true,
    });
    expect(options).toMatchObject({
      frame: true,
      fullscreen: false,
      kiosk: false,
      resizable: true,
    });
    expect(options.webPreferences?.devTools).toBe(true);
  });

  it('the desk is a framed window on its display, hidden until ready, dark', () => {
    const options = deskWindowOptions({ bounds, preload, devTools: false });
    expect(options).toMatchObject({ ...bounds, show: false, backgroundColor: DARK_BACKGROUND });
    expect(options.frame).toBeUndefined();
    expect(options.webPreferences).toMatchObject({ sandbox: true, nodeIntegration: false });
  });

  it('the background is dark', () => {
    const hex = DARK_BACKGROUND.slice(1);
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
    expect(Math.max(r!, g!, b!)).toBeLessThan(48);
  });
});
