/**
 * What a page may do besides drawing: navigate, open windows, open links, ask for permissions.
 * Pure decisions; main.ts applies them to every webContents.
 */

/** An http(s) URL (the only kind that may ever leave the app, to the system browser). */
export function isExternalHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Whether a link (window.open, target=_blank) opens in the system browser: only an http(s) URL
 * whose origin is one of `allowedOrigins` (config `security.externalHosts`; empty = none). Names
 * from the platform reach the pages, so a link in them must not open whatever it points at.
 * Origins compare as the URL parser normalises them (case of the host, default ports).
 */
export function mayOpenExternally(url: string, allowedOrigins: readonly string[]): boolean {
  if (!isExternalHttpUrl(url)) return false;
  const origin = new URL(url).origin;
  return allowedOrigins.some((allowed) => {
    try {
      return new URL(allowed).origin === origin;
    } catch {
      return false;
    }
  });
}

/**
 * Permissions our pages get. Everything else (camera, microphone, geolocation, notifications,
 * MIDI, USB, HID, serial, pointer lock, the clipboard read) is denied: the renderer draws video
 * from the platform and needs none of them.
 *  - fullscreen: a tile can go fullscreen on the desk (Element.requestFullscreen).
 *  - clipboard-sanitized-write: "copy camera id" writes text only.
 */
export const allowedPermissions: ReadonlySet<string> = new Set([
  'fullscreen',
  'clipboard-sanitized-write',
]);

export function isPermissionAllowed(permission: string, fromOurPage: boolean): boolean {
  return fromOurPage && allowedPermissions.has(permission);
}
