import { describe, expect, it } from 'vitest';
import { isRendererUrl, type WindowRole } from '../../../electron/shell/app-protocol';
import { checkSender } from '../../../electron/shell/sender-check';

const windows = new Map<number, WindowRole>([
  [1, { kind: 'desk' }],
  [2, { kind: 'wall', wallId: 1 }],
  [3, { kind: 'wall', wallId: 2 }],
]);
const ours = (url: string) => isRendererUrl(url);
const main = (url: string) => ({ url, isMainFrame: true });

describe('checkSender', () => {
  it('maps the desk window to a desk caller (the operator comes from the session)', () => {
    expect(
      checkSender(
        { webContentsId: 1, frame: main('vigil://app/index.html?window=desk') },
        windows,
        ours,
      ),
    ).toEqual({ ok: true, caller: { window: 'desk' } });
  });

  it('maps a wall window to its wall, whatever its URL claims', () => {
    const verdict = checkSender(
      { webContentsId: 3, frame: main('vigil://app/index.html?window=desk') },
      windows,
      ours,
    );
    expect(verdict).toEqual({
      ok: true,
      caller: { window: 'wall', wallId: 2 },
    });
  });

  it('refuses a webContents we did not create', () => {
    const verdict = checkSender(
      { webContentsId: 9, frame: main('vigil://app/index.html') },
      windows,
      ours,
    );
    expect(verdict.ok).toBe(false);
  });

  it('refuses a subframe, even on our page', () => {
    const verdict = checkSender(
      { webContentsId: 1, frame: { url: 'vigil://app/index.html', isMainFrame: false } },
      windows,
      ours,
    );
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringMatching(/subframe/) });
  });

  it('refuses our window after it navigated to a foreign page', () => {
    for (const url of [
      'https://evil.example/',
      'file:///tmp/x.html',
      'about:blank',
      'vigil://other/index.html',
    ]) {
      expect(checkSender({ webContentsId: 1, frame: main(url) }, windows, ours).ok, url).toBe(
        false,
      );
    }
  });

  it('refuses a frame that is gone', () => {
    expect(checkSender({ webContentsId: 1, frame: null }, windows, ours).ok).toBe(false);
  });

  it('accepts the dev server origin only when one is configured', () => {
    const devUrl = 'http://localhost:5173/?window=desk';
    const dev = (url: string) => isRendererUrl(url, 'http://localhost:5173');
    expect(checkSender({ webContentsId: 1, frame: main(devUrl) }, windows, dev).ok).toBe(true);
    expect(checkSender({ webContentsId: 1, frame: main(devUrl) }, windows, ours).ok).toBe(false);
    expect(
      checkSender({ webContentsId: 1, frame: main('http://localhost:5174/') }, windows, dev).ok,
    ).toBe(false);
  });
});
