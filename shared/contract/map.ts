/**
 * The tactical map's contract (issue #5: units, tracks, areas, compliance, radius search, tiles):
 * methods added here are spread into `methods` in shared/api.ts; event payloads added to
 * MapEventPayloads become streams (list their names in mapStreams).
 */
export const mapMethods = {} as const;

export const mapStreams = [] as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the map capability
export interface MapEventPayloads {}
