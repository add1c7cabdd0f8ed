import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  APP_SCHEME_PRIVILEGES,
  contentTypeFor,
  rendererUrl,
  resolveAppFile,
} from '../../../electron/shell/app-protocol';

const root = join(sep, 'opt', 'vigil', 'out', 'renderer');

describe('rendererUrl', () => {
  it('tells each window which view it is through the query', () => {
    expect(rendererUrl(APP_INDEX_URL, { kind: 'desk' })).toBe('vigil://app/index.html?window=desk');
    expect(rendererUrl(APP_INDEX_URL, { kind: 'wall', wallId: 3 })).toBe(
      'vigil://app/index.html?window=wall&wall=3',
    );
    expect(rendererUrl('http://localhost:5173/?x=1#h', { kind: 'wall', wallId: 1 })).toBe(
      'http://localhost:5173/?window=wall&wall=1',
    );
  });
});

describe('resolveAppFile', () => {
  it('serves files inside the renderer folder', () => {
    expect(resolveAppFile(root, 'vigil://app/index.html?window=desk')).toBe(
      join(root, 'index.html'),
    );
    expect(resolveAppFile(root, 'vigil://app/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'vigil://app/assets/index-abc.js')).toBe(
      join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppFile(root, 'vigil://app/i18n/%E4%B8%AD.json')).toBe(
      join(root, 'i18n', '中.json'),
    );
  });

  it('never leaves the folder', () => {
    for (const url of [
      'vigil://app/../../etc/passwd',
      'vigil://app/%2e%2e/%2e%2e/etc/passwd',
      'vigil://app/assets/..%2f..%2f..%2fetc/passwd',
      'vigil://app/..%5c..%5cwindows',
      'vigil://app/a%00.js',
      'vigil://other/index.html',
      'file:///etc/passwd',
      'not a url',
    ]) {
      const file = resolveAppFile(root, url);
      if (file !== null) expect(file.startsWith(root + sep), url).toBe(true);
    }
    expect(resolveAppFile(root, 'vigil://app/assets/..%2f..%2f..%2fetc/passwd')).toBeNull();
    expect(resolveAppFile(root, 'vigil://other/index.html')).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it('knows what the renderer build emits', () => {
    expect(contentTypeFor('a/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('a/x.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('a/x.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a/x.bin')).toBe('application/octet-stream');
  });
});

describe('APP_SCHEME_PRIVILEGES', () => {
  it('vigil: is a standard, secure, fetchable scheme and nothing more (no CSP bypass)', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      standard: true,
      secure: true,
      supportFetchAPI: true,
      stream: true,
    });
    for (const power of ['bypassCSP', 'corsEnabled', 'allowServiceWorkers', 'codeCache']) {
      expect(APP_SCHEME_PRIVILEGES, power).not.toHaveProperty(power);
    }
  });
});
