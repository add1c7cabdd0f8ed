/**
 * The watch modes' contract (issue #4: automatic rotation, scheduled patrol tours, focus watch):
 * methods added here are spread into `methods` in shared/api.ts; event payloads added to
 * WatchEventPayloads become streams (list their names in watchStreams).
 */
export const watchMethods = {} as const;

export const watchStreams = [] as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the watch capability
export interface WatchEventPayloads {}
