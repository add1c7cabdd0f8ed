import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticRoadGraph } from '../../../shared/domain/roads';
import { maxRoadGraphBytes } from '../../../electron/station/dispatch/roads/road-graph-source';
import { createRoadRouter } from '../../../electron/station/dispatch/roads/road-router';
import type { Origin } from '../../../electron/station/dispatch/road-router';

const wire = syntheticRoadGraph({ rows: 12, cols: 12, seed: 3, missing: 0, oneway: 0 });
const good = JSON.stringify(wire);
/** Valid JSON, valid to zod, refused by the builder: an edge to a node that does not exist. */
const badEdge = JSON.stringify({
  ...wire,
  version: 'bad-1',
  edges: [...wire.edges, [0, 9999, 30, 0]],
  names: undefined,
  kinds: undefined,
});
const center = {
  lat: (wire.nodes[66] as [number, number])[1],
  lng: (wire.nodes[66] as [number, number])[0],
};
const units: Origin[] = [
  { id: 'near', lat: center.lat + 0.002, lng: center.lng, kind: 'car' },
  { id: 'far', lat: center.lat - 0.01, lng: center.lng + 0.01, kind: 'car' },
  { id: 'walker', lat: center.lat + 0.002, lng: center.lng, kind: 'foot' },
];

