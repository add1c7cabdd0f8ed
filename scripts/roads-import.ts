/**
 * A county's road graph from OpenStreetMap or the PGIS (docs/roads.md):
 *
 *   npm run roads:import -- <roads.geojson> <out.json> [--version V] [--source "OSM 2026-11-01"] [--paths]
 *
 * The input is a GeoJSON FeatureCollection of LineString / MultiLineString roads, e.g.
 * `osmium export county.osm.pbf -f geojson` filtered to highways, or `ogr2ogr -f GeoJSON`. The
 * output is the wire format the platform serves at /api/v1/roads, or the station reads from
 * `platform.roadsFile`. Checked with the same validation a station applies before it is written.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { RoadGraphSchema } from '../shared/contract/roads';
import { buildRoadGraph, geoJsonToRoadGraph } from '../shared/domain/roads';

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      version: { type: 'string' },
      source: { type: 'string' },
      paths: { type: 'boolean', default: false },
    },
  });
  const [input, output] = positionals;
  if (!input || !output) {
    console.error(
      'usage: npm run roads:import -- <roads.geojson> <out.json> [--version V] [--source S] [--paths]',
    );
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(input, 'utf8'));
  } catch (error) {
    console.error(
      `roads:import: ${input}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  try {
    const { graph, stats } = geoJsonToRoadGraph(json, {
      ...(values.version ? { version: values.version } : {}),
      source: values.source ?? `GeoJSON ${input}`,
      includePaths: values.paths ?? false,
    });
    // What a station would refuse should never be written.
    buildRoadGraph(RoadGraphSchema.parse(graph));
    const tmp = `${output}.tmp`;
    writeFileSync(tmp, JSON.stringify(graph));
    renameSync(tmp, output);
    console.log(
      `roads:import: ${stats.features} features, ${stats.roads} roads, ${stats.skipped} skipped → ` +
        `${stats.nodes} nodes, ${stats.edges} edges; version ${graph.version} → ${output}`,
    );
    return 0;
  } catch (error) {
    console.error(
      `roads:import: ${input}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
}

process.exitCode = main();
