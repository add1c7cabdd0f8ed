import { describe, expect, it } from 'vitest';
import {
  isExternalHttpUrl,
  isPermissionAllowed,
  mayOpenExternally,
} from '../../../electron/shell/navigation-policy';

describe('navigation policy', () => {
  it('opens only http(s) links externally', () => {
    expect(isExternalHttpUrl('https://example.cn/help')).toBe(true);
    expect(isExternalHttpUrl('http://10.0.0.1/')).toBe(true);
    for (const url of [
      'file:///c:/windows/system32/calc.exe',
      'smb://host/share',
      'javascript:alert(1)',
      'ms-settings:',
      'vigil://app/',
    ]) {
      expect(isExternalHttpUrl(url), url).toBe(false);
    }
  });

  it('opens a link externally only to an allowed origin (security.externalHosts)', () => {
    // Default []: nothing opens, not even a plain https link (a camera name could carry one).
    expect(mayOpenExternally('https://example.cn/help', [])).toBe(false);
    expect(mayOpenExternally('http://evil/', [])).toBe(false);
    const allowed = ['https://help.vigil.local', 'http://10.1.2.3:8080/'];
    expect(mayOpenExternally('https://help.vigil.local/manual#map', allowed)).toBe(true);
    expect(mayOpenExternally('HTTPS://HELP.vigil.local:443/x', allowed)).toBe(true);
    expect(mayOpenExternally('http://10.1.2.3:8080/events?id=1', allowed)).toBe(true);
    for (const url of [
      'http://evil',
      'https://help.vigil.local.evil.cn/',
      'https://help.vigil.local:8443/',
      'http://help.vigil.local/', // another scheme is another origin
      'http://10.1.2.3/',
      'https://user@evil.cn/@help.vigil.local',
      'javascript:alert(1)',
      'file:///c:/windows/system32/calc.exe',
      'not a url',
    ]) {
      expect(mayOpenExternally(url, allowed), url).toBe(false);
    }
  });

  it('denies device and notification permissions, and everything to foreign pages', () => {
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'midiSysex',
      'clipboard-read',
      'openExternal',
      'hid',
      'serial',
      'usb',
    ]) {
      expect(isPermissionAllowed(p, true), p).toBe(false);
    }
    expect(isPermissionAllowed('fullscreen', true)).toBe(true);
    expect(isPermissionAllowed('fullscreen', false)).toBe(false);
  });
});
