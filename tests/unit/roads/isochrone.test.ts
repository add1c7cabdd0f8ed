import { describe, expect, it } from 'vitest';
import {
  buildRoadGraph,
  edgeTimeS,
  reachExits,
  reachOutline,
  shortestTimes,
  speedProfile,
  syntheticRoadGraph,
} from '../../../shared/domain/roads';

describe('reachExits', () => {
  const wire = syntheticRoadGraph({ rows: 20, cols: 20, seed: 5 });
  const g = buildRoadGraph(wire);
  const start = 10 * 20 + 10;
  const limitS = 90;
  const kind = { kmh: 50, capByRoad: true };
  const search = shortestTimes(g, [{ node: start }], { direction: 'forward', kind, limitS });

  it('puts each exit on a road leaving the reached set, at the crossing time', () => {
    const exits = reachExits(g, search, limitS, { kind, clusterM: 0.001 });
    expect(exits.length).toBeGreaterThan(4);
    const profile = speedProfile(kind);
    for (const x of exits) {
      expect(search.timeS[x.from]).toBeLessThanOrEqual(limitS);
      expect(search.timeS[x.to]).toBe(Infinity); // beyond the limit: never reached in time
      const a = g.edgeA[x.edge];
      const b = g.edgeB[x.edge];
      expect([a, b].sort()).toEqual([x.from, x.to].sort());
      // the crossing point divides the edge at the time left when the suspect gets to `from`
      const f = (limitS - (search.timeS[x.from] as number)) / edgeTimeS(g, x.edge, profile);
      expect(x.lat).toBeCloseTo(
        (g.lat[x.from] as number) + ((g.lat[x.to] as number) - (g.lat[x.from] as number)) * f,
        9,
      );
      expect(x.beyond.etaS).toBeGreaterThan(limitS);
    }
    // every leaving arc is an exit when nothing is merged
    let leaving = 0;
    for (let u = 0; u < g.nodeCount; u++) {
      if (!((search.timeS[u] as number) <= limitS)) continue;
      for (let a = g.outStart[u] as number; a < (g.outStart[u + 1] as number); a++) {
        if ((search.timeS[g.outTo[a] as number] as number) > limitS) leaving++;
      }
    }
    expect(exits.reduce((n, x) => n + x.merged, 0)).toBe(leaving);
  });

  it('merges exits within clusterM and sorts the soonest first', () => {
    const all = reachExits(g, search, limitS, { kind, clusterM: 0.001 });
    const merged = reachExits(g, search, limitS, { kind, clusterM: 200 });
    expect(merged.length).toBeLessThan(all.length);
    expect(merged.reduce((n, x) => n + x.merged, 0)).toBe(all.reduce((n, x) => n + x.merged, 0));
    for (let i = 1; i < merged.length; i++) {
      expect(merged[i]!.beyond.etaS).toBeGreaterThanOrEqual(merged[i - 1]!.beyond.etaS);
    }
    for (let i = 0; i < merged.length; i++) {
      for (let j = i + 1; j < merged.length; j++) {
        const dy = (merged[i]!.beyond.lat - merged[j]!.beyond.lat) * 111_195;
        const dx =
          (merged[i]!.beyond.lng - merged[j]!.beyond.lng) *
          111_195 *
          Math.cos((35.4 * Math.PI) / 180);
        expect(Math.hypot(dx, dy)).toBeGreaterThan(199);
      }
    }
  });

  it('outlines the reached nodes (each inside the hull)', () => {
    const ring = reachOutline(g, search, limitS);
    expect(ring.length).toBeGreaterThanOrEqual(3);
    const inside = (x: number, y: number): boolean => {
      for (let i = 0; i < ring.length; i++) {
        const [ax, ay] = ring[i]!;
        const [bx, by] = ring[(i + 1) % ring.length]!;
        if ((bx - ax) * (y - ay) - (by - ay) * (x - ax) < -1e-12) return false;
      }
      return true;
    };
    for (let n = 0; n < g.nodeCount; n++) {
      if ((search.timeS[n] as number) <= limitS) expect(inside(g.lng[n]!, g.lat[n]!)).toBe(true);
    }
  });
});
