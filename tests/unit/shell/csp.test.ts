import { describe, expect, it } from 'vitest';
import { buildCsp, toCspSources } from '../../../electron/shell/csp';

const directives = (policy: string) =>
  new Map(
    policy.split('; ').map((d) => {
      const [name, ...values] = d.split(' ');
      return [name!, values];
    }),
  );

describe('toCspSources', () => {
  it('keeps scheme://host:port and drops any path', () => {
    expect(toCspSources('http://10.20.0.5:8080/live/')).toEqual(['http://10.20.0.5:8080']);
    expect(toCspSources('HTTPS://Video.Example.CN')).toEqual(['https://video.example.cn']);
    expect(toCspSources('wss://mq.example.cn:8084')).toEqual(['wss://mq.example.cn:8084']);
    expect(toCspSources('http://[fd00::5]:8080')).toEqual(['http://[fd00::5]:8080']);
  });

  it('turns a bare host into its http and https forms (a bare host would match only our scheme)', () => {
    expect(toCspSources('*.tiles.example.cn')).toEqual([
      'http://*.tiles.example.cn',
      'https://*.tiles.example.cn',
    ]);
    expect(toCspSources('10.0.0.5:80')).toEqual(['http://10.0.0.5:80', 'https://10.0.0.5:80']);
  });

  it('rejects anything that could inject a directive or widen the policy', () => {
    for (const bad of [
      "'unsafe-eval'",
      'http://a.cn; script-src *',
      'http://a.cn http://b.cn',
      '*',
      'javascript://x',
      'file:///etc',
      'data:',
      'http://user@host.cn',
      'http://host.cn:99999',
      '',
    ]) {
      expect(toCspSources(bad), bad).toBeNull();
    }
  });
});

describe('buildCsp', () => {
  const built = buildCsp({
    streamHosts: ['http://10.20.0.5:8080', 'https://video.example.cn'],
    tileHosts: ['https://tiles.example.cn'],
    platformOrigins: ['http://127.0.0.1:47100'],
  });
  const d = directives(built.policy);

  it('is exactly the documented policy for the given origins', () => {
    expect(built.policy).toBe(
      [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https://tiles.example.cn http://127.0.0.1:47100",
        "media-src 'self' blob: http://10.20.0.5:8080 https://video.example.cn http://127.0.0.1:47100",
        "connect-src 'self' http://10.20.0.5:8080 https://video.example.cn http://127.0.0.1:47100 https://tiles.example.cn",
        "font-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
      ].join('; '),
    );
    expect(built.rejected).toEqual([]);
  });

  it('starts from nothing and never allows eval or inline scripts', () => {
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(built.policy).not.toContain('unsafe-eval');
  });

  it('lets hls.js work: a blob: worker, MediaSource blob: media, XHR to the stream hosts', () => {
    expect(d.get('worker-src')).toContain('blob:');
    expect(d.get('media-src')).toContain('blob:');
    expect(d.get('connect-src')).toContain('http://10.20.0.5:8080');
  });

  it('keeps stream hosts out of img-src and tile hosts out of media-src', () => {
    expect(d.get('img-src')).not.toContain('http://10.20.0.5:8080');
    expect(d.get('media-src')).not.toContain('https://tiles.example.cn');
  });

  it('reports and drops bad config entries', () => {
    const withBad = buildCsp({
      streamHosts: ['http://ok.cn', "x; script-src 'unsafe-eval'"],
      tileHosts: [],
    });
    expect(withBad.rejected).toEqual(["x; script-src 'unsafe-eval'"]);
    expect(withBad.policy).not.toContain('unsafe-eval');
    expect(withBad.policy).toContain('http://ok.cn');
  });

  it('with no hosts configured, media and connect allow only ourselves and blobs', () => {
    const empty = directives(buildCsp({ streamHosts: [], tileHosts: [] }).policy);
    expect(empty.get('media-src')).toEqual(["'self'", 'blob:']);
    expect(empty.get('connect-src')).toEqual(["'self'"]);
  });

  it('development only: the Vite dev server, its inline preamble and HMR socket', () => {
    const dev = directives(
      buildCsp({ streamHosts: [], tileHosts: [], devServerOrigin: 'http://localhost:5173' }).policy,
    );
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'", 'http://localhost:5173']);
    expect(dev.get('connect-src')).toContain('ws://localhost:5173');
  });
});
