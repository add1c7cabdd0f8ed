import { describe, expect, it } from 'vitest';
import type { RoadGraphWire } from '../../../shared/contract/roads';
import { haversineM } from '../../../shared/domain/geo/distance';
import {
  buildRoadGraph,
  nearestNode,
  pathTo,
  RoadGraphError,
  shortestTimes,
  type RoadGraph,
} from '../../../shared/domain/roads';

/** A small deterministic PRNG so a failing case can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function randomWire(seed: number, n: number, m: number): RoadGraphWire {
  const r = prng(seed);
  const nodes: [number, number][] = Array.from({ length: n }, () => [
    116.9 + r() * 0.05,
    35.4 + r() * 0.05,
  ]);
  const edges: [number, number, number, 0 | 1][] = [];
  while (edges.length < m) {
    const a = Math.floor(r() * n);
    const b = Math.floor(r() * n);
    if (a === b) continue;
    edges.push([a, b, 10 + Math.floor(r() * 80), r() < 0.3 ? 1 : 0]);
  }
  return { version: `r${seed}`, source: 'test', nodes, edges };
}

/** Bellman-Ford over the wire format: the reference a Dijkstra must agree with. */
function bruteForce(wire: RoadGraphWire, sources: number[], reverse: boolean): number[] {
  const t = wire.nodes.map(() => Infinity);
  for (const s of sources) t[s] = 0;
  const arcs: [number, number, number][] = [];
  for (const [a, b, kmh, oneway] of wire.edges) {
    const pa = wire.nodes[a] as [number, number];
    const pb = wire.nodes[b] as [number, number];
    const s = (haversineM({ lat: pa[1], lng: pa[0] }, { lat: pb[1], lng: pb[0] }) * 3.6) / kmh;
    arcs.push(reverse ? [b, a, s] : [a, b, s]);
    if (!oneway) arcs.push(reverse ? [a, b, s] : [b, a, s]);
  }
  for (let i = 0; i < wire.nodes.length; i++) {
    let changed = false;
    for (const [a, b, s] of arcs) {
      if ((t[a] as number) + s < (t[b] as number) - 1e-9) {
        t[b] = (t[a] as number) + s;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return t;
}

/** A straight road of 4 nodes ~111 m apart (0.001° of latitude) heading north. */
const line: RoadGraphWire = {
  version: 'v1',
  source: 'test',
  nodes: [
    [117, 35],
    [117, 35.001],
    [117, 35.002],
    [117, 35.003],
  ],
  edges: [
    [0, 1, 36, 0],
    [1, 2, 36, 1],
    [2, 3, 36, 0],
  ],
  names: ['A Rd', 'B Rd', 'C Rd'],
};

describe('buildRoadGraph', () => {
  it('builds forward and reverse arcs, one per direction allowed', () => {
    const g = buildRoadGraph(line);
    expect(g.nodeCount).toBe(4);
    expect(g.edgeCount).toBe(3);
    // two-way edges give 2 arcs, the one-way 1
    expect(g.outStart[4]).toBe(5);
    expect(g.inStart[4]).toBe(5);
    expect(g.edgeLenM[0]).toBeCloseTo(111.2, 0);
    const out1 = Array.from(g.outTo.slice(g.outStart[1], g.outStart[2])).sort();
    expect(out1).toEqual([0, 2]);
    const out2 = Array.from(g.outTo.slice(g.outStart[2], g.outStart[3])).sort();
    expect(out2).toEqual([3]); // not back to 1: one-way
    const in1 = Array.from(g.inFrom.slice(g.inStart[1], g.inStart[2])).sort();
    expect(in1).toEqual([0]);
  });

  const bad: [string, (w: RoadGraphWire) => RoadGraphWire, RegExp][] = [
    [
      'an edge index out of range',
      (w) => ({ ...w, edges: [...w.edges, [2, 9, 30, 0]] }),
      /edge 3: node 9 out of range/,
    ],
    [
      'a speed of 0',
      (w) => ({ ...w, edges: [[0, 1, 0, 0], ...w.edges.slice(1)] }),
      /edge 0: speed 0/,
    ],
    [
      'too few nodes',
      (w) => ({ ...w, nodes: [[117, 35]], edges: [[0, 0, 30, 0]] }),
      /too few nodes: 1/,
    ],
    [
      'a loop edge',
      (w) => ({ ...w, edges: [...w.edges, [1, 1, 30, 0]] }),
      /edge 3: joins node 1 to itself/,
    ],
    [
      'names of the wrong length',
      (w) => ({ ...w, names: ['x'] }),
      /names has 1 entries for 3 edges/,
    ],
    ['a node off the globe', (w) => ({ ...w, nodes: [[200, 35], ...w.nodes.slice(1)] }), /node 0/],
  ];
  for (const [what, make, message] of bad) {
    it(`refuses ${what}, naming it`, () => {
      const { names: _names, ...unnamed } = line;
      const wire = what.startsWith('names') ? make(line) : make(unnamed);
      expect(() => buildRoadGraph(wire)).toThrow(RoadGraphError);
      expect(() => buildRoadGraph(wire)).toThrow(message);
    });
  }
});

describe('nearestNode', () => {
  it('agrees with a scan of every node, inside and outside the graph', () => {
    const wire = randomWire(3, 2000, 3000);
    const g = buildRoadGraph(wire);
    const r = prng(11);
    for (let i = 0; i < 300; i++) {
      // some points well outside the box: the grid must still find the nearest
      const lat = 35.35 + r() * 0.15;
      const lng = 116.85 + r() * 0.15;
      const got = nearestNode(g, lat, lng);
      let best = -1;
      let bestD = Infinity;
      wire.nodes.forEach(([x, y], k) => {
        const d = haversineM({ lat, lng }, { lat: y, lng: x });
        if (d < bestD) {
          bestD = d;
          best = k;
        }
      });
      expect(got.distanceM).toBeCloseTo(bestD, 3);
      if (got.node !== best) {
        // only a tie (equal distance to the millimetre) may pick another node
        expect(Math.abs(got.distanceM - bestD)).toBeLessThan(1e-3);
      }
    }
  });

  it('gives the node itself at its own position', () => {
    const g = buildRoadGraph(line);
    expect(nearestNode(g, 35.002, 117)).toEqual({ node: 2, distanceM: 0 });
  });
});

describe('shortestTimes', () => {
  it('matches brute force on random graphs, forward and reverse, several sources', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const wire = randomWire(seed, 40, 70);
      const g = buildRoadGraph(wire);
      const sources = [seed % 40, (seed * 7) % 40];
      for (const direction of ['forward', 'reverse'] as const) {
        const got = shortestTimes(
          g,
          sources.map((node) => ({ node })),
          { direction, kind: 'car' },
        );
        const want = bruteForce(wire, sources, direction === 'reverse');
        want.forEach((w, i) => {
          if (w === Infinity) expect(got.timeS[i]).toBe(Infinity);
          else expect(got.timeS[i]).toBeCloseTo(w, 6);
        });
      }
    }
  });

  it('gives from each origin (reverse search from the target) what a forward search from it gives', () => {
    const wire = randomWire(42, 60, 110);
    const g = buildRoadGraph(wire);
    const target = 5;
    const rev = shortestTimes(g, [{ node: target }], { direction: 'reverse', kind: 'car' });
    for (let origin = 0; origin < 60; origin++) {
      const fwd = shortestTimes(g, [{ node: origin }], { direction: 'forward', kind: 'car' });
      expect(rev.timeS[origin]).toBeCloseTo(fwd.timeS[target] as number, 6);
      if (fwd.timeS[target] !== Infinity) {
        expect(rev.distM[origin]).toBeCloseTo(fwd.distM[target] as number, 3);
      }
    }
  });

  it('respects one-way edges', () => {
    const g = buildRoadGraph(line);
    const from0 = shortestTimes(g, [{ node: 0 }], { direction: 'forward', kind: 'car' });
    expect(from0.timeS[3]).toBeCloseTo((3 * 111.19 * 3.6) / 36, 0);
    const from3 = shortestTimes(g, [{ node: 3 }], { direction: 'forward', kind: 'car' });
    expect(from3.timeS[2]).toBeGreaterThan(0);
    expect(from3.timeS[1]).toBe(Infinity); // 2→1 is against the one-way
    expect(from3.timeS[0]).toBe(Infinity);
    // reverse from 0: who can reach 0? only 1 (2 cannot go back to 1)
    const to0 = shortestTimes(g, [{ node: 0 }], { direction: 'reverse', kind: 'car' });
    expect(to0.timeS[1]).toBeLessThan(Infinity);
    expect(to0.timeS[2]).toBe(Infinity);
  });

  it('keeps each kind at its speed: foot 5 km/h, village capped at 15, car at the road', () => {
    const g = buildRoadGraph(line);
    const len = g.edgeLenM[0] as number;
    const t = (kind: Parameters<typeof shortestTimes>[2]['kind']): number =>
      shortestTimes(g, [{ node: 0 }], { direction: 'forward', kind }).timeS[1] as number;
    expect(t('car')).toBeCloseTo((len * 3.6) / 36, 6);
    expect(t('foot')).toBeCloseTo((len * 3.6) / 5, 6);
    expect(t('village')).toBeCloseTo((len * 3.6) / 15, 6);
    expect(t({ kmh: 100, capByRoad: true })).toBeCloseTo((len * 3.6) / 36, 6);
    expect(t({ kmh: 100, capByRoad: false })).toBeCloseTo((len * 3.6) / 100, 6);
  });

  it('stops at limitS and honours start times', () => {
    const g = buildRoadGraph(line);
    const leg = ((g.edgeLenM[0] as number) * 3.6) / 36; // ~11 s
    const cut = shortestTimes(g, [{ node: 0 }], {
      direction: 'forward',
      kind: 'car',
      limitS: leg * 1.5,
    });
    expect(cut.timeS[1]).toBeCloseTo(leg, 6);
    expect(cut.timeS[2]).toBe(Infinity);
    expect(cut.settled).toBe(2);
    const late = shortestTimes(
      g,
      [
        { node: 0, startS: 100 },
        { node: 3, startS: 0 },
      ],
      {
        direction: 'forward',
        kind: 'car',
      },
    );
    expect(late.timeS[0]).toBe(100);
    expect(late.timeS[1]).toBeCloseTo(100 + leg, 6);
  });
});

describe('pathTo', () => {
  it('walks prev back to the source, and is empty when unreached', () => {
    const g: RoadGraph = buildRoadGraph(line);
    const s = shortestTimes(g, [{ node: 0 }], { direction: 'forward', kind: 'car' });
    expect(pathTo(s, 3)).toEqual([0, 1, 2, 3]);
    expect(pathTo(s, 0)).toEqual([0]);
    const back = shortestTimes(g, [{ node: 3 }], { direction: 'forward', kind: 'car' });
    expect(pathTo(back, 0)).toEqual([]);
    // a reverse search lists from the target back to the origin
    const rev = shortestTimes(g, [{ node: 3 }], { direction: 'reverse', kind: 'car' });
    expect(pathTo(rev, 0)).toEqual([3, 2, 1, 0]);
  });
});
