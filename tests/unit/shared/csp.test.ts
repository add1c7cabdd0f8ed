import { describe, expect, it } from 'vitest';
import { buildCsp, cleanOrigins, streamAllowed } from '../../../shared/csp';

const directive = (csp: string, name: string): string[] =>
  csp
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.split(' ')
    .slice(1) ?? [];

describe('the content security policy', () => {
  const csp = buildCsp({
    websocket: 'ws://127.0.0.1:5180',
    streamOrigins: ['http://10.1.2.3:8080', 'http://10.1.2.3:8080/'],
    tileOrigins: ['https://gis.local'],
  });

  it('denies by default and allows scripts only from the app itself', () => {
    expect(directive(csp, 'default-src')).toEqual(["'none'"]);
    expect(directive(csp, 'script-src')).toEqual(["'self'"]);
    expect(csp).not.toContain('unsafe-eval');
  });

  it('lets video come only from the platform (and MSE blobs), tiles only from the tile host', () => {
    expect(directive(csp, 'media-src')).toEqual(["'self'", 'blob:', 'http://10.1.2.3:8080']);
    expect(directive(csp, 'img-src')).toContain('https://gis.local');
    expect(directive(csp, 'img-src')).not.toContain('http://10.1.2.3:8080');
    expect(directive(csp, 'connect-src')).toEqual([
      "'self'",
      'ws://127.0.0.1:5180',
      'http://10.1.2.3:8080',
      'https://gis.local',
    ]);
    expect(directive(csp, 'worker-src')).toEqual(["'self'", 'blob:']);
  });

  it('drops a config value that would inject a directive or a wildcard', () => {
    expect(cleanOrigins(["http://a.b; script-src 'unsafe-inline'", '*', 'http://ok:1'])).toEqual([
      'http://ok:1',
    ]);
  });
});

describe('streamAllowed: will the page load this stream?', () => {
  const origins = ['http://10.1.2.3:8080', 'https://media.example'];
  it.each([
    ['http://10.1.2.3:8080/live/1/main.m3u8', true],
    ['HTTP://10.1.2.3:8080/live/1/main.m3u8', true],
    // CSP upgrades a listed http origin to https on the same host and port, never the reverse.
    ['https://10.1.2.3:8080/live/1.m3u8', true],
    ['http://media.example/live.m3u8', false],
    ['https://media.example:443/live.m3u8', true],
    ['http://10.1.2.3:8081/live/1.m3u8', false],
    ['http://10.1.2.30:8080/live/1.m3u8', false],
    // The same machine by another name is another origin to the browser.
    ['http://localhost:8080/live/1.m3u8', false],
    ['http://user:pw@10.1.2.3:8080/live.m3u8', true],
    ['rtsp://10.1.2.3:554/stream', false],
    ['not a url', false],
  ])('%s: %s', (url, allowed) => {
    expect(streamAllowed(url, origins)).toBe(allowed);
  });
  it('a malformed listed origin allows nothing', () => {
    expect(streamAllowed('http://evil/x.m3u8', ['http://evil/ x'])).toBe(false);
  });
});
