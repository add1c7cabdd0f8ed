/**
 * Where the station's road graph comes from: the platform (`GET {base}/api/v1/roads`, with
 * If-None-Match so an unchanged graph costs a 304), or a file (`platform.roadsFile`, for a
 * station that takes its catalog from a file). The last good graph is cached as its wire JSON in
 * dataDir/roads.json (written atomically), and loaded first at start, so a station that starts
 * offline still ranks units by road.
 *
 * Each new text goes through `load` (parse, validate, build: in the road worker); a graph that
 * fails is refused with one log line naming the fault, and the graph in use stays.
 */
import { readCapped } from '../../upstream/read-capped';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedGraph } from './road-protocol';

/**
 * The largest road graph answer or file taken (a county's graph is ~50,000 nodes, a few MB; the
 * schema's node and edge limits fit well within this): more is refused before it is parsed.
 */
export const maxRoadGraphBytes = 128 * 1024 * 1024;

export interface RoadGraphSourceOptions {
  baseUrl: string | null;
  file: string | null;
  dataDir: string;
  /** Parses, validates and builds (rejects naming the fault: the graph in use stays). */
  load: (text: string) => Promise<LoadedGraph>;
  /** A graph was taken (from the cache, the platform or the file). */
  onLoaded: (info: LoadedGraph, from: 'cache' | 'platform' | 'file') => void;
  log?: (line: string) => void;
  fetch?: typeof fetch;
  /** How often the platform / the file is asked again, ms (default hourly). */
  refreshMs?: number;
  timeoutMs?: number;
}

export interface RoadGraphSource {
  start(): Promise<void>;
  /** Asks the platform (or re-reads the file) now. */
  refresh(): Promise<void>;
  stop(): void;
}

export const roadsCacheFile = 'roads.json';

export function createRoadGraphSource(options: RoadGraphSourceOptions): RoadGraphSource {
  const log = options.log ?? (() => undefined);
  const cachePath = join(options.dataDir, roadsCacheFile);
  let version: string | null = null; // the graph in use
  let etag: string | null = null;
  let refused: string | null = null; // the last refused text's ETag / mtime: logged once
  let fileMtime = -1;
  let timer: ReturnType<typeof setInterval> | null = null;
  let stopped = false;
  let inflight: Promise<void> | null = null;

  /** Loads a new text; true when taken. Logs one line when refused. */
  const take = async (
    text: string,
    from: 'cache' | 'platform' | 'file',
    refusalKey: string,
  ): Promise<boolean> => {
    try {
      const info = await options.load(text);
      if (stopped) return false;
      version = info.version;
      refused = null;
      options.onLoaded(info, from);
      if (from !== 'cache') await writeAtomically(cachePath, text);
      return true;
    } catch (error) {
      if (stopped) return false;
      if (refused !== refusalKey) {
        const keeping = version ? `keeping ${version}` : 'no graph in use';
        log(`roads: ${from} graph refused (${errorMessage(error)}); ${keeping}`);
      }
      refused = refusalKey;
      return false;
    }
  };

  const fromPlatform = async (base: string): Promise<void> => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const tag = etag ?? (version ? `"${version}"` : null);
    if (tag) headers['If-None-Match'] = tag;
    let response: Response;
    let text: string;
    // Aborted when the answer is over the size a graph may have.
    const cut = new AbortController();
    try {
      response = await (options.fetch ?? fetch)(`${base.replace(/\/$/, '')}/api/v1/roads`, {
        headers,
        signal: AbortSignal.any([cut.signal, AbortSignal.timeout(options.timeoutMs ?? 60_000)]),
      });
      if (response.status === 304) return;
      const body = await readCapped(response, maxRoadGraphBytes, () => cut.abort());
      if (!body.ok) {
        if (!stopped) log(`roads: platform: the graph is ${body.why}; refused`);
        return;
      }
      text = body.bytes.toString('utf8');
    } catch (error) {
      if (!stopped) log(`roads: platform: ${errorMessage(error)}`);
      return;
    }
    if (stopped) return;
    if (response.status === 404) return; // a platform that serves no roads: the cache stays
    if (!response.ok) {
      log(`roads: platform: HTTP ${response.status}`);
      return;
    }
    const served = response.headers.get('etag');
    if (await take(text, 'platform', served ?? `len:${text.length}`)) etag = served;
  };

  const fromFile = async (file: string): Promise<void> => {
    let mtime: number;
    try {
      mtime = (await stat(file)).mtimeMs;
    } catch (error) {
      log(`roads: file ${file}: ${errorMessage(error)}`);
      return;
    }
    if (mtime === fileMtime) return;
    const size = (await stat(file)).size;
    if (size > maxRoadGraphBytes) {
      fileMtime = mtime;
      log(
        `roads: file ${file}: ${size} bytes, over ${maxRoadGraphBytes / 1024 / 1024} MB; refused`,
      );
      return;
    }
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      log(`roads: file ${file}: ${errorMessage(error)}`);
      return;
    }
    fileMtime = mtime;
    await take(text, 'file', `mtime:${mtime}`);
  };

  const refresh = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    inflight ??= (async () => {
      if (options.file) await fromFile(options.file);
      else if (options.baseUrl) await fromPlatform(options.baseUrl);
    })().finally(() => (inflight = null));
    return inflight;
  };

  return {
    async start() {
      try {
        const cached = await readFile(cachePath, 'utf8');
        await take(cached, 'cache', 'cache');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          log(`roads: cache ${cachePath}: ${errorMessage(error)}`);
        }
      }
      if (stopped) return;
      timer = setInterval(() => void refresh(), options.refreshMs ?? 3600_000);
      timer.unref?.();
      await refresh();
    },
    refresh,
    stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

/** tmp + rename: a crash mid-write leaves the old cache whole, never half a file. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
