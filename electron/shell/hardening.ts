/**
 * The wiring of the navigation and permission policies (navigation-policy.ts) onto Electron's
 * objects: the default session's permission handlers and every webContents' navigation, new-window
 * and <webview> events. main.ts calls these with the real `session.defaultSession` and `app`; the
 * unit tests call them with small fakes and fire the handlers they registered (Electron itself
 * cannot run there). Only types come from 'electron'.
 *
 * Electron's security checklist, items 5 (permission requests), 12 (webview options), 13
 * (navigation), 14 (new windows) and 15 (openExternal): docs/architecture.md, "Electron security
 * checklist".
 */
import type { App, Session, WebContents } from 'electron';
import { isPermissionAllowed, mayOpenExternally } from './navigation-policy';

export interface HardeningOptions {
  /** Whether a URL is one of our renderer's pages (app-protocol.ts isRendererUrl). */
  isOurUrl: (url: string) => boolean;
  log: (line: string) => void;
}

export type PermissionSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;

/**
 * Permissions: only what our pages need (navigation-policy.ts allowedPermissions), asked by one of
 * our pages; devices (HID, USB, serial) never. Requests and checks get the same answer.
 */
export function guardSession(ses: PermissionSession, options: HardeningOptions): void {
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const url = details.requestingUrl || contents.getURL();
    const allowed = isPermissionAllowed(permission, options.isOurUrl(url));
    if (!allowed) options.log(`permission denied: ${permission} for ${url.slice(0, 120)}`);
    callback(allowed);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, options.isOurUrl(requestingOrigin)),
  );
  ses.setDevicePermissionHandler(() => false);
}

export interface ContentsHardeningOptions extends HardeningOptions {
  /**
   * Origins whose links open in the system browser (config `security.externalHosts`). Read at
   * each link: the config is read after the first webContents may exist.
   */
  externalHosts: () => readonly string[];
  /** `shell.openExternal`. */
  openExternal: (url: string) => Promise<void>;
}

export type HardenedContents = Pick<WebContents, 'setWindowOpenHandler' | 'on'>;

/**
 * One webContents, ours or not: no new windows (a link to an origin of `security.externalHosts`
 * opens in the system browser instead), no navigation or redirect away from our pages, no
 * <webview> (webviewTag is off too; this refuses one whatever its options).
 */
export function hardenContents(
  contents: HardenedContents,
  options: ContentsHardeningOptions,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (mayOpenExternally(url, options.externalHosts())) {
      options.openExternal(url).catch((error: unknown) => {
        options.log(`cannot open ${url.slice(0, 120)} externally: ${String(error)}`);
      });
    } else {
      options.log(`blocked window.open(${url.slice(0, 120)})`);
    }
    return { action: 'deny' };
  });
  const stayHome = (event: { preventDefault(): void; url: string }) => {
    if (options.isOurUrl(event.url)) return;
    event.preventDefault();
    options.log(`blocked navigation to ${event.url.slice(0, 120)}`);
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.log('blocked a <webview>');
  });
}

/** Every webContents the app ever creates (windows, and anything else) is hardened at birth. */
export function hardenEveryWebContents(
  app: Pick<App, 'on'>,
  options: ContentsHardeningOptions,
): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, options));
}
