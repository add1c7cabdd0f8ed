/**
 * The Content-Security-Policy of every Vigil page, as a pure function of the origins it may reach
 * (fiddle's `default-src 'none'` plus explicit allowlists). Used by the Electron shell (a response
 * header on the renderer) and by the browser host (a header on /desk and /wall/N).
 *
 * hls.js needs: `worker-src blob:` (its transmuxing worker is a blob URL), `media-src blob:` (MSE
 * attaches a blob: MediaSource URL to the <video>) and `connect-src` to the stream hosts (it
 * fetches playlists and segments with XHR/fetch).
 */
export interface CspOrigins {
  /** The page's own origin ('self' covers it; kept for the WebSocket derivation). */
  self?: string;
  /** The browser host's WebSocket origin (ws://127.0.0.1:port); absent under Electron IPC. */
  websocket?: string;
  /** Where live and playback HLS come from. */
  streamOrigins: readonly string[];
  /** Where map tiles come from. */
  tileOrigins: readonly string[];
}

const originPattern = /^(https?|wss?):\/\/[a-z0-9.\-[\]:]+$/i;

/** Keeps only well-formed origins: a config value can never inject a directive. */
export function cleanOrigins(origins: readonly string[]): string[] {
  return [
    ...new Set(origins.map((o) => o.replace(/\/+$/, '')).filter((o) => originPattern.test(o))),
  ];
}

export function buildCsp(origins: CspOrigins): string {
  const streams = cleanOrigins(origins.streamOrigins);
  const tiles = cleanOrigins(origins.tileOrigins);
  const sockets = origins.websocket ? cleanOrigins([origins.websocket]) : [];
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:', ...tiles]],
    ['media-src', ["'self'", 'blob:', ...streams]],
    ['connect-src', ["'self'", ...sockets, ...streams, ...tiles]],
    ['worker-src', ["'self'", 'blob:']],
    ['font-src', ["'self'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

const defaultPorts: Record<string, string> = { http: '80', https: '443' };

/** `scheme://host[:port]` of a URL, lower-cased, with a default port dropped; null if not http(s). */
function originOf(url: string): { scheme: string; host: string } | null {
  const match = /^(https?):\/\/([^/?#@]+@)?([^/?#]+)/i.exec(url.trim());
  if (!match) return null;
  const scheme = match[1]!.toLowerCase();
  let host = match[3]!.toLowerCase();
  if (host.endsWith(`:${defaultPorts[scheme]}`)) host = host.slice(0, host.lastIndexOf(':'));
  return { scheme, host };
}

/**
 * Whether the page's CSP lets a stream at `url` load (media-src and connect-src list
 * `streamOrigins`): its origin is listed, or listed over http while the URL is https on the same
 * host and port (CSP upgrades a scheme, never the other way). A tile whose stream is not allowed
 * says so instead of retrying a request the browser will always block.
 */
export function streamAllowed(url: string, streamOrigins: readonly string[]): boolean {
  const target = originOf(url);
  if (!target) return false;
  return cleanOrigins(streamOrigins).some((listed) => {
    const origin = originOf(listed);
    if (!origin || origin.host !== target.host) return false;
    return (
      origin.scheme === target.scheme || (origin.scheme === 'http' && target.scheme === 'https')
    );
  });
}
