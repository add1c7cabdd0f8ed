/// <reference types="electron-vite/node" />
/**
 * Runs the road engine in a worker thread, or in this thread when no worker can be started.
 *
 * Where the worker's entry is depends on how the station runs:
 * - built by electron-vite (`npm run serve`, the Electron app): `?modulePath` makes the build
 *   bundle ./road-worker.ts as its own file beside the main bundle and gives its path;
 * - from TypeScript sources (vitest, tsx): ./road-worker.ts itself, with tsx's loader in the
 *   worker (a bootstrap that registers it, then imports the entry).
 * If the worker cannot start or dies, the host logs it once and answers in this thread from then
 * on, with the same code (./road-protocol.ts) and the last graph loaded: slower for the event
 * loop on a county graph, but never without answers.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { answer, type LoadedGraph, type RoadRequest, type RoadResponse } from './road-protocol';
import type { RoadEngine } from './road-engine';

/** A request before the host numbers it (each variant of the union without its `id`). */
type WithoutId<R> = R extends unknown ? Omit<R, 'id'> : never;
type Request = WithoutId<RoadRequest>;

interface Pending {
  request: Request;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export interface RoadHost {
  /** Parses, validates and builds a graph; rejects (the old graph kept) naming the fault. */
  load(text: string): Promise<LoadedGraph>;
  request<T>(request: Request): Promise<T>;
  /** 'worker', 'thread' (fallback), or 'starting'. */
  mode(): 'worker' | 'thread' | 'starting';
  stop(): Promise<void>;
}

export interface RoadHostOptions {
  log?: (line: string) => void;
  /** Tests: answer in this thread from the start. */
  inThread?: boolean;
  /** Tests: a worker entry that cannot start, to exercise the fallback. */
  workerEntry?: string | URL;
}

export function createRoadHost(options: RoadHostOptions = {}): RoadHost {
  const log = options.log ?? (() => undefined);
  let worker: Worker | null = null;
  let mode: 'worker' | 'thread' | 'starting' = options.inThread ? 'thread' : 'starting';
  let engine: RoadEngine | null = null; // the in-thread engine (fallback)
  let lastText: string | null = null; // the last graph that loaded, to rebuild in-thread
  let nextId = 1;
  let stopped = false;
  const pending = new Map<number, Pending>();
  const queued: { id: number; pending: Pending }[] = [];

  const inThread = (request: Request): Promise<unknown> => {
    const reply = answer(engine, { ...request, id: 0 });
    if (reply.engine) engine = reply.engine;
    return reply.response.ok
      ? Promise.resolve(reply.response.result)
      : Promise.reject(new Error(reply.response.error));
  };

  const fallBack = (why: string): void => {
    if (mode === 'thread' || stopped) return;
    log(`roads: worker thread unavailable (${why}); searching in the main thread`);
    mode = 'thread';
    const w = worker;
    worker = null;
    void w?.terminate().catch(() => undefined);
    if (lastText !== null) {
      const rebuilt = answer(null, { id: 0, op: 'load', text: lastText });
      if (rebuilt.engine) engine = rebuilt.engine;
    }
    const all = [...queued.map((q) => q.pending), ...pending.values()];
    queued.length = 0;
    pending.clear();
    for (const p of all) inThread(p.request).then(p.resolve, p.reject);
  };

  const send = (id: number, p: Pending): void => {
    pending.set(id, p);
    worker?.postMessage({ ...p.request, id });
  };

  if (mode === 'starting') {
    void (async () => {
      try {
        let entry: string | URL;
        let evalEntry = false;
        if (options.workerEntry) entry = options.workerEntry;
        else if (import.meta.url.endsWith('.ts')) {
          // From sources: a two-line bootstrap registers tsx's loader in the worker, then loads
          // the .ts entry (`execArgv: ['--import', 'tsx']` is not honoured by Node 20's workers).
          const tsx = tsxEsmApi();
          const main = new URL('./road-worker.ts', import.meta.url).href;
          entry = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(main)}); })`;
          evalEntry = true;
        } else {
          entry = (await import('./road-worker?modulePath')).default;
        }
        if (stopped) return;
        const w = new Worker(entry, { eval: evalEntry });
        worker = w;
        w.unref();
        w.on('message', (response: RoadResponse) => {
          const p = pending.get(response.id);
          if (!p) return;
          pending.delete(response.id);
          if (response.ok) p.resolve(response.result);
          else p.reject(new Error(response.error));
        });
        w.on('error', (error) => fallBack(error.message));
        w.on('exit', (code) => {
          if (!stopped) fallBack(`exited with code ${code}`);
        });
        w.once('online', () => {
          if (mode !== 'starting') return;
          mode = 'worker';
          for (const q of queued.splice(0)) send(q.id, q.pending);
        });
      } catch (error) {
        fallBack(error instanceof Error ? error.message : String(error));
      }
    })();
  }

  const request = <T>(r: Request): Promise<T> => {
    if (stopped) return Promise.reject(new Error('road router stopped'));
    if (mode === 'thread') return inThread(r) as Promise<T>;
    return new Promise<T>((resolve, reject) => {
      const p: Pending = { request: r, resolve: resolve as (v: unknown) => void, reject };
      const id = nextId++;
      if (mode === 'starting') queued.push({ id, pending: p });
      else send(id, p);
    });
  };

  return {
    async load(text) {
      const info = await request<LoadedGraph>({ op: 'load', text });
      lastText = text;
      return info;
    },
    request,
    mode: () => mode,
    async stop() {
      stopped = true;
      const w = worker;
      worker = null;
      for (const p of [...pending.values(), ...queued.map((q) => q.pending)]) {
        p.reject(new Error('road router stopped'));
      }
      pending.clear();
      queued.length = 0;
      if (w) await w.terminate();
    },
  };
}

/** The file URL of tsx's ESM register API (its package.json `exports`, `import` condition). */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as {
    exports?: Record<string, { import?: { default?: string } }>;
  };
  const rel = pkg.exports?.['./esm/api']?.import?.default ?? './dist/esm/api/index.mjs';
  return pathToFileURL(join(dirname(pkgPath), rel)).href;
}
