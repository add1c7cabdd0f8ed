/**
 * The station's RoadRouter (../road-router.ts): the road graph from the platform, a file or the
 * cache (./road-graph-source.ts), searched in a worker thread (./road-host.ts). With no graph at
 * all it answers straight-line at each kind's speed (graphVersion null), so dispatch works from
 * the first second and gets better when the roads arrive.
 */
import type { RoadsInfo } from '../../../../shared/contract/dispatch';
import type { LngLat } from '../../../../shared/contract/map';
import type { Eta, EtaAnswer, Origin, ReachAnswer, RoadRouter } from '../road-router';
import { StraightLineRouter } from '../straight-line-router';
import { createRoadGraphSource } from './road-graph-source';
import { createRoadHost, type RoadHostOptions } from './road-host';
import type { EtaResult } from './road-engine';

export interface RoadRouterOptions {
  baseUrl: string | null;
  file: string | null;
  dataDir: string;
  log?: (line: string) => void;
  now?: () => number;
  fetch?: typeof fetch;
  /** Tests: how often the platform is asked again (default hourly). */
  refreshMs?: number;
  /** Tests: where the searches run. */
  host?: RoadHostOptions;
}

export interface StationRoadRouter extends RoadRouter {
  /** Asks the platform (or re-reads the file) now; resolves once the answer is taken or refused. */
  refresh(): Promise<void>;
  /** Resolves once the cache and the first fetch have been tried (tests, the bench). */
  ready(): Promise<void>;
  /** Where the searches run: the worker thread, or this one (fallback). */
  searchMode(): 'worker' | 'thread' | 'starting';
}

export function createRoadRouter(options: RoadRouterOptions): StationRoadRouter {
  const log = options.log ?? (() => undefined);
  const now = options.now ?? Date.now;
  const straight = new StraightLineRouter();
  const host = createRoadHost({ log, ...options.host });
  let info: RoadsInfo | null = null;
  let started: Promise<void> | null = null;
  let failing = false;
  const source = createRoadGraphSource({
    baseUrl: options.baseUrl,
    file: options.file,
    dataDir: options.dataDir,
    log,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.refreshMs ? { refreshMs: options.refreshMs } : {}),
    load: (text) => host.load(text),
    onLoaded: (loaded, from) => {
      if (info?.version !== loaded.version) {
        log(`roads: ${loaded.version} from ${from}: ${loaded.nodes} nodes, ${loaded.edges} edges`);
      }
      info = { ...loaded, takenAt: now() };
    },
  });

  /** A search that fails (a worker that died mid-answer) falls back to the straight line. */
  const orStraight = async <T>(
    byRoad: () => Promise<T>,
    straightAnswer: () => Promise<T>,
  ): Promise<T> => {
    if (!info) return straightAnswer();
    try {
      const answer = await byRoad();
      failing = false;
      return answer;
    } catch (error) {
      if (!failing)
        log(
          `roads: search failed (${error instanceof Error ? error.message : String(error)}); straight line`,
        );
      failing = true;
      return straightAnswer();
    }
  };

  return {
    info: () => info,
    etaTo(target, origins): Promise<EtaAnswer> {
      return orStraight(
        async () => {
          const version = info?.version ?? null;
          const r = await host.request<EtaResult>({ op: 'etaTo', target, origins });
          return { byId: r.byId, graphVersion: version, computeMs: r.computeMs };
        },
        () => straight.etaTo(target, origins),
      );
    },
    route(from: Origin, to): Promise<(Eta & { line: LngLat[] }) | null> {
      return orStraight(
        () => host.request<(Eta & { line: LngLat[] }) | null>({ op: 'route', from, to }),
        () => straight.route(from, to),
      );
    },
    reach(from, mode, speedKmh, seconds): Promise<ReachAnswer> {
      return orStraight(
        () => host.request<ReachAnswer>({ op: 'reach', from, mode, speedKmh, seconds }),
        () => straight.reach(from, mode, speedKmh, seconds),
      );
    },
    etaToMany(targets, origins) {
      return orStraight(
        () => host.request<Map<string, Map<string, Eta>>>({ op: 'etaToMany', targets, origins }),
        () => straight.etaToMany(targets, origins),
      );
    },
    refresh: () => source.refresh(),
    ready: () => started ?? Promise.resolve(),
    searchMode: () => host.mode(),
    start() {
      started ??= source.start().catch((error: unknown) => {
        log(`roads: ${error instanceof Error ? error.message : String(error)}`);
      });
    },
    async stop() {
      source.stop();
      await host.stop();
    },
  };
}
