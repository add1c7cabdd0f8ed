import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogSchema } from '../../../shared/api';
import { startSimulator, type Simulator } from '../../../electron/sim/index';
import { decodeTimes } from '../../../electron/sim/fmp4-retime';

let sim: Simulator;
let cameraId: string;

beforeAll(async () => {
  sim = await startSimulator({ cameras: 500, units: 0, alertIntervalMs: 0 });
  cameraId = (sim.catalog().cameras[0] as { id: string }).id;
});
afterAll(async () => {
  await sim.stop();
});

const get = (path: string, init?: RequestInit) => fetch(`${sim.baseUrl}${path}`, init);
/** The admin API, with the simulator's token (as `npm run sim -- … --admin URL` sends it). */
const admin = (path: string, init?: RequestInit) =>
  get(path, {
    ...init,
    headers: {
      Authorization: `Bearer ${sim.adminToken}`,
      ...(init?.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(init?.headers as Record<string, string> | undefined),
    },
  });
const mediaSequence = (text: string) => Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function postEvent(key: string | null, body: unknown) {
  return get('/api/v1/events', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('catalog', () => {
  it('serves a valid catalog with an ETag, and 304 when nothing changed', async () => {
    const res = await get('/api/v1/catalog');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const catalog = CatalogSchema.parse(await res.json());
    expect(catalog.cameras).toHaveLength(500);
    const etag = res.headers.get('etag');
    expect(etag).toBe(`"${catalog.version}"`);

    const again = await get('/api/v1/catalog', { headers: { 'If-None-Match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('changes its version when a camera goes offline and back', async () => {
    const before = sim.catalog().version;
    sim.setFault({ kind: 'camera-offline', cameraId });
    const during = await get('/api/v1/catalog', { headers: { 'If-None-Match': `"${before}"` } });
    expect(during.status).toBe(200);
    const body = CatalogSchema.parse(await during.json());
    expect(body.version).not.toBe(before);
    expect(body.cameras.find((c) => c.id === cameraId)?.status).toBe('offline');
    sim.clearFaults(cameraId);
    expect(sim.catalog().cameras.find((c) => c.id === cameraId)?.status).toBe('online');
    expect(sim.catalog().version).not.toBe(body.version);
  });
});

describe('who may ask what (issue #11)', () => {
  const evil = { Origin: 'http://evil.example' };
  const fault = (id: string) => JSON.stringify({ kind: 'camera-offline', cameraId: id });
  const camera = () => (sim.catalog().cameras[7] as { id: string }).id;

  it('refuses the admin API without its token (401), and changes nothing', async () => {
    const id = camera();
    const noToken = await get('/admin/faults', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: fault(id),
    });
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(((await noToken.json()) as { error: string }).error).toMatch(
      /admin token required: send "Authorization: Bearer <token>"/,
    );
    const wrong = await get('/admin/faults', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer not-the-token-at-all' },
      body: fault(id),
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: string }).error).toMatch(/wrong admin token/);
    // The token in the URL (what a form post or an <img> could carry) is not enough either.
    const inUrl = await get(`/admin/faults?token=${sim.adminToken}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: fault(id),
    });
    expect(inUrl.status).toBe(401);
    expect(((await inUrl.json()) as { error: string }).error).toMatch(/not in the URL/);
    for (const [method, path] of [
      ['GET', '/admin/faults'],
      ['GET', '/admin/events'],
      ['GET', '/admin/orders'],
      ['DELETE', '/admin/faults'],
      ['POST', '/admin/restart'],
      ['POST', '/admin/alerts'],
      ['GET', '/admin/nothing-here'],
    ] as const) {
      expect((await get(path, { method })).status, `${method} ${path}`).toBe(401);
    }
    expect(sim.faults()).toEqual([]);
    expect(sim.catalog().cameras.find((c) => c.id === id)?.status).toBe('online');
    expect((await get(`/live/${id}/main.m3u8`)).status).toBe(200);
    expect((await get('/api/v1/catalog')).status).toBe(200); // no restart happened
  });

  it('does what it is asked with the token', async () => {
    const id = camera();
    const res = await admin('/admin/faults', { method: 'POST', body: fault(id) });
    expect(res.status).toBe(201);
    expect(sim.faults()).toEqual([{ kind: 'camera-offline', cameraId: id }]);
    expect((await get(`/live/${id}/main.m3u8`)).status).toBe(404);
    expect((await admin(`/admin/faults/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect(sim.faults()).toEqual([]);
  });

  it('gives no CORS header to the catalog, geometry, events or admin API', async () => {
    const responses = [
      await get('/api/v1/catalog', { headers: evil }),
      await get('/api/v1/geometry', { headers: evil }),
      await postEventFrom(evil),
      await get('/admin/events', { headers: evil }),
      await admin('/admin/events', { headers: evil }),
      await admin('/admin/faults', { headers: evil }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 201, 401, 200, 200]);
    for (const res of responses) {
      expect(res.headers.get('access-control-allow-origin'), res.url).toBeNull();
    }
    // Nor does a preflight grant them: a page cannot send the token header or an event.
    for (const [path, method, headers] of [
      ['/admin/faults', 'POST', 'authorization, content-type'],
      ['/admin/events', 'GET', 'authorization'],
      ['/api/v1/events', 'POST', 'content-type, idempotency-key'],
      ['/api/v1/catalog', 'GET', 'if-none-match'],
    ]) {
      const preflight = await get(path!, {
        method: 'OPTIONS',
        headers: {
          ...evil,
          'Access-Control-Request-Method': method!,
          'Access-Control-Request-Headers': headers!,
        },
      });
      expect(preflight.headers.get('access-control-allow-origin'), path).toBeNull();
      expect(preflight.headers.get('access-control-allow-headers'), path).toBeNull();
    }
  });

  it('gives HLS playlists, segments and tiles, errors too, the CORS header a player needs', async () => {
    const id = camera();
    const live = await get(`/live/${id}/main.m3u8`, { headers: evil });
    expect(live.status).toBe(200);
    const segment = /^\/media\/\S+$/m.exec(await live.text())?.[0];
    const playback = await get(
      `/playback/${id}.m3u8?start=2026-11-23T02:00:00Z&end=2026-11-23T02:00:10Z`,
      { headers: evil },
    );
    const responses = [
      live,
      playback,
      await get(segment!, { headers: evil }),
      await get('/tiles/12/3378/1616.png', { headers: evil }),
      await get('/live/no-such-camera/main.m3u8', { headers: evil }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 404]);
    for (const res of responses) {
      expect(res.headers.get('access-control-allow-origin'), res.url).toBe('*');
    }
    const preflight = await get(`/live/${id}/sub.m3u8`, {
      method: 'OPTIONS',
      headers: { ...evil, 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, HEAD');
  });
});

function postEventFrom(headers: Record<string, string>) {
  return get('/api/v1/events', {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': 'cors-1' },
    body: JSON.stringify({
      type: 'patrol-mark',
      id: '0b7d1c2e-5f3a-4e21-8c9d-2a4b6c8d0e1f',
      cameraId: '37088300001320000001',
      mark: 'abnormal',
      note: 'CORS',
      operator: '王芳',
      at: 1763863200000,
    }),
  });
}

describe('live and playback HLS', () => {
  it('serves a live playlist that advances with time, with fetchable TS segments', async () => {
    const res = await get(`/live/${cameraId}/main.m3u8`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(text.startsWith('#EXTM3U\n')).toBe(true);
    expect(text).not.toContain('#EXT-X-ENDLIST');
    const uris = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(uris.length).toBeGreaterThanOrEqual(4);
    for (const uri of uris) {
      const seg = await fetch(new URL(uri, res.url));
      expect(seg.status).toBe(200);
      expect(seg.headers.get('cache-control')).toBe('no-store');
      const bytes = new Uint8Array(await seg.arrayBuffer());
      expect(bytes[0]).toBe(0x47);
      expect(bytes[188]).toBe(0x47);
    }
    await sleep(2100);
    const later = await (await get(`/live/${cameraId}/main.m3u8`)).text();
    expect(mediaSequence(later)).toBeGreaterThan(mediaSequence(text));
  });

  it('serves the sub stream', async () => {
    const text = await (await get(`/live/${cameraId}/sub.m3u8`)).text();
    expect(text).toMatch(/\/media\/sub-live-\d+\.ts/);
  });

  it('answers 404 for an unknown camera or segment', async () => {
    expect((await get('/live/00000000000000000000/main.m3u8')).status).toBe(404);
    expect((await get('/media/nope.ts')).status).toBe(404);
    expect((await get('/playback/00000000000000000000.m3u8?start=a&end=b')).status).toBe(404);
  });

  it('serves a VOD playlist for a range and 400 for a bad one', async () => {
    const ok = await get(
      `/playback/${cameraId}.m3u8?start=2026-11-23T02:00:00Z&end=2026-11-23T02:30:00Z`,
    );
    expect(ok.status).toBe(200);
    const text = await ok.text();
    expect(text).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(text.trim().endsWith('#EXT-X-ENDLIST')).toBe(true);
    expect(text.match(/#EXTINF/g)).toHaveLength(900);

    const cases: [string, RegExp][] = [
      ['end=2026-11-23T02:00:00Z', /start: required/],
      ['start=yesterday&end=2026-11-23T02:00:00Z', /start: "yesterday" is not an ISO 8601/],
      ['start=2026-11-23T03:00:00Z&end=2026-11-23T02:00:00Z', /end must be after start/],
      ['start=2026-11-20T00:00:00Z&end=2026-11-23T00:00:00Z', /range too long/],
    ];
    for (const [query, message] of cases) {
      const res = await get(`/playback/${cameraId}.m3u8?${query}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
    }
  });
});

describe('events', () => {
  const event = {
    type: 'patrol-mark',
    id: '6f1c4b1e-1d5e-4c1a-9a43-0d6f3d1c2b11',
    cameraId: '37088300001320000001',
    mark: 'abnormal',
    note: '河边有挖掘机',
    operator: '王芳',
    at: 1763863200000,
  };

  it('creates an event once per Idempotency-Key and answers a repeat with the same body', async () => {
    const first = await postEvent('key-1', event);
    expect(first.status).toBe(201);
    const firstBody: unknown = await first.json();
    const repeat = await postEvent('key-1', event);
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual(firstBody);

    const received = sim.receivedEvents().filter((e) => e.key === 'key-1');
    expect(received).toHaveLength(1);
    expect(received[0]?.count).toBe(2);
    expect(received[0]?.event).toMatchObject({ type: 'patrol-mark', note: '河边有挖掘机' });

    const inbox = (await (await admin('/admin/events')).json()) as {
      events: { key: string; count: number }[];
    };
    expect(inbox.events.find((e) => e.key === 'key-1')?.count).toBe(2);
  });

  it('answers 400 with a message for a bad body or a missing key', async () => {
    const badMark = await postEvent('key-2', { ...event, mark: 'weird' });
    expect(badMark.status).toBe(400);
    expect(((await badMark.json()) as { error: string }).error).toMatch(/^mark: /);

    const notJson = await postEvent('key-3', '{nope');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: string }).error).toMatch(/not JSON/);

    const noKey = await postEvent(null, event);
    expect(noKey.status).toBe(400);
    expect(((await noKey.json()) as { error: string }).error).toMatch(/Idempotency-Key/);

    expect(sim.receivedEvents().map((e) => e.key)).not.toContain('key-2');
  });

  it("takes an abnormal mark's snapshot of up to 200,000 base64 characters, and refuses a picture that is not a JPEG", async () => {
    // Bigger than the simulator's old 64 KB body limit: a real wall frame at 960 px.
    const data = '/9j/' + 'A'.repeat(199_996);
    const withShot = await postEvent('shot-1', {
      ...event,
      snapshot: { mime: 'image/jpeg', data },
    });
    expect(withShot.status).toBe(201);
    const got = sim.receivedEvents().find((e) => e.key === 'shot-1')?.event;
    expect(got?.type === 'patrol-mark' && got.snapshot?.data.length).toBe(200_000);
    const png = await postEvent('shot-2', {
      ...event,
      snapshot: { mime: 'image/png', data: 'iVBORw0KGgo=' },
    });
    expect(png.status).toBe(400);
    expect(((await png.json()) as { error: string }).error).toMatch(/^snapshot\.mime: /);
    expect(sim.receivedEvents().map((e) => e.key)).not.toContain('shot-2');
  });

  it('takes a tour-run record, and refuses one with an unknown outcome or no stops', async () => {
    const run = {
      type: 'tour-run',
      id: 'tour-run-r1',
      tourId: 'river',
      tourRunId: 'r1',
      tourName: '夜间河道',
      watcher: '李四',
      startedBy: 'schedule',
      startedAt: 1763863200000,
      endedAt: 1763863260000,
      status: 'completed',
      stops: [
        { index: 0, cameraId: event.cameraId, outcome: 'normal', at: 1763863230000, by: '李四' },
        { index: 1, cameraId: event.cameraId, outcome: 'missed', at: 1763863260000, by: null },
      ],
    };
    expect((await postEvent('run-1', run)).status).toBe(201);
    const bad = await postEvent('run-2', {
      ...run,
      stops: [{ ...run.stops[0], outcome: 'seen-probably' }],
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^stops\.0\.outcome: /);
    const empty = await postEvent('run-3', { ...run, stops: [] });
    expect(empty.status).toBe(400);
    const keys = sim.receivedEvents().map((e) => e.key);
    expect(keys).toContain('run-1');
    expect(keys).not.toContain('run-2');
    expect(keys).not.toContain('run-3');
  });
});

describe('faults', () => {
  it('camera-offline: the live playlist 404s, then plays again when cleared', async () => {
    const post = await admin('/admin/faults', {
      method: 'POST',
      body: JSON.stringify({ kind: 'camera-offline', cameraId }),
    });
    expect(post.status).toBe(201);
    expect((await get(`/live/${cameraId}/main.m3u8`)).status).toBe(404);
    const list = (await (await admin('/admin/faults')).json()) as { faults: unknown[] };
    expect(list.faults).toEqual([{ kind: 'camera-offline', cameraId }]);

    expect((await admin(`/admin/faults/${cameraId}`, { method: 'DELETE' })).status).toBe(200);
    expect((await get(`/live/${cameraId}/main.m3u8`)).status).toBe(200);
  });

  it('black and frozen switch the segments from the next one on', async () => {
    const other = (sim.catalog().cameras[1] as { id: string }).id;
    sim.setFault({ kind: 'black', cameraId: other });
    await sleep(2100);
    expect(await (await get(`/live/${other}/main.m3u8`)).text()).toMatch(/main-black-\d+\.ts/);
    sim.setFault({ kind: 'frozen', cameraId: other });
    await sleep(2100);
    expect(await (await get(`/live/${other}/main.m3u8`)).text()).toMatch(/main-frozen-\d+\.ts/);
    sim.clearFaults(other);
  });

  it('fmp4: the camera serves EXT-X-MAP and .m4s whose decode times rise, live and playback', async () => {
    const other = (sim.catalog().cameras[2] as { id: string }).id;
    sim.setFault({ kind: 'fmp4', cameraId: other });
    const res = await get(`/live/${other}/sub.m3u8`);
    const text = await res.text();
    expect(text).toContain('#EXT-X-VERSION:7');
    const map = /#EXT-X-MAP:URI="([^"]+)"/.exec(text)?.[1];
    expect(map).toBe('/media/sub-init.mp4');
    const init = await fetch(new URL(map!, res.url));
    expect(init.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await init.arrayBuffer()).toString('latin1', 4, 8)).toBe('ftyp');
    const uris = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(uris).toHaveLength(5);
    const times: bigint[] = [];
    for (const uri of uris) {
      expect(uri).toMatch(/^\/media\/sub-live-\d+\.m4s$/);
      const seg = await fetch(new URL(uri, res.url));
      expect(seg.headers.get('content-type')).toBe('video/iso.segment');
      times.push(...decodeTimes(new Uint8Array(await seg.arrayBuffer())));
    }
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
    const playback = await (
      await get(`/playback/${other}.m3u8?start=2026-11-23T02:00:00Z&end=2026-11-23T02:00:10Z`)
    ).text();
    expect(playback).toContain('#EXT-X-MAP:URI="/media/main-init.mp4"');
    expect(playback).toMatch(/\/media\/main-live-\d+\.m4s/);
    // Cleared, it is an MPEG-TS camera again; other cameras never changed.
    sim.clearFaults(other);
    expect(await (await get(`/live/${other}/sub.m3u8`)).text()).not.toContain('EXT-X-MAP');
    expect(await (await get(`/live/${cameraId}/sub.m3u8`)).text()).toMatch(/sub-live-\d+\.ts/);
  });

  it('stalled: the playlist stops advancing', async () => {
    const other = (sim.catalog().cameras[2] as { id: string }).id;
    sim.setFault({ kind: 'stalled', cameraId: other });
    const before = mediaSequence(await (await get(`/live/${other}/main.m3u8`)).text());
    await sleep(2100);
    const after = mediaSequence(await (await get(`/live/${other}/main.m3u8`)).text());
    expect(after).toBe(before);
    sim.clearFaults(other);
    const cleared = mediaSequence(await (await get(`/live/${other}/main.m3u8`)).text());
    expect(cleared).toBeGreaterThan(before);
  });

  it('platform-down: every non-admin request 503 until cleared', async () => {
    await admin('/admin/faults', {
      method: 'POST',
      body: JSON.stringify({ kind: 'platform-down' }),
    });
    expect((await get('/api/v1/catalog')).status).toBe(503);
    expect((await get(`/live/${cameraId}/main.m3u8`)).status).toBe(503);
    expect((await get('/media/main-live-0.ts')).status).toBe(503);
    expect((await postEvent('key-9', {})).status).toBe(503);
    expect((await admin('/admin/faults')).status).toBe(200);
    await admin('/admin/faults', { method: 'DELETE' });
    expect((await get('/api/v1/catalog')).status).toBe(200);
  });

  it('restart: 503 for the given time, then back', async () => {
    const res = await admin('/admin/restart', { method: 'POST', body: '{"downMs": 500}' });
    expect(res.status).toBe(202);
    expect((await get('/api/v1/catalog')).status).toBe(503);
    await sleep(600);
    expect((await get('/api/v1/catalog')).status).toBe(200);
  });

  it('validates admin bodies', async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ kind: 'melted', cameraId }, 400, /^kind: /],
      [{ kind: 'black' }, 400, /^cameraId: /],
      [{ kind: 'black', cameraId: 'no-such-camera' }, 404, /unknown camera/],
    ];
    for (const [body, status, message] of cases) {
      const res = await admin('/admin/faults', { method: 'POST', body: JSON.stringify(body) });
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
    }
    const restart = await admin('/admin/restart', { method: 'POST', body: '{"downMs": -1}' });
    expect(restart.status).toBe(400);
    expect(() => sim.setFault({ kind: 'black', cameraId: 'no-such-camera' })).toThrow(
      /unknown camera/,
    );
  });
});
