import { describe, expect, it } from 'vitest';
import { buildCsp, cleanOrigins } from '../../../shared/csp';

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
