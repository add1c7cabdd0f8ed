/**
 * What a page may do besides drawing: navigate, open windows, open links, ask for permissions.
 * Pure decisions; main.ts applies them to every webContents.
 */

/** Only http(s) links leave the app, and only to the system browser. */
export function isExternalHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
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
