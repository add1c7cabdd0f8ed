/**
 * The renderer's Content-Security-Policy, built from the origins the config allows: nothing by
 * default (`default-src 'none'`, as electron/fiddle's index.html), then one allowlist per kind of
 * request. No Electron import: unit-tested under Node.
 *
 * What hls.js needs (node_modules/hls.js/src): with `enableWorker` (the default) it builds its
 * transmuxer from a Blob (demux/inject-worker.ts: `new Worker(URL.createObjectURL(blob))`), hence
 * `worker-src blob:`; it feeds the <video> through MediaSource, whose object URL is a blob:
 * (controller/buffer-controller.ts), hence `media-src blob:`; it fetches playlists and segments
 * with XHR/fetch, hence `connect-src` for the stream hosts. Stream hosts are also in `media-src`
 * for platforms whose cameras play natively (Safari-style `video.src = m3u8`) or as MP4.
 */

export interface CspSources {
  /** Where HLS playlists and segments come from (config security.streamHosts). */
  streamHosts: readonly string[];
  /** Where map tiles and snapshots come from (config security.tileHosts). */
  tileHosts: readonly string[];
  /** Origins the station adds (the built-in simulator's), allowed for streams and tiles. */
  platformOrigins?: readonly string[];
  /**
   * The electron-vite dev server (ELECTRON_RENDERER_URL): Vite injects an inline React-refresh
   * preamble and talks HMR over a WebSocket. Never set in a packaged app.
   */
  devServerOrigin?: string;
}

export interface BuiltCsp {
  policy: string;
  /** Entries that were not valid CSP sources and were left out (for the log). */
  rejected: string[];
}

const schemes = new Set(['http', 'https', 'ws', 'wss']);
// host: a DNS name or IPv4 (optionally `*.`-prefixed), or a bracketed IPv6; optional port or `:*`.
const hostPattern = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;
const ipv6Pattern = /^\[[0-9a-f:.]+\]$/i;
const portPattern = /^(\d{1,5}|\*)$/;

/**
 * One config entry as CSP host-sources: `http://10.0.0.5:8080` stays as it is (path dropped);
 * a bare `cam.example.cn` or `10.0.0.5:8080` becomes both its http and https forms, because a bare
 * host in a CSP matches only the page's own scheme (ours is not http). Anything else (quotes,
 * semicolons, spaces, other schemes) is not a source: null.
 */
export function toCspSources(entry: string): string[] | null {
  const text = entry.trim();
  if (!text || /[\s;,'"]/.test(text)) return null;
  const match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(text);
  const scheme = match ? match[1]!.toLowerCase() : null;
  if (scheme !== null && !schemes.has(scheme)) return null;
  const rest = match ? match[2]! : text;
  const authority = rest.split(/[/?#]/, 1)[0]!;
  if (authority.includes('@')) return null;
  let host = authority;
  let port: string | null = null;
  const ipv6 = /^(\[[^\]]+\])(?::(.*))?$/.exec(authority);
  if (ipv6) {
    host = ipv6[1]!;
    port = ipv6[2] ?? null;
  } else if (authority.includes(':')) {
    const at = authority.lastIndexOf(':');
    host = authority.slice(0, at);
    port = authority.slice(at + 1);
  }
  if (!(hostPattern.test(host) || ipv6Pattern.test(host))) return null;
  if (port !== null && !portPattern.test(port)) return null;
  if (port !== null && port !== '*' && Number(port) > 65535) return null;
  const hostPort = `${host.toLowerCase()}${port !== null ? `:${port}` : ''}`;
  return scheme ? [`${scheme}://${hostPort}`] : [`http://${hostPort}`, `https://${hostPort}`];
}

function collect(entries: readonly string[], rejected: string[]): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    const sources = toCspSources(entry);
    if (!sources) rejected.push(entry);
    else for (const s of sources) if (!out.includes(s)) out.push(s);
  }
  return out;
}

const join = (...parts: (string | readonly string[])[]) =>
  parts
    .flat()
    .filter((p, i, all) => all.indexOf(p) === i)
    .join(' ');

export function buildCsp(sources: CspSources): BuiltCsp {
  const rejected: string[] = [];
  const platform = collect(sources.platformOrigins ?? [], rejected);
  const streams = [...collect(sources.streamHosts, rejected), ...platform];
  const tiles = [...collect(sources.tileHosts, rejected), ...platform];
  const dev = sources.devServerOrigin ? collect([sources.devServerOrigin], rejected) : [];
  const devSockets = dev.map((origin) => origin.replace(/^http/, 'ws'));

  const directives: [string, string][] = [
    ['default-src', "'none'"],
    ['script-src', join("'self'", dev.length ? ["'unsafe-inline'", ...dev] : [])],
    // React and the map library set inline styles.
    ['style-src', join("'self'", "'unsafe-inline'", dev)],
    ['img-src', join("'self'", 'data:', 'blob:', tiles, dev)],
    ['media-src', join("'self'", 'blob:', streams)],
    ['connect-src', join("'self'", streams, tiles, dev, devSockets)],
    ['font-src', join("'self'", dev)],
    ['worker-src', join("'self'", 'blob:')],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return {
    policy: directives.map(([name, value]) => `${name} ${value}`).join('; '),
    rejected,
  };
}
