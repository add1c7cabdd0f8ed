/**
 * What the core and the road worker say to each other, and the one function that answers a
 * request: the worker calls it on each message, and the in-thread fallback calls it directly,
 * so both paths run exactly the same code.
 */
import { RoadGraphSchema, type RoadGraphWire } from '../../../../shared/contract/roads';
import { RoadEngine } from './road-engine';
import type { Origin } from '../road-router';

type Point = { lat: number; lng: number };

/** What a successful `load` answers. */
export interface LoadedGraph {
  version: string;
  source: string;
  nodes: number;
  edges: number;
}

/** JSON text → a valid wire graph, or an Error naming the first fault (path and problem). */
export function parseRoadGraph(text: string): RoadGraphWire {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('not valid JSON');
  }
  const parsed = RoadGraphSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(top)';
    throw new Error(`${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export type RoadRequest =
  /** The wire JSON as fetched or read: parsed, validated and built where the searches run. */
  | { id: number; op: 'load'; text: string }
  | { id: number; op: 'etaTo'; target: Point; origins: Origin[] }
  | { id: number; op: 'route'; from: Origin; to: Point }
  | {
      id: number;
      op: 'reach';
      from: Point;
      mode: 'vehicle' | 'foot';
      speedKmh: number;
      seconds: number;
    }
  | {
      id: number;
      op: 'etaToMany';
      targets: { id: string; lat: number; lng: number }[];
      origins: Origin[];
    };

export type RoadResponse =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/**
 * Answers one request against `engine`. A `load` builds a new engine (returned in `engine`, to
 * replace the old one only once it is built: a bad graph leaves the previous one answering).
 */
export function answer(
  engine: RoadEngine | null,
  message: unknown,
): { response: RoadResponse; engine?: RoadEngine } {
  const request = message as RoadRequest;
  const id = typeof request?.id === 'number' ? request.id : -1;
  try {
    if (request.op === 'load') {
      const built = new RoadEngine(parseRoadGraph(request.text));
      const g = built.graph;
      const info: LoadedGraph = {
        version: g.version,
        source: g.source,
        nodes: g.nodeCount,
        edges: g.edgeCount,
      };
      return { response: { id, ok: true, result: info }, engine: built };
    }
    if (!engine) throw new Error('no road graph loaded');
    switch (request.op) {
      case 'etaTo':
        return {
          response: { id, ok: true, result: engine.etaTo(request.target, request.origins) },
        };
      case 'route':
        return { response: { id, ok: true, result: engine.route(request.from, request.to) } };
      case 'reach':
        return {
          response: {
            id,
            ok: true,
            result: engine.reach(request.from, request.mode, request.speedKmh, request.seconds),
          },
        };
      case 'etaToMany':
        return {
          response: { id, ok: true, result: engine.etaToMany(request.targets, request.origins) },
        };
      default:
        throw new Error(`unknown request ${JSON.stringify((request as { op?: unknown }).op)}`);
    }
  } catch (error) {
    return {
      response: { id, ok: false, error: error instanceof Error ? error.message : String(error) },
    };
  }
}
