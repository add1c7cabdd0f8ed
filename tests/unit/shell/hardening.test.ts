/**
 * The permission and navigation wiring (electron/shell/hardening.ts) on stand-ins for Electron's
 * session, webContents and app (the real ones need the binary): the handlers it registers are
 * fired the way Electron fires them, and their answers checked.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { App, Session, WebContents } from 'electron';
import { isRendererUrl } from '../../../electron/shell/app-protocol';
import {
  guardSession,
  hardenContents,
  hardenEveryWebContents,
  type ContentsHardeningOptions,
} from '../../../electron/shell/hardening';

type RequestHandler = Parameters<Session['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<Session['setPermissionCheckHandler']>[0];
type DeviceHandler = Parameters<Session['setDevicePermissionHandler']>[0];
type OpenHandler = Parameters<WebContents['setWindowOpenHandler']>[0];

const OURS = 'vigil://app/index.html?window=desk';
const isOurUrl = (url: string) => isRendererUrl(url);

class FakeSession {
  request: RequestHandler = null;
  check: CheckHandler = null;
  device: DeviceHandler = null;
  setPermissionRequestHandler = (h: RequestHandler) => void (this.request = h);
  setPermissionCheckHandler = (h: CheckHandler) => void (this.check = h);
  setDevicePermissionHandler = (h: DeviceHandler) => void (this.device = h);
}

class FakeContents extends EventEmitter {
  openHandler: OpenHandler | null = null;
  constructor(private readonly url = OURS) {
    super();
  }
  getURL = () => this.url;
  setWindowOpenHandler = (h: OpenHandler) => void (this.openHandler = h);
  /** Fires a navigation-like event as Electron does: preventDefault on the event stops it. */
  fire(name: string, url = ''): boolean {
    let prevented = false;
    this.emit(name, { url, preventDefault: () => (prevented = true) });
    return prevented;
  }
  open(url: string) {
    return this.openHandler!({ url } as never);
  }
}

function guarded() {
  const ses = new FakeSession();
  const log = vi.fn<(line: string) => void>();
  guardSession(ses as unknown as Session, { isOurUrl, log });
  const request = (permission: string, requestingUrl: string, contentsUrl = OURS) => {
    let answer: boolean | undefined;
    ses.request!(
      new FakeContents(contentsUrl) as unknown as WebContents,
      permission as never,
      (granted) => (answer = granted),
      { requestingUrl } as never,
    );
    return answer;
  };
  const check = (permission: string, origin: string) =>
    ses.check!(null, permission as never, origin, {} as never);
  return { ses, log, request, check };
}

function hardened(overrides: Partial<ContentsHardeningOptions> = {}) {
  const contents = new FakeContents();
  const options = {
    isOurUrl,
    externalHosts: () => [] as readonly string[],
    openExternal: vi.fn(async (_url: string) => {}),
    log: vi.fn<(line: string) => void>(),
    ...overrides,
  };
  hardenContents(contents as unknown as WebContents, options);
  return { contents, options };
}

describe('guardSession: permissions', () => {
  it('registers a request, a check and a device handler', () => {
    const { ses } = guarded();
    expect(ses.request).toBeTypeOf('function');
    expect(ses.check).toBeTypeOf('function');
    expect(ses.device).toBeTypeOf('function');
  });

  it('grants our pages fullscreen and sanitized clipboard writes, nothing else', () => {
    const { request, log } = guarded();
    expect(request('fullscreen', OURS)).toBe(true);
    expect(request('clipboard-sanitized-write', OURS)).toBe(true);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(request(p, OURS), p).toBe(false);
    }
    expect(log).toHaveBeenCalledWith(expect.stringContaining('permission denied: media'));
  });

  it('denies a foreign page even what ours may have', () => {
    const { request } = guarded();
    expect(request('fullscreen', 'https://evil.example/')).toBe(false);
    // No requestingUrl: the webContents' own URL decides.
    expect(request('fullscreen', '', 'https://evil.example/')).toBe(false);
    expect(request('fullscreen', '', OURS)).toBe(true);
  });

  it('permission checks answer as requests do, by the requesting origin', () => {
    const { check } = guarded();
    expect(check('fullscreen', 'vigil://app')).toBe(true);
    expect(check('fullscreen', 'https://evil.example')).toBe(false);
    for (const p of ['media', 'hid', 'serial', 'usb', 'geolocation']) {
      expect(check(p, 'vigil://app'), p).toBe(false);
    }
  });

  it('never grants a device (HID, USB, serial)', () => {
    const { ses } = guarded();
    expect(ses.device!({ deviceType: 'hid', origin: 'vigil://app' } as never)).toBe(false);
  });
});

