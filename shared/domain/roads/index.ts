/**
 * The road graph in memory and the searches on it (issue #13 items 4 and 7), pure TypeScript
 * (no Node, no DOM): used by the station's road worker (ETA ranking, routes, the cordon) and by
 * the simulator (its units drive to an incident over the roads).
 *
 * - `buildRoadGraph(wire)` (./graph.ts): from the wire format (shared/contract/roads.ts) to
 *   compact arrays, forward and reverse adjacency (CSR). Throws `RoadGraphError` naming what is
 *   wrong (an edge's node index out of range, a speed of 0, too few nodes, …).
 * - `nearestNode(graph, lat, lng)`: the node nearest a point (a grid index, not a scan).
 * - `shortestTimes(graph, sources, options)` (./search.ts): one Dijkstra from several source
 *   nodes (each with a start time), forward or on the reversed graph, with a speed per unit kind,
 *   optionally cut at a time limit: seconds and metres to every node, and the previous node.
 * - `pathTo(search, node)`: node indexes from a source to `node`.
 * - `reachExits`, `reachOutline`, `reachM` (./isochrone.ts): the cordon's area and road exits.
 * - `geoJsonToRoadGraph` (./geojson-import.ts): OpenStreetMap / PGIS GeoJSON to the wire format.
 */
export * from './graph';
export * from './search';
export * from './isochrone';
export * from './geojson-import';
export * from './synthetic';
