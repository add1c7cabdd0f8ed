/**
 * The background prober (issue #16 item 2): checks the live playlists of cameras nobody is
 * watching — is the media sequence advancing, is the newest segment reachable — never decoding,
 * at a request budget (config `health.probe.ratePerSecond`, e.g. ≤ 20 requests/s) so that every
 * camera is checked within `periodMinutes` without loading the platform. A request that times
 * out never blocks the others. (Being built.)
 */
import type { ProbeOutcome, ProberStatus } from '../../../shared/contract/health';

export interface ProbeTarget {
  id: string;
  liveUrl: string;
  subUrl?: string;
}

export interface ProbeResult {
  cameraId: string;
  at: number;
  outcome: ProbeOutcome;
  /** The playlist's EXT-X-MEDIA-SEQUENCE, null when none was read. */
  mediaSequence: number | null;
  /** For the log and the camera's detail: "HTTP 503", "media sequence 1234 for 31 s" … */
  detail: string;
}

export interface ProberOptions {
  enabled: boolean;
  ratePerSecond: number;
  periodMinutes: number;
  timeoutMs: number;
  /** Every camera of the catalog with its playlists (called each round). */
  targets: () => readonly ProbeTarget[];
  /** Cameras on some wall tile now: the tiles report on them, so the prober skips them. */
  watched: () => ReadonlySet<string>;
  onResult: (result: ProbeResult) => void;
  fetch?: typeof fetch;
  now?: () => number;
  log?: (line: string) => void;
}

export interface Prober {
  start(): void;
  stop(): Promise<void>;
  status(): ProberStatus;
}

export function createProber(options: ProberOptions): Prober {
  return {
    start: () => undefined,
    stop: async () => undefined,
    status: () => ({
      enabled: false,
      ratePerSecond: options.ratePerSecond,
      periodMinutes: options.periodMinutes,
      due: 0,
      checkedThisRound: 0,
      lastRoundMs: null,
      lastRoundAt: null,
      inFlight: 0,
      timeouts: 0,
      failures: 0,
    }),
  };
}
