import { describe, expect, it } from 'vitest';
import { isExternalHttpUrl, isPermissionAllowed } from '../../../electron/shell/navigation-policy';

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
