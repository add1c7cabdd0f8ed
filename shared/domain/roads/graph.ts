/**
 * The road graph in memory: built once from the wire format (shared/contract/roads.ts) into flat
 * typed arrays, because a county's graph (~50,000 nodes, ~130,000 arcs) searched hundreds of
 * times an hour should not be a heap of small objects the garbage collector walks.
 *
 * Layout: per node `lat`/`lng`; per edge its ends, speed, one-way flag and length; then the arcs
 * (an edge driven in one allowed direction) in CSR form twice: `outStart[n]..outStart[n+1]` index
 * `outTo`/`outEdge` for the arcs leaving n, `inStart`/`inFrom`/`inEdge` for those entering n (the
 * reversed graph: one search from an incident gives every unit's ETA to it).
 */
import type { RoadGraphWire, RoadKind } from '../../contract/roads';
import { maxRoadEdges, maxRoadNodes } from '../../contract/roads';
import { earthRadiusM, haversineM } from '../geo/distance';

/** A graph that cannot be used; the message names the node or edge at fault. */
export class RoadGraphError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoadGraphError';
  }
}

/** The uniform grid over the nodes that `nearestNode` searches (cells of about `cellM`). */
export interface NodeGrid {
  minLat: number;
  minLng: number;
  cellLat: number;
  cellLng: number;
  cols: number;
  rows: number;
  /** Metres per degree of longitude at the graph's middle latitude (flat distances). */
  mPerLng: number;
  /** The nodes of cell c are `cellNodes[cellStart[c]..cellStart[c+1])`; c = row * cols + col. */
  cellStart: Int32Array;
  cellNodes: Int32Array;
}

export interface RoadGraph {
  version: string;
  source: string;
  nodeCount: number;
  edgeCount: number;
  /** Per node, degrees. */
  lat: Float64Array;
  lng: Float64Array;
  /** Per edge: its ends, the speed a car keeps (km/h), 1 when one-way a→b, its length (m). */
  edgeA: Int32Array;
  edgeB: Int32Array;
  edgeKmh: Float32Array;
  edgeOneway: Uint8Array;
  edgeLenM: Float64Array;
  /** Per edge, when the wire gave them (else null). */
  names: readonly string[] | null;
  kinds: readonly RoadKind[] | null;
  /** Forward arcs (CSR): the arcs leaving n are outTo/outEdge[outStart[n]..outStart[n+1]). */
  outStart: Int32Array;
  outTo: Int32Array;
  outEdge: Int32Array;
  /** Reverse arcs (CSR): the arcs entering n come from inFrom[inStart[n]..inStart[n+1]). */
  inStart: Int32Array;
  inFrom: Int32Array;
  inEdge: Int32Array;
  grid: NodeGrid;
}

/** Target size of a grid cell: a few nodes each in a city, so a lookup reads a handful. */
const cellM = 250;
const mPerLat = (earthRadiusM * Math.PI) / 180;

/**
 * Builds the graph, checking what the zod schema cannot: node indexes in range, no edge from a
 * node to itself, per-edge arrays as long as the edges. Throws RoadGraphError naming the first
 * fault (the station logs it and keeps its cached graph).
 */
