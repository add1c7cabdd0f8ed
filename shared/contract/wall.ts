/**
 * The video wall's contract (issue #3: layouts, views, displays, playback, camera to camera):
 * methods added here are spread into `methods` in shared/api.ts; event payloads added to
 * WallEventPayloads become streams (list their names in wallStreams).
 */
export const wallMethods = {} as const;

export const wallStreams = [] as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the wall capability
export interface WallEventPayloads {}