describe('hardenContents: new windows and links', () => {
  it('denies every new window; a link to no allowed origin goes nowhere', () => {
    const { contents, options } = hardened();
    for (const url of ['https://example.cn/', 'file:///etc/hosts', OURS, 'javascript:alert(1)']) {
      expect(contents.open(url), url).toEqual({ action: 'deny' });
    }
    expect(options.openExternal).not.toHaveBeenCalled();
    expect(options.log).toHaveBeenCalledWith('blocked window.open(file:///etc/hosts)');
  });

  it('opens a link to an origin of security.externalHosts in the system browser, read at each link', () => {
    let hosts: readonly string[] = [];
    const openExternal = vi.fn(async (_url: string) => {});
    const { contents } = hardened({ externalHosts: () => hosts, openExternal });
    contents.open('https://help.vigil.local/manual');
    expect(openExternal).not.toHaveBeenCalled();
    hosts = ['https://help.vigil.local']; // the config arrives after the first webContents
    expect(contents.open('https://help.vigil.local/manual')).toEqual({ action: 'deny' });
    expect(contents.open('https://help.vigil.local.evil.cn/')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://help.vigil.local/manual']]);
  });

  it('a failing openExternal is logged, not an unhandled rejection', async () => {
    const { contents, options } = hardened({
      externalHosts: () => ['https://help.vigil.local'],
      openExternal: async () => {
        throw new Error('no browser');
      },
    });
    contents.open('https://help.vigil.local/');
    await vi.waitFor(() =>
      expect(options.log).toHaveBeenCalledWith(expect.stringContaining('no browser')),
    );
  });
});

describe('hardenContents: navigation and <webview>', () => {
  it('lets our pages navigate among themselves, and stops navigation anywhere else', () => {
    const { contents, options } = hardened();
    expect(contents.fire('will-navigate', 'vigil://app/index.html?window=wall&wall=2')).toBe(false);
    for (const url of ['https://evil.example/', 'file:///etc/hosts', 'about:blank', 'vigil://x/']) {
      expect(contents.fire('will-navigate', url), url).toBe(true);
    }
    expect(options.log).toHaveBeenCalledWith('blocked navigation to file:///etc/hosts');
  });

  it('stops a redirect away from our pages', () => {
    const { contents } = hardened();
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-redirect', OURS)).toBe(false);
  });

  it('refuses every <webview>', () => {
    const { contents } = hardened();
    expect(contents.fire('will-attach-webview')).toBe(true);
  });

  it('in development, the dev server is ours too (and only it)', () => {
    const dev = 'http://localhost:5173/';
    const { contents } = hardened({ isOurUrl: (url) => isRendererUrl(url, dev) });
    expect(contents.fire('will-navigate', 'http://localhost:5173/index.html')).toBe(false);
    expect(contents.fire('will-navigate', 'http://localhost:5174/')).toBe(true);
  });
});

describe('hardenEveryWebContents', () => {
  it('hardens each webContents the app creates, at birth', () => {
    const app = new EventEmitter();
    const options = {
      isOurUrl,
      externalHosts: () => [],
      openExternal: vi.fn(async () => {}),
      log: () => {},
    };
    hardenEveryWebContents(app as unknown as App, options);
    const contents = new FakeContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.openHandler).toBeTypeOf('function');
    expect(contents.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
  });
});
