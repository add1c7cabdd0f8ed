/**
 * hls.js settings for a live wall that runs 24/7 with up to a few dozen tiles in one renderer.
 * Every value differs from the default on purpose; hls.js issues #1220, #5402 and #1235 report
 * memory growing over hours in multi-stream pages, so buffers are kept small and bounded.
 */
import type { HlsConfig } from 'hls.js';
// The ES-module build of hls.js (what the bundler picks) cannot inject its own worker: without a
// `workerPath` it quietly transmuxes every tile on the UI thread (a CPU profile of a 16-tile wall
// showed parseNALu and remux on the main thread). Its worker script ships as its own asset.
import hlsWorkerUrl from 'hls.js/dist/hls.worker.js?url';

export const wallHlsConfig: Partial<HlsConfig> = {
  // Demux in a worker, one shared by every player of the window (served from our own origin,
  // allowed by the CSP's worker-src 'self'): keeps 16 tiles' transmuxing off the UI thread.
  enableWorker: true,
  workerPath: hlsWorkerUrl,
  // The platform serves plain HLS converted from GB/T 28181 / RTSP, not LL-HLS.
  lowLatencyMode: false,
  // A live tile never seeks back: keep 10 s behind the playhead, free the rest (default: Infinity).
  backBufferLength: 10,
  // Buffer ahead: enough to ride out a slow segment, small enough for many tiles (default 30 s).
  maxBufferLength: 10,
  maxMaxBufferLength: 20,
  // Bytes ahead per tile (default 60 MB): 16 tiles must not hold a gigabyte of video.
  maxBufferSize: 16 * 1000 * 1000,
  // Play three segments behind live: a little delay buys a lot of stall resistance.
  liveSyncDurationCount: 3,
  // Choose the rendition that fits the tile, not the monitor.
  capLevelToPlayerSize: true,
  // hls.js retries a few times itself; after that the tile recreates the player with backoff.
  manifestLoadingMaxRetry: 2,
  levelLoadingMaxRetry: 2,
  fragLoadingMaxRetry: 3,
};

/** MIME type Safari-style native HLS answers to. */
export const HLS_MIME = 'application/vnd.apple.mpegurl';

/** No progress for this long while playing: say "stalled". */
export const STALL_AFTER_MS = 5_000;
/** A live playlist whose newest segment has not changed for this long (at least; 3 target
 * durations otherwise) is stale: what plays is old, even if frames move. */
export const STALE_EDGE_MIN_MS = 10_000;
/** Stalled (or connecting) this long: tear the player down and start again. */
export const RESTART_AFTER_MS = 20_000;

/**
 * Playback of a recorded range (VOD): the tile seeks and scrubs, so it keeps more behind the
 * playhead than a live tile, but still bounded (a few tiles play back for hours).
 */
export const playbackHlsConfig: Partial<HlsConfig> = {
  enableWorker: true,
  workerPath: hlsWorkerUrl,
  // Scrubbing back a little must not refetch: keep 30 s behind (default: Infinity).
  backBufferLength: 30,
  // 30 s ahead plays through a slow segment at 8× for a few seconds (default 30 s; 8× eats it).
  maxBufferLength: 30,
  maxMaxBufferLength: 60,
  maxBufferSize: 32 * 1000 * 1000,
  // Start where the sync clock says, not at an automatic position.
  startPosition: 0,
  fragLoadingMaxRetry: 4,
};
