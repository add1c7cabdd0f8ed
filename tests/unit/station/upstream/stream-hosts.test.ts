import { describe, expect, it } from 'vitest';
import {
  allowedStreamOrigins,
  streamHostsCheck,
  streamHostsWarning,
  unlistedStreamOrigins,
} from '../../../../electron/station/upstream/stream-hosts';

const cam = (id: string, liveUrl: string, more: { subUrl?: string; playback?: string } = {}) => ({
  id,
  liveUrl,
  ...(more.subUrl ? { subUrl: more.subUrl } : {}),
  ...(more.playback ? { playbackUrlTemplate: more.playback } : {}),
});

describe('allowedStreamOrigins', () => {
  it('is the base URL and the stream hosts, as origins, once each', () => {
    expect(
      allowedStreamOrigins('http://10.1.2.3:8080/api/', [
        'http://10.1.2.3:8080',
        'http://media.local:80/',
        'not a url',
      ]),
    ).toEqual(['http://10.1.2.3:8080', 'http://media.local']);
  });

  it('is only the stream hosts on a file-kind station (no base URL)', () => {
    expect(allowedStreamOrigins(null, [])).toEqual([]);
    expect(allowedStreamOrigins(null, ['http://127.0.0.1:8088'])).toEqual([
      'http://127.0.0.1:8088',
    ]);
  });
});

describe('unlistedStreamOrigins', () => {
  it('names every origin of live, sub and playback URLs that is not allowed, most cameras first', () => {
    const cameras = [
      cam('a', 'http://10.1.2.3:8080/live/a.m3u8'),
      cam('b', 'http://media.local:8088/live/b.m3u8', {
        subUrl: 'http://media.local:8088/live/b-sub.m3u8',
      }),
      cam('c', 'http://media.local:8088/live/c.m3u8', {
        playback: 'http://vod.local/c.m3u8?start={start}&end={end}',
      }),
      cam('d', 'http://localhost:8088/live/d.m3u8'),
    ];
    expect(unlistedStreamOrigins(cameras, ['http://10.1.2.3:8080'])).toEqual([
      { origin: 'http://media.local:8088', cameras: 2, example: 'b' },
      { origin: 'http://localhost:8088', cameras: 1, example: 'd' },
      { origin: 'http://vod.local', cameras: 1, example: 'c' },
    ]);
    expect(
      unlistedStreamOrigins(cameras, [
        'http://10.1.2.3:8080',
        'http://media.local:8088',
        'http://localhost:8088',
        'http://vod.local',
      ]),
    ).toEqual([]);
  });

  it('compares origins, not hosts: another port, scheme or name is another origin', () => {
    const allowed = ['http://127.0.0.1:8088'];
    const origins = (url: string) =>
      unlistedStreamOrigins([cam('x', url)], allowed).map((u) => u.origin);
    expect(origins('http://127.0.0.1:8088/hls/x.m3u8')).toEqual([]);
    expect(origins('http://127.0.0.1:8089/hls/x.m3u8')).toEqual(['http://127.0.0.1:8089']);
    expect(origins('http://localhost:8088/hls/x.m3u8')).toEqual(['http://localhost:8088']);
    // CSP lets an http source load the same host and port over https, not the reverse.
    expect(origins('https://127.0.0.1:8088/hls/x.m3u8')).toEqual([]);
    expect(unlistedStreamOrigins([cam('x', 'http://h/x.m3u8')], ['https://h'])).toHaveLength(1);
  });
});

describe('streamHostsWarning', () => {
  it('is null when every origin is allowed', () => {
    expect(streamHostsWarning([])).toBeNull();
  });

  it('names the origins, a camera of each, and the key to set', () => {
    const line = streamHostsWarning([
      { origin: 'http://media.local:8088', cameras: 2, example: 'b' },
      { origin: 'http://localhost:8088', cameras: 1, example: 'd' },
    ])!;
    expect(line).toContain('http://media.local:8088 (2 cameras, e.g. b)');
    expect(line).toContain('http://localhost:8088 (1 camera, e.g. d)');
    expect(line).toContain('security.streamHosts');
  });

  it('lists at most five origins', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({
      origin: `http://m${i}.local`,
      cameras: 1,
      example: `c${i}`,
    }));
    const line = streamHostsWarning(many)!;
    expect(line).toContain('http://m4.local');
    expect(line).not.toContain('http://m5.local');
    expect(line).toContain('and 2 more');
  });
});

describe('streamHostsCheck', () => {
  it('logs when the unlisted origins change, not at every catalog', () => {
    const lines: string[] = [];
    const check = streamHostsCheck({
      baseUrl: null,
      streamHosts: ['http://127.0.0.1:8088'],
      log: (l) => lines.push(l),
    });
    const ok = { cameras: [cam('a', 'http://127.0.0.1:8088/hls/a.m3u8')] };
    const bad = { cameras: [...ok.cameras, cam('d', 'http://localhost:8088/hls/d.m3u8')] };
    check(null);
    check(ok);
    expect(lines).toEqual([]);
    check(bad);
    check(bad);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/http:\/\/localhost:8088 \(1 camera, e\.g\. d\).*streamHosts/);
    check(ok);
    check(bad);
    expect(lines).toHaveLength(2);
  });
});