export function buildRoadGraph(wire: RoadGraphWire): RoadGraph {
  const n = wire.nodes.length;
  const m = wire.edges.length;
  if (n < 2) throw new RoadGraphError(`too few nodes: ${n} (at least 2)`);
  if (n > maxRoadNodes) throw new RoadGraphError(`too many nodes: ${n} (at most ${maxRoadNodes})`);
  if (m < 1) throw new RoadGraphError('no edges');
  if (m > maxRoadEdges) throw new RoadGraphError(`too many edges: ${m} (at most ${maxRoadEdges})`);
  if (wire.names && wire.names.length !== m) {
    throw new RoadGraphError(`names has ${wire.names.length} entries for ${m} edges`);
  }
  if (wire.kinds && wire.kinds.length !== m) {
    throw new RoadGraphError(`kinds has ${wire.kinds.length} entries for ${m} edges`);
  }

  const lat = new Float64Array(n);
  const lng = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = wire.nodes[i] as [number, number];
    const [x, y] = p;
    if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90) {
      throw new RoadGraphError(`node ${i}: [${x}, ${y}] is not a [lng, lat] position`);
    }
    lng[i] = x;
    lat[i] = y;
  }

  const edgeA = new Int32Array(m);
  const edgeB = new Int32Array(m);
  const edgeKmh = new Float32Array(m);
  const edgeOneway = new Uint8Array(m);
  const edgeLenM = new Float64Array(m);
  const outDeg = new Int32Array(n + 1);
  const inDeg = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    const [a, b, kmh, oneway] = wire.edges[e] as [number, number, number, number];
    if (!Number.isInteger(a) || a < 0 || a >= n) {
      throw new RoadGraphError(`edge ${e}: node ${a} out of range (0..${n - 1})`);
    }
    if (!Number.isInteger(b) || b < 0 || b >= n) {
      throw new RoadGraphError(`edge ${e}: node ${b} out of range (0..${n - 1})`);
    }
    if (a === b) throw new RoadGraphError(`edge ${e}: joins node ${a} to itself`);
    if (!(kmh >= 1 && kmh <= 150)) {
      throw new RoadGraphError(`edge ${e}: speed ${kmh} km/h outside 1-150`);
    }
    if (oneway !== 0 && oneway !== 1) throw new RoadGraphError(`edge ${e}: oneway ${oneway}`);
    edgeA[e] = a;
    edgeB[e] = b;
    edgeKmh[e] = kmh;
    edgeOneway[e] = oneway;
    edgeLenM[e] = haversineM(
      { lat: lat[a] as number, lng: lng[a] as number },
      { lat: lat[b] as number, lng: lng[b] as number },
    );
    (outDeg[a] as number)++;
    (inDeg[b] as number)++;
    if (!oneway) {
      (outDeg[b] as number)++;
      (inDeg[a] as number)++;
    }
  }

  const outStart = prefix(outDeg, n);
  const inStart = prefix(inDeg, n);
  const arcs = outStart[n] as number;
  const outTo = new Int32Array(arcs);
  const outEdge = new Int32Array(arcs);
  const inFrom = new Int32Array(arcs);
  const inEdge = new Int32Array(arcs);
  const outFill = outStart.slice(0, n);
  const inFill = inStart.slice(0, n);
  const addArc = (from: number, to: number, e: number): void => {
    const o = (outFill[from] as number)++;
    outTo[o] = to;
    outEdge[o] = e;
    const i = (inFill[to] as number)++;
    inFrom[i] = from;
    inEdge[i] = e;
  };
  for (let e = 0; e < m; e++) {
    addArc(edgeA[e] as number, edgeB[e] as number, e);
    if (!edgeOneway[e]) addArc(edgeB[e] as number, edgeA[e] as number, e);
  }

  return {
    version: wire.version,
    source: wire.source,
    nodeCount: n,
    edgeCount: m,
    lat,
    lng,
    edgeA,
    edgeB,
    edgeKmh,
    edgeOneway,
    edgeLenM,
    names: wire.names ?? null,
    kinds: wire.kinds ?? null,
    outStart,
    outTo,
    outEdge,
    inStart,
    inFrom,
    inEdge,
    grid: buildGrid(lat, lng),
  };
}

/** Degrees (counts at 0..n-1) to CSR starts (n+1 entries). */
function prefix(deg: Int32Array, n: number): Int32Array {
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = (start[i] as number) + (deg[i] as number);
  return start;
}

function buildGrid(lat: Float64Array, lng: Float64Array): NodeGrid {
  const n = lat.length;
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLng = Infinity;
  let maxLng = -Infinity;
  for (let i = 0; i < n; i++) {
    const y = lat[i] as number;
    const x = lng[i] as number;
    if (y < minLat) minLat = y;
    if (y > maxLat) maxLat = y;
    if (x < minLng) minLng = x;
    if (x > maxLng) maxLng = x;
  }
  const mPerLng = Math.max(1, mPerLat * Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180));
  let cell = cellM;
  // A sparse graph over a wide box (a few highways across a province) would make millions of
  // empty cells: widen the cells until there are no more than ~4 per node.
  const cellsFor = (c: number): number =>
    (Math.floor(((maxLat - minLat) * mPerLat) / c) + 1) *
    (Math.floor(((maxLng - minLng) * mPerLng) / c) + 1);
  while (cellsFor(cell) > 4 * n + 1024) cell *= 2;
  const cellLat = cell / mPerLat;
  const cellLng = cell / mPerLng;
  const rows = Math.floor((maxLat - minLat) / cellLat) + 1;
  const cols = Math.floor((maxLng - minLng) / cellLng) + 1;
  const cellOf = new Int32Array(n);
  const count = new Int32Array(rows * cols + 1);
  for (let i = 0; i < n; i++) {
    const r = Math.min(rows - 1, Math.floor(((lat[i] as number) - minLat) / cellLat));
    const c = Math.min(cols - 1, Math.floor(((lng[i] as number) - minLng) / cellLng));
    const k = r * cols + c;
    cellOf[i] = k;
    (count[k] as number)++;
  }
  const cellStart = prefix(count, rows * cols);
  const fill = cellStart.slice(0, rows * cols);
  const cellNodes = new Int32Array(n);
  for (let i = 0; i < n; i++) cellNodes[(fill[cellOf[i] as number] as number)++] = i;
  return { minLat, minLng, cellLat, cellLng, cols, rows, mPerLng, cellStart, cellNodes };
}

