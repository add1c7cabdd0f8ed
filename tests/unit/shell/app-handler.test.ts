/**
 * The vigil://app protocol handler (electron/shell/app-handler.ts), called with fetch Requests
 * under Node: every renderer file carries our CSP, nothing outside the renderer folder is served,
 * and tiles come from the station's cache.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appFileHeaders, appRequestHandler } from '../../../electron/shell/app-handler';

const POLICY = "default-src 'none'; script-src 'self'";
const base = mkdtempSync(join(tmpdir(), 'vigil-app-handler-'));
const rendererDir = join(base, 'renderer');
mkdirSync(join(rendererDir, 'assets'), { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Vigil</title>');
writeFileSync(join(rendererDir, 'assets', 'index-a1.js'), 'console.log(1)');
writeFileSync(join(base, 'secret.txt'), 'not for pages');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const handle = appRequestHandler({
  rendererDir,
  policy: POLICY,
  tiles: async (z, x, y) =>
    z === 3 && x === 1 && y === 2 ? { bytes: png, contentType: 'image/png' } : null,
});
const get = (url: string) => handle(new Request(url));

describe('appRequestHandler', () => {
  it('serves the renderer with our CSP, nosniff and no-cache on every file', async () => {
    for (const url of [
      'vigil://app/index.html?window=desk',
      'vigil://app/',
      'vigil://app/assets/index-a1.js',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('Content-Security-Policy'), url).toBe(POLICY);
      expect(response.headers.get('X-Content-Type-Options'), url).toBe('nosniff');
      expect(response.headers.get('Cache-Control'), url).toBe('no-cache');
    }
    expect((await get('vigil://app/index.html')).headers.get('Content-Type')).toMatch(
      /^text\/html/,
    );
    expect(await (await get('vigil://app/assets/index-a1.js')).text()).toBe('console.log(1)');
  });

  it('serves nothing outside the renderer folder, nor for another host', async () => {
    for (const url of [
      'vigil://app/../secret.txt',
      'vigil://app/%2e%2e/secret.txt',
      'vigil://app/assets/..%2f..%2fsecret.txt',
      'vigil://other/index.html',
      'vigil://app/missing.js',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('not for pages');
    }
  });

  it('answers /tiles/ from the station, 404 for a bad or missing tile', async () => {
    const tile = await get('vigil://app/tiles/3/1/2.png');
    expect(tile.status).toBe(200);
    expect(tile.headers.get('Content-Type')).toBe('image/png');
    expect(tile.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(new Uint8Array(await tile.arrayBuffer())).toEqual(new Uint8Array(png));
    expect((await get('vigil://app/tiles/3/9/9.png')).status).toBe(404);
    expect((await get('vigil://app/tiles/x/y/z.png')).status).toBe(404);
  });
});

describe('appFileHeaders', () => {
  it('is the CSP the shell built, as given', () => {
    expect(appFileHeaders('/r/index.html', POLICY)).toEqual({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
  });
});