/** A fetch that serves whatever `serve` holds, with ETag / 304, and records the requests. */
function fakePlatform(): {
  fetch: typeof fetch;
  serve: { text: string; etag: string } | null;
  seen: (string | null)[];
} {
  const state = {
    serve: null as { text: string; etag: string } | null,
    seen: [] as (string | null)[],
    fetch: (async (_url: string | URL | Request, init?: RequestInit) => {
      const inm = new Headers(init?.headers).get('if-none-match');
      state.seen.push(inm);
      if (!state.serve) return new Response('no', { status: 404 });
      if (inm === state.serve.etag) return new Response(null, { status: 304 });
      return new Response(state.serve.text, { status: 200, headers: { ETag: state.serve.etag } });
    }) as typeof fetch,
  };
  return state;
}

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'vigil-roads-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('createRoadRouter', () => {
  it('answers straight-line with no graph (graphVersion null)', async () => {
    const router = createRoadRouter({
      baseUrl: null,
      file: null,
      dataDir: tmp(),
      host: { inThread: true },
    });
    router.start();
    await router.ready();
    expect(router.info()).toBeNull();
    const answer = await router.etaTo(center, units);
    expect(answer.graphVersion).toBeNull();
    expect(answer.byId.get('near')?.etaS).toBeGreaterThan(0);
    expect((await router.reach(center, 'vehicle', 60, 120)).graphVersion).toBeNull();
    await router.stop();
  });

  it('takes the platform graph, caches it, and ranks by road; 304 keeps it', async () => {
    const dataDir = tmp();
    const platform = fakePlatform();
    platform.serve = { text: good, etag: `"${wire.version}"` };
    const lines: string[] = [];
    const router = createRoadRouter({
      baseUrl: 'http://platform',
      file: null,
      dataDir,
      fetch: platform.fetch,
      log: (l) => lines.push(l),
      host: { inThread: true },
    });
    router.start();
    await router.ready();
    expect(router.info()).toMatchObject({ version: wire.version, nodes: 144 });
    expect(JSON.parse(readFileSync(join(dataDir, 'roads.json'), 'utf8'))).toMatchObject({
      version: wire.version,
    });
    const answer = await router.etaTo(center, units);
    expect(answer.graphVersion).toBe(wire.version);
    const near = answer.byId.get('near');
    const far = answer.byId.get('far');
    const walker = answer.byId.get('walker');
    expect(near && far && walker).toBeTruthy();
    expect(near!.etaS).toBeLessThan(far!.etaS);
    expect(walker!.etaS).toBeGreaterThan(near!.etaS * 2); // 5 km/h against a car
    expect(near!.roadM).toBeGreaterThanOrEqual(200);
    await router.refresh();
    expect(platform.seen.at(-1)).toBe(`"${wire.version}"`); // asked with If-None-Match, got 304
    expect(router.info()?.version).toBe(wire.version);
    const route = await router.route(units[0] as Origin, center);
    expect(route?.line[0]).toEqual([units[0]!.lng, units[0]!.lat]);
    expect(route?.line.at(-1)).toEqual([center.lng, center.lat]);
    expect(route?.etaS).toBeCloseTo(near!.etaS, 6);
    await router.stop();
  });

  it('refuses a bad graph with one log line and keeps the cached one', async () => {
    const dataDir = tmp();
    writeFileSync(join(dataDir, 'roads.json'), good);
    const platform = fakePlatform();
    platform.serve = { text: badEdge, etag: '"bad-1"' };
    const lines: string[] = [];
    const router = createRoadRouter({
      baseUrl: 'http://platform',
      file: null,
      dataDir,
      fetch: platform.fetch,
      log: (l) => lines.push(l),
      host: { inThread: true },
    });
    router.start();
    await router.ready();
    await router.refresh();
    expect(router.info()?.version).toBe(wire.version); // from the cache, still in use
    const refusals = lines.filter((l) => l.includes('refused'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatch(/edge \d+: node 9999 out of range/);
    expect(refusals[0]).toContain(`keeping ${wire.version}`);
    expect(JSON.parse(readFileSync(join(dataDir, 'roads.json'), 'utf8')).version).toBe(
      wire.version,
    );
    // and a schema fault is named by its path
    platform.serve = { text: JSON.stringify({ ...wire, edges: [[0, 1, 0, 0]] }), etag: '"bad-2"' };
    await router.refresh();
    expect(lines.at(-1)).toMatch(/refused \(edges\.0\.2: .*\)/);
    expect(router.info()?.version).toBe(wire.version);
    await router.stop();
  });

  it('refuses a graph answer larger than a graph may be, before parsing it; the cache stays', async () => {
    const dataDir = tmp();
    writeFileSync(join(dataDir, 'roads.json'), good);
    const lines: string[] = [];
    let aborted = false;
    const huge = (async (_url: string | URL | Request, init?: RequestInit) => {
      init?.signal?.addEventListener('abort', () => (aborted = true));
      return new Response('[', {
        status: 200,
        headers: { 'Content-Length': String(maxRoadGraphBytes + 1) },
      });
    }) as typeof fetch;
    const router = createRoadRouter({
      baseUrl: 'http://platform',
      file: null,
      dataDir,
      fetch: huge,
      log: (l) => lines.push(l),
      host: { inThread: true },
    });
    router.start();
    await router.ready();
    await router.refresh();
    expect(
      lines.some((l) =>
        /roads: platform: the graph is declared \d+ bytes, over 128 MB; refused/.test(l),
      ),
    ).toBe(true);
    expect(aborted).toBe(true);
    expect(router.info()?.version).toBe(wire.version);
    await router.stop();
  });

  it('reads a roads file instead of the platform', async () => {
    const dataDir = tmp();
    const file = join(dataDir, 'county-roads.json');
    writeFileSync(file, good);
    const router = createRoadRouter({ baseUrl: null, file, dataDir, host: { inThread: true } });
    router.start();
    await router.ready();
    expect(router.info()?.version).toBe(wire.version);
    expect(existsSync(join(dataDir, 'roads.json'))).toBe(true);
    const reach = await router.reach(center, 'vehicle', 40, 60);
    expect(reach.graphVersion).toBe(wire.version);
    expect(reach.exits.length).toBeGreaterThan(0);
    for (const x of reach.exits) expect(x.suspectEtaS).toBeGreaterThan(60);
    expect(reach.area.length).toBeGreaterThanOrEqual(3);
    await router.stop();
  });

  it('searches in a worker thread, the same answers as in the main thread', async () => {
    const dataDir = tmp();
    writeFileSync(join(dataDir, 'roads.json'), good);
    const inWorker = createRoadRouter({ baseUrl: null, file: null, dataDir });
    const inThread = createRoadRouter({
      baseUrl: null,
      file: null,
      dataDir,
      host: { inThread: true },
    });
    inWorker.start();
    inThread.start();
    await Promise.all([inWorker.ready(), inThread.ready()]);
    const a = await inWorker.etaTo(center, units);
    const b = await inThread.etaTo(center, units);
    expect(a.graphVersion).toBe(wire.version);
    expect(inWorker.searchMode()).toBe('worker');
    expect(inThread.searchMode()).toBe('thread');
    expect([...a.byId.entries()]).toEqual([...b.byId.entries()]);
    const many = await inWorker.etaToMany([{ id: 'x', ...center }], units);
    expect(many.get('x')?.get('near')).toEqual(b.byId.get('near'));
    await Promise.all([inWorker.stop(), inThread.stop()]);
  });

  it('falls back to the main thread, logged once, when the worker cannot start', async () => {
    const dataDir = tmp();
    writeFileSync(join(dataDir, 'roads.json'), good);
    const lines: string[] = [];
    const router = createRoadRouter({
      baseUrl: null,
      file: null,
      dataDir,
      log: (l) => lines.push(l),
      host: { workerEntry: join(dataDir, 'no-such-worker.mjs') },
    });
    router.start();
    await router.ready();
    expect(router.info()?.version).toBe(wire.version);
    const answer = await router.etaTo(center, units);
    expect(answer.byId.get('near')?.etaS).toBeGreaterThan(0);
    await router.etaTo(center, units);
    expect(router.searchMode()).toBe('thread');
    expect(lines.filter((l) => l.includes('worker thread unavailable'))).toHaveLength(1);
    await router.stop();
  });
});