/**
 * The node nearest a point, and how far it is (metres). Reads the grid in rings around the
 * point's cell and stops once no unread ring can hold anything nearer: a handful of cells in a
 * city, never a scan of the graph.
 */
export function nearestNode(
  graph: RoadGraph,
  lat: number,
  lng: number,
): { node: number; distanceM: number } {
  const g = graph.grid;
  const cellMeters = Math.min(g.cellLat * mPerLat, g.cellLng * g.mPerLng);
  const r0 = clamp(Math.floor((lat - g.minLat) / g.cellLat), 0, g.rows - 1);
  const c0 = clamp(Math.floor((lng - g.minLng) / g.cellLng), 0, g.cols - 1);
  let best = -1;
  let bestD2 = Infinity;
  const visit = (r: number, c: number): void => {
    const k = r * g.cols + c;
    const end = g.cellStart[k + 1] as number;
    for (let j = g.cellStart[k] as number; j < end; j++) {
      const node = g.cellNodes[j] as number;
      const dy = ((graph.lat[node] as number) - lat) * mPerLat;
      const dx = ((graph.lng[node] as number) - lng) * g.mPerLng;
      const d2 = dx * dx + dy * dy;
      if (d2 < bestD2 || (d2 === bestD2 && node < best)) {
        bestD2 = d2;
        best = node;
      }
    }
  };
  const maxRing = Math.max(g.rows, g.cols);
  for (let ring = 0; ring <= maxRing; ring++) {
    // Cells in ring `ring + 1` and beyond are at least `ring` cells away from the point.
    if (best >= 0 && Math.sqrt(bestD2) <= (ring - 1) * cellMeters) break;
    for (let r = r0 - ring; r <= r0 + ring; r++) {
      if (r < 0 || r >= g.rows) continue;
      const edgeRow = r === r0 - ring || r === r0 + ring;
      for (let c = c0 - ring; c <= c0 + ring; c += edgeRow ? 1 : 2 * ring) {
        if (c >= 0 && c < g.cols) visit(r, c);
        if (ring === 0) break;
      }
    }
  }
  return {
    node: best,
    distanceM: haversineM(
      { lat, lng },
      { lat: graph.lat[best] as number, lng: graph.lng[best] as number },
    ),
  };
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** The road name of an edge ('' when the graph has none). */
export function edgeName(graph: RoadGraph, edge: number): string {
  return graph.names?.[edge] ?? '';
}

/**
 * The nodes within `radiusM` of a point, nearest first (at most `max`), by the grid: a point
 * between two junctions of a long road is near both, and the nearest node alone may be on a
 * one-way or a cut-off yard that leads nowhere.
 */
export function nodesNear(
  graph: RoadGraph,
  lat: number,
  lng: number,
  radiusM: number,
  max = 16,
): { node: number; distanceM: number }[] {
  const g = graph.grid;
  const r0 = Math.floor((lat - g.minLat) / g.cellLat);
  const c0 = Math.floor((lng - g.minLng) / g.cellLng);
  const dr = Math.ceil(radiusM / (g.cellLat * mPerLat));
  const dc = Math.ceil(radiusM / (g.cellLng * g.mPerLng));
  const found: { node: number; distanceM: number }[] = [];
  for (let r = Math.max(0, r0 - dr); r <= Math.min(g.rows - 1, r0 + dr); r++) {
    for (let c = Math.max(0, c0 - dc); c <= Math.min(g.cols - 1, c0 + dc); c++) {
      const k = r * g.cols + c;
      const end = g.cellStart[k + 1] as number;
      for (let j = g.cellStart[k] as number; j < end; j++) {
        const node = g.cellNodes[j] as number;
        const dy = ((graph.lat[node] as number) - lat) * mPerLat;
        const dx = ((graph.lng[node] as number) - lng) * g.mPerLng;
        const d = Math.sqrt(dx * dx + dy * dy);
        if (d <= radiusM) found.push({ node, distanceM: d });
      }
    }
  }
  found.sort((a, b) => a.distanceM - b.distanceM || a.node - b.node);
  return found.slice(0, max);
}
