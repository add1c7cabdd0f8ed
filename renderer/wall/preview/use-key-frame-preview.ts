/**
 * A key-frame preview (issue #14 item 3): a tile the decoder budget holds back shows its camera
 * live at a low rate instead of a dark box. It polls the live playlist about once a second,
 * fetches the newest segment whenever it changes (only that one: a segment starts with a key
 * frame, so one segment per key-frame interval is the least a picture can cost), takes its first
 * IDR frame (keyframe.ts, mux.js) and decodes it with its own WebCodecs VideoDecoder into the
 * tile's canvas. Every frame is closed once drawn; the fetches are aborted and the decoder closed
 * when the tile stops previewing (a full-rate slot, covered, unmounted, another camera).
 *
 * H.264 in MPEG-TS only: fMP4 and H.265 cameras are said plainly (state `unsupported`).
 */
import { useEffect, useState, type RefObject } from 'react';
import { firstKeyFrame, pickFromPlaylist, previewStale } from './keyframe';

/** How often the live playlist is read; a new segment is fetched only when it changed. */
export const PREVIEW_POLL_MS = 1000;
/**
 * Before the first request: a tile that is held back for a moment only (its slot granted on the
 * next render, at start or when a slot moves) fetches nothing.
 */
const START_DELAY_MS = 300;
/** After a failed request, before trying again. */
const RETRY_MS = 3000;

export type PreviewState =
  | { kind: 'off' }
  | { kind: 'loading' }
  | { kind: 'showing' }
  /** It showed a picture, and none new has come for a while: the last one is hidden. */
  | { kind: 'stale'; seconds: number }
  | { kind: 'unsupported'; reason: 'fmp4' | 'codec' | 'no-webcodecs'; codec?: string };

const OFF: PreviewState = { kind: 'off' };

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Draws decoded frames into `canvas`, one decoder per codec; closed by `close()`. */
class CanvasDecoder {
  private decoder: VideoDecoder | null = null;
  private codec = '';

  constructor(
    private readonly canvas: () => HTMLCanvasElement | null,
    private readonly onDrawn: () => void,
  ) {}

  /** Decodes one key frame; false when this browser cannot decode the codec. */
  async show(frame: NonNullable<ReturnType<typeof firstKeyFrame>>): Promise<boolean> {
    if (!this.decoder || this.decoder.state === 'closed' || this.codec !== frame.codec) {
      this.close();
      const config: VideoDecoderConfig = {
        codec: frame.codec,
        codedWidth: frame.codedWidth,
        codedHeight: frame.codedHeight,
        optimizeForLatency: true,
      };
      const support = await VideoDecoder.isConfigSupported(config);
      if (!support.supported) return false;
      this.decoder = new VideoDecoder({
        output: (picture) => this.draw(picture),
        // A broken frame: the next key frame gets a fresh decoder.
        error: () => this.close(),
      });
      this.decoder.configure(config);
      this.codec = frame.codec;
    }
    const decoder = this.decoder;
    decoder.decode(
      new EncodedVideoChunk({
        type: 'key',
        timestamp: Math.round((frame.pts * 1e6) / 90_000),
        data: frame.data,
      }),
    );
    // One frame in, one out now: no frame waits for reordering behind the next.
    await decoder.flush().catch(() => {});
    return true;
  }

  private draw(picture: VideoFrame): void {
    try {
      const canvas = this.canvas();
      const context = canvas?.getContext('2d');
      if (!canvas || !context) return;
      if (canvas.width !== picture.displayWidth) canvas.width = picture.displayWidth;
      if (canvas.height !== picture.displayHeight) canvas.height = picture.displayHeight;
      context.drawImage(picture, 0, 0);
      this.onDrawn();
    } finally {
      picture.close();
    }
  }

  close(): void {
    if (this.decoder && this.decoder.state !== 'closed') this.decoder.close();
    this.decoder = null;
  }
}

/**
 * Previews `url` (a live playlist; null: no preview) into `canvas` while it is set, reading the
 * playlist every `pollMs` (a segment is fetched only when the newest one changed).
 */
export function useKeyFramePreview(
  url: string | null,
  canvas: RefObject<HTMLCanvasElement | null>,
  pollMs = PREVIEW_POLL_MS,
): PreviewState {
  const [state, setState] = useState<{ url: string | null; state: PreviewState }>({
    url: null,
    state: OFF,
  });

  useEffect(() => {
    if (!url) return;
    const abort = new AbortController();
    const { signal } = abort;
    const report = (next: PreviewState) => {
      if (!signal.aborted) setState({ url, state: next });
    };
    if (typeof VideoDecoder === 'undefined') {
      report({ kind: 'unsupported', reason: 'no-webcodecs' });
      return;
    }
    // 'showing' once a picture is drawn; 'stale' when none new came for too long (checked at
    // each poll and retry), 'showing' again with the next picture.
    let shown: 'no' | 'yes' | 'stale' = 'no';
    let lastDrawnAt = 0;
    let lastInterval: number | null = null;
    const decoder = new CanvasDecoder(
      () => canvas.current,
      () => {
        const now = Date.now();
        if (shown !== 'no') lastInterval = now - lastDrawnAt;
        lastDrawnAt = now;
        if (shown !== 'yes') report({ kind: 'showing' });
        shown = 'yes';
      },
    );
    const checkStale = () => {
      const now = Date.now();
      if (shown === 'yes' && previewStale(lastDrawnAt, lastInterval, now)) {
        shown = 'stale';
        report({ kind: 'stale', seconds: Math.round((now - lastDrawnAt) / 1000) });
      }
    };
    report({ kind: 'loading' });

    const run = async (): Promise<void> => {
      let playlist = url;
      let lastSegment: string | null = null;
      await sleep(START_DELAY_MS, signal);
      while (!signal.aborted) {
        try {
          const response = await fetch(playlist, { signal, cache: 'no-store' });
          if (!response.ok) throw new Error(`playlist: HTTP ${response.status}`);
          const pick = pickFromPlaylist(await response.text(), response.url || playlist);
          if (pick.kind === 'variant') {
            playlist = pick.url;
            continue;
          }
          if (pick.kind === 'unsupported') {
            report({ kind: 'unsupported', reason: pick.reason, codec: pick.codec });
            return;
          }
          if (pick.kind === 'segment' && pick.url !== lastSegment) {
            lastSegment = pick.url;
            const segment = await fetch(pick.url, { signal });
            if (!segment.ok) throw new Error(`segment: HTTP ${segment.status}`);
            const frame = firstKeyFrame(new Uint8Array(await segment.arrayBuffer()));
            if (signal.aborted) return;
            // A TS segment with no H.264 key frame: H.265 or another codec.
            if (!frame || !(await decoder.show(frame))) {
              report({ kind: 'unsupported', reason: 'codec', codec: frame?.codec });
              return;
            }
          }
          checkStale();
          await sleep(pollMs, signal);
        } catch {
          if (signal.aborted) return;
          checkStale();
          await sleep(RETRY_MS, signal);
        }
      }
    };
    void run().finally(() => decoder.close());
    return () => {
      abort.abort();
      decoder.close();
    };
  }, [url, canvas, pollMs]);

  return url && state.url === url ? state.state : OFF;
}
