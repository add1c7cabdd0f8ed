/**
 * Which of the catalog's video origins the pages may not load (docs/protocol.md §2, §5). A wall
 * tile fetches HLS itself, under the page's Content-Security-Policy, whose `media-src` and
 * `connect-src` list only the platform's base URL and `security.streamHosts`. A camera whose
 * `liveUrl`, `subUrl` or `playbackUrlTemplate` is on any other origin never plays: the browser
 * refuses the request before it leaves the page. A file-kind station has no base URL, so every
 * stream host must be listed; so must a media server beside an HTTP platform.
 *
 * Pure, except the checker, which only logs: once at start and again whenever a new catalog
 * changes the set of unlisted origins.
 */
import type { Camera } from '../../../shared/api';

export interface UnlistedStreamOrigin {
  origin: string;
  /** Cameras with at least one stream URL on this origin. */
  cameras: number;
  /** The first such camera's id, for the log. */
  example: string;
}

type StreamUrls = Pick<Camera, 'id' | 'liveUrl' | 'subUrl' | 'playbackUrlTemplate'>;

const originOf = (url: string): string | null => {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
};

/** The origins the pages may load video from: the platform's base URL and security.streamHosts. */
export function allowedStreamOrigins(
  baseUrl: string | null,
  streamHosts: readonly string[],
): string[] {
  const all = [baseUrl, ...streamHosts].filter((u): u is string => u !== null);
  return [...new Set(all.map(originOf).filter((o): o is string => o !== null))];
}

/**
 * Whether a CSP source of `allowed` lets the page load from `origin`: the same origin, or the
 * same host and port over https where the source says http (CSP's scheme upgrade).
 */
function allows(allowed: string, origin: string): boolean {
  if (allowed === origin) return true;
  return allowed.startsWith('http://') && origin === `https://${allowed.slice('http://'.length)}`;
}

/** The catalog's stream origins that no allowed origin covers, most cameras first. */
export function unlistedStreamOrigins(
  cameras: readonly StreamUrls[],
  allowed: readonly string[],
): UnlistedStreamOrigin[] {
  const found = new Map<string, UnlistedStreamOrigin>();
  for (const camera of cameras) {
    const origins = new Set(
      [camera.liveUrl, camera.subUrl, camera.playbackUrlTemplate]
        .filter((u): u is string => typeof u === 'string' && u.length > 0)
        .map(originOf)
        .filter((o): o is string => o !== null && !allowed.some((a) => allows(a, o))),
    );
    for (const origin of origins) {
      const entry = found.get(origin);
      if (entry) entry.cameras++;
      else found.set(origin, { origin, cameras: 1, example: camera.id });
    }
  }
  return [...found.values()].sort(
    (a, b) => b.cameras - a.cameras || (a.origin < b.origin ? -1 : 1),
  );
}

/** One log line naming the unlisted origins (at most 5) and what to do; null when none. */
export function streamHostsWarning(unlisted: readonly UnlistedStreamOrigin[]): string | null {
  if (unlisted.length === 0) return null;
  const shown = unlisted
    .slice(0, 5)
    .map((u) => `${u.origin} (${u.cameras} camera${u.cameras === 1 ? '' : 's'}, e.g. ${u.example})`)
    .join(', ');
  const more = unlisted.length > 5 ? ` and ${unlisted.length - 5} more` : '';
  return (
    `catalog: WARNING: video from ${shown}${more} is not allowed by security.streamHosts: ` +
    'those cameras will not play on the walls (the pages refuse the requests); ' +
    'add the origins to security.streamHosts in vigil.config.json'
  );
}

/**
 * A checker for the station: call it with each catalog taken; it logs the warning when the set of
 * unlisted origins differs from the last one it saw (so a poll that changes nothing stays quiet).
 */
export function streamHostsCheck(options: {
  baseUrl: string | null;
  streamHosts: readonly string[];
  log: (line: string) => void;
}): (catalog: { cameras: readonly StreamUrls[] } | null) => void {
  const allowed = allowedStreamOrigins(options.baseUrl, options.streamHosts);
  let last = '';
  return (catalog) => {
    if (!catalog) return;
    const unlisted = unlistedStreamOrigins(catalog.cameras, allowed);
    const key = unlisted.map((u) => u.origin).join(' ');
    if (key === last) return;
    last = key;
    const warning = streamHostsWarning(unlisted);
    if (warning) options.log(warning);
  };
}
