import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RoadGraphSchema } from '../../../shared/contract/roads';
import {
  buildRoadGraph,
  geoJsonToRoadGraph,
  RoadImportError,
  shortestTimes,
} from '../../../shared/domain/roads';

const fixture = join(import.meta.dirname, 'fixtures', 'osm-roads.geojson');
const input = (): unknown => JSON.parse(readFileSync(fixture, 'utf8'));

describe('geoJsonToRoadGraph', () => {
  it('joins roads at shared vertices, reads speeds, one-ways and names', () => {
    const { graph, stats } = geoJsonToRoadGraph(input(), { version: 'v1' });
    expect(stats).toEqual({ features: 6, roads: 4, skipped: 2, nodes: 7, edges: 6 });
    expect(RoadGraphSchema.parse(graph).version).toBe('v1');
    // 建设路: two edges at 60 km/h, two-way
    expect(graph.edges.slice(0, 2)).toEqual([
      [0, 1, 60, 0],
      [1, 2, 60, 0],
    ]);
    // 红星街 starts at the primary's middle vertex (node 1), one-way, residential default 35
    expect(graph.edges[2]).toEqual([1, 3, 35, 1]);
    // oneway=-1: drawn north, driven south (node 5 → node 2); 30 mph ≈ 48 km/h
    const [a, b, kmh, oneway] = graph.edges[3] as [number, number, number, number];
    expect([a, b, oneway]).toEqual([4, 2, 1]);
    expect(kmh).toBeCloseTo(48.3, 1);
    // PGIS-like kind/speed, a MultiLineString whose parts share a vertex
    expect(graph.edges.slice(4)).toEqual([
      [4, 5, 45, 0],
      [5, 6, 45, 0],
    ]);
    expect(graph.names).toEqual(['建设路', '建设路', '红星街', '逆行街', 'X012', 'X012']);
    expect(graph.kinds?.[0]).toBe('arterial');
    // and it drives: from the primary's west end over 红星街 one way only
    const g = buildRoadGraph(graph);
    const from0 = shortestTimes(g, [{ node: 0 }], { direction: 'forward', kind: 'car' });
    expect(from0.timeS[3]).toBeLessThan(Infinity);
    const from3 = shortestTimes(g, [{ node: 3 }], { direction: 'forward', kind: 'car' });
    expect(from3.timeS[0]).toBe(Infinity);
  });

  it('keeps footways with includePaths', () => {
    const { stats } = geoJsonToRoadGraph(input(), { includePaths: true });
    expect(stats.roads).toBe(5);
  });

  it('names the feature at fault', () => {
    const bad = input() as { features: { geometry: { coordinates: unknown } }[] };
    (bad.features[2] as { geometry: { coordinates: unknown } }).geometry.coordinates = [
      [116.9, 35.4],
      ['x', 35],
    ];
    expect(() => geoJsonToRoadGraph(bad)).toThrow(RoadImportError);
    expect(() => geoJsonToRoadGraph(bad)).toThrow(/feature 2, position 1/);
    const badKind = input() as { features: { properties: Record<string, unknown> }[] };
    (badKind.features[5] as { properties: Record<string, unknown> }).properties['kind'] =
      'motorway';
    expect(() => geoJsonToRoadGraph(badKind)).toThrow(/feature 5: kind "motorway"/);
    expect(() => geoJsonToRoadGraph({ type: 'Feature' })).toThrow(/FeatureCollection/);
  });

  it('runs as npm run roads:import: writes the graph, and exits 1 naming the fault', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-roads-import-'));
    try {
      const out = join(dir, 'roads.json');
      const log = execFileSync(
        'npx',
        ['tsx', 'scripts/roads-import.ts', fixture, out, '--version', 'osm-1'],
        {
          encoding: 'utf8',
        },
      );
      expect(log).toMatch(/7 nodes, 6 edges; version osm-1/);
      expect(JSON.parse(readFileSync(out, 'utf8')).edges).toHaveLength(6);
      const broken = join(dir, 'broken.geojson');
      writeFileSync(
        broken,
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { highway: 'primary' },
              geometry: { type: 'LineString', coordinates: 'nope' },
            },
          ],
        }),
      );
      let status = 0;
      let stderr = '';
      try {
        execFileSync('npx', ['tsx', 'scripts/roads-import.ts', broken, join(dir, 'x.json')], {
          encoding: 'utf8',
          stdio: 'pipe',
        });
      } catch (error) {
        status = (error as { status: number }).status;
        stderr = String((error as { stderr: string }).stderr);
      }
      expect(status).toBe(1);
      expect(stderr).toMatch(/feature 0: coordinates not an array/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
