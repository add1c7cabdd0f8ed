import { describe, expect, it } from 'vitest';
import { shellCsp } from '../../../electron/shell/csp';

const directives = (policy: string) =>
  new Map(
    policy.split('; ').map((d) => {
      const [name, ...values] = d.split(' ');
      return [name!, values];
    }),
  );

describe('shellCsp', () => {
  const built = shellCsp({
    streamHosts: ['http://10.20.0.5:8080', 'https://video.example.cn'],
    tileHosts: ['https://tiles.example.cn'],
    platformOrigins: ['http://127.0.0.1:47100'],
  });
  const d = directives(built.policy);

  it('starts from nothing and allows scripts only from the app (no inline, no eval)', () => {
    expect(built.policy.startsWith("default-src 'none'")).toBe(true);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get('font-src')).toEqual(["'self'"]);
    expect(built.policy).not.toContain('unsafe-eval');
    expect(built.rejected).toEqual([]);
  });

  it('lets hls.js work: a blob: worker, MediaSource blob: media, XHR to the stream hosts', () => {
    expect(d.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(d.get('media-src')).toEqual([
      "'self'",
      'blob:',
      'http://10.20.0.5:8080',
      'https://video.example.cn',
      'http://127.0.0.1:47100',
    ]);
    expect(d.get('connect-src')).toEqual(
      expect.arrayContaining(["'self'", 'http://10.20.0.5:8080', 'https://video.example.cn']),
    );
  });

  it('images from the tile hosts (and data:/blob:), not from the stream hosts', () => {
    expect(d.get('img-src')).toEqual([
      "'self'",
      'data:',
      'blob:',
      'https://tiles.example.cn',
      'http://127.0.0.1:47100',
    ]);
    expect(d.get('media-src')).not.toContain('https://tiles.example.cn');
  });

  it('forbids framing, base and form targets', () => {
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
  });

  it('drops and reports entries that are not plain origins: no directive injection', () => {
    const bad = shellCsp({
      streamHosts: ['http://ok.cn', "http://x.cn; script-src 'unsafe-eval'", '*'],
      tileHosts: ['javascript:alert(1)'],
      platformOrigins: [],
    });
    expect(bad.rejected).toEqual([
      "http://x.cn; script-src 'unsafe-eval'",
      '*',
      'javascript:alert(1)',
    ]);
    expect(bad.policy).not.toContain('unsafe-eval');
    expect(directives(bad.policy).get('media-src')).toEqual(["'self'", 'blob:', 'http://ok.cn']);
  });

  it('with no hosts, media and connect reach only the app and blobs', () => {
    const empty = directives(
      shellCsp({ streamHosts: [], tileHosts: [], platformOrigins: [] }).policy,
    );
    expect(empty.get('media-src')).toEqual(["'self'", 'blob:']);
    expect(empty.get('connect-src')).toEqual(["'self'"]);
  });

  it("development only: inline preamble and the dev server's HMR socket", () => {
    const dev = directives(
      shellCsp({
        streamHosts: [],
        tileHosts: [],
        platformOrigins: [],
        devServerUrl: 'http://localhost:5173/',
      }).policy,
    );
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('connect-src')).toContain('ws://localhost:5173');
    expect(d.get('script-src')).not.toContain("'unsafe-inline'");
  });
});
