/**
 * The district's road graph (issue #13 item 4): served by the platform as a versioned resource,
 * `GET {base}/api/v1/roads` with an `ETag` (like the map geometry, docs/protocol.md §8), cached by
 * the station, and used to rank units by drive time (ETA) over the roads and to draw routes and
 * the reachable area of a cordon. A county without a platform resource brings its own, cut from
 * OpenStreetMap or the PGIS (`npm run roads:import`, docs/protocol.md §8).
 *
 * Compact on the wire: nodes are `[lng, lat]` pairs, edges `[a, b, kmh, oneway]` rows; names and
 * kinds are optional per edge. A graph that fails validation is refused and the cached one kept.
 */
import { z } from 'zod';

/** Road kinds, with the speed a car keeps on each when the edge gives none (km/h). */
export const roadKinds = ['expressway', 'arterial', 'street', 'country', 'path'] as const;
export type RoadKind = (typeof roadKinds)[number];
export const defaultKmh: Record<RoadKind, number> = {
  expressway: 90,
  arterial: 50,
  street: 35,
  country: 45,
  path: 10,
};

/** The largest graph a station takes (a county is ~50,000 nodes; a city district far fewer). */
export const maxRoadNodes = 500_000;
export const maxRoadEdges = 1_000_000;

const lngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const RoadGraphSchema = z.object({
  /** Opaque version (the ETag): changes whenever anything in the graph does. */
  version: z.string().min(1).max(200),
  /** What it was made from, for the desk ("simulator", "OSM 2026-11-01 cut", "PGIS"). */
  source: z.string().max(200).default(''),
  /** `[lng, lat]` per node, WGS-84. */
  nodes: z.array(lngLat).min(2).max(maxRoadNodes),
  /**
   * `[a, b, kmh, oneway]` per edge: node indexes, the speed a car keeps (1-150 km/h), and 1 when
   * it may be driven only from a to b (0: both ways). The length is the straight line between
   * the nodes: long curved roads are split into several edges.
   */
  edges: z
    .array(
      z.tuple([
        z.number().int().min(0),
        z.number().int().min(0),
        z.number().min(1).max(150),
        z.union([z.literal(0), z.literal(1)]),
      ]),
    )
    .min(1)
    .max(maxRoadEdges),
  /** Optional per edge (same order): the road's name, for routes read out to a unit. */
  names: z.array(z.string().max(100)).optional(),
  /** Optional per edge: the road's kind. */
  kinds: z.array(z.enum(roadKinds)).optional(),
});
export type RoadGraphWire = z.infer<typeof RoadGraphSchema>;
