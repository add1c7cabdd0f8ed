/**
 * The CSP of the Electron renderer. The policy itself is one pure function shared with the browser
 * host (shared/csp.ts: `default-src 'none'`, scripts from the app only, media/connect to the
 * platform's origins plus `blob:` for hls.js's MSE and worker, images to the tile hosts), so the
 * two hosts cannot drift. This adapter feeds it the shell's inputs: the config's extra hosts, the
 * station's platform origins (the built-in simulator's), and, in development only, what
 * electron-vite's dev server needs (React refresh's inline preamble and the HMR WebSocket).
 *
 * No Electron import: unit-tested under Node.
 */
import { buildCsp, cleanOrigins } from '../../shared/csp';

export interface ShellCspInput {
  /** config security.streamHosts. */
  streamHosts: readonly string[];
  /** config security.tileHosts. */
  tileHosts: readonly string[];
  /** station.platformOrigins(): the platform's (or simulator's) origins, for streams and tiles. */
  platformOrigins: readonly string[];
  /** ELECTRON_RENDERER_URL in `electron-vite dev`; never set in a packaged app. */
  devServerUrl?: string;
}

export interface ShellCsp {
  policy: string;
  /** Entries that are not plain origins and were left out (logged, so a typo is visible). */
  rejected: string[];
}

export function shellCsp(input: ShellCspInput): ShellCsp {
  const all = [...input.streamHosts, ...input.tileHosts, ...input.platformOrigins];
  const kept = new Set(cleanOrigins(all));
  const rejected = all.filter((o) => !kept.has(o.replace(/\/+$/, '')));
  const devOrigin = devServerOrigin(input.devServerUrl);
  let policy = buildCsp({
    streamOrigins: [...input.streamHosts, ...input.platformOrigins],
    tileOrigins: [...input.tileHosts, ...input.platformOrigins],
    ...(devOrigin ? { self: devOrigin, websocket: devOrigin.replace(/^http/, 'ws') } : {}),
  });
  if (devOrigin) {
    // Vite's React plugin injects an inline module script (the refresh preamble) in dev only.
    policy = policy.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");
  }
  return { policy, rejected };
}

function devServerOrigin(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
