/**
 * What a rotating wall shows, watched from inside the page at every animation frame, for the
 * rotation e2e test (tests/e2e/watch-wall.spec.ts) and the rotation swap bench
 * (tests/bench/rotation-swap.ts); and the desk's side of the core over the host's WebSocket.
 *
 * The probe samples each tile's on-screen (front) <video> at requestAnimationFrame cadence: once
 * a tile has shown its first picture, a sample where it has a camera but its front video has no
 * decoded frame (readyState < 2, no size) counts a blank; for ten frames after each swap the front frame's pixels are read too (a black frame
 * counts a blank as well). Each swap is recorded: when the front changed, the swap the core had
 * planned (`data-swap-at` of the rotation status), the first frame the new front presented
 * (requestVideoFrameCallback) and the last frame the old one presented: the gap on screen.
 * A string, not a function: tsx's esbuild wraps named inner functions in a `__name` helper
 * the page does not have.
 */
import WebSocket from 'ws';

export interface SwapRecord {
  tile: number;
  url: string;
  /** Epoch ms: React put the new front on screen; the swapAt the core planned before it. */
  changedAt: number;
  plannedAt: number | null;
  /** Epoch ms of the new front's first presented frame, and of the old front's last. */
  firstFrameAt: number | null;
  lastOldFrameAt: number | null;
  /** The decoder budget gave the tile a pre-warm slot during the page before. */
  warmed: boolean;
}

export interface ProbeResult {
  samples: number;
  /** Per tile: samples with a camera but no decoded frame on screen (or a black one). */
  blanks: number[];
  blackFrames: number;
  /** Every camera id seen on screen (data-shown-camera-id). */
  shown: string[];
  swaps: SwapRecord[];
  /** The first blank samples: when, which tile, what its front video and the tile said. */
  blankLog: { at: number; tile: number; url: string; readyState: number; state: string }[];
}

export const installSwapProbe = `(() => {
  if (window.__probe) return;
  const probe = {
    samples: 0, blanks: [], blackFrames: 0, shown: {}, swaps: [], running: true, blankLog: [],
  };
  window.__probe = probe;
  const tiles = [];
  const swapAts = [];
  const canvas = document.createElement('canvas');
  canvas.width = 16;
  canvas.height = 9;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const hooked = new WeakSet();
  const hook = (video, t) => {
    if (hooked.has(video)) return;
    hooked.add(video);
    const onFrame = (now) => {
      const at = performance.timeOrigin + now;
      const tile = tiles[t];
      if (tile && video.dataset.front === 'true') {
        const url = video.dataset.url || '';
        if (tile.pending && tile.pending.url === url && tile.pending.firstFrameAt === null) {
          tile.pending.firstFrameAt = at;
        }
        if (url === tile.url) tile.lastFrameAt = at;
      }
      if (video.isConnected) video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };
  // The moment React puts a new video on screen (its data-front turns "true"), per tile.
  const frontAt = new Map();
  new MutationObserver((records) => {
    const at = performance.timeOrigin + performance.now();
    for (const r of records) {
      const v = r.target;
      if (v.dataset && v.dataset.front === 'true') {
        frontAt.set(v.closest('[data-testid^="wall-tile-"]'), { url: v.dataset.url || '', at });
      }
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-front', 'data-url'] });
  const dark = (video) => {
    try {
      ctx.drawImage(video, 0, 0, 16, 9);
      const d = ctx.getImageData(0, 0, 16, 9).data;
      let sum = 0;
      for (let i = 0; i < d.length; i += 4) sum += d[i] + d[i + 1] + d[i + 2];
      return sum / (d.length / 4) / 3 < 6;
    } catch (e) {
      return false;
    }
  };
  const sample = () => {
    if (!probe.running) return;
    const now = performance.timeOrigin + performance.now();
    const status = document.querySelector('[data-testid="rotation-status"]');
    const planned = status ? Number(status.getAttribute('data-swap-at')) : NaN;
    if (planned > 0 && swapAts[swapAts.length - 1] !== planned) swapAts.push(planned);
    const els = document.querySelectorAll('[data-testid^="wall-tile-"]');
    probe.samples++;
    els.forEach((el, t) => {
      if (!tiles[t]) tiles[t] = { url: null, lastFrameAt: null, pending: null, check: 0, warmSeen: false, live: false };
      if (probe.blanks[t] === undefined) probe.blanks[t] = 0;
      const tile = tiles[t];
      const front = el.querySelector('video[data-front="true"]');
      el.querySelectorAll('video').forEach((v) => hook(v, t));
      const shown = el.getAttribute('data-shown-camera-id');
      if (shown) probe.shown[shown] = true;
      const hasCamera = Boolean(el.getAttribute('data-camera-id'));
      const url = front ? front.dataset.url || '' : '';
      const framed = Boolean(front) && front.readyState >= 2 && front.videoWidth > 0;
      // From the tile's first picture on: a tile with a camera never shows none.
      if (hasCamera && tile.live && !framed) {
        probe.blanks[t]++;
        if (probe.blankLog.length < 200) {
          probe.blankLog.push({
            at: now, tile: t, url, front: Boolean(front), readyState: front ? front.readyState : -1,
            state: el.getAttribute('data-state'), warming: el.getAttribute('data-warming'),
          });
        }
      }
      if (framed) tile.live = true;
      if (url && url !== tile.url) {
        if (tile.url !== null) {
          let plannedAt = null;
          for (const s of swapAts) if (s <= now + 5) plannedAt = s;
          const committed = frontAt.get(el);
          tile.pending = {
            tile: t,
            url,
            changedAt: committed && committed.url === url ? committed.at : now,
            plannedAt,
            firstFrameAt: null,
            lastOldFrameAt: tile.lastFrameAt,
            warmed: tile.warmSeen,
          };
          probe.swaps.push(tile.pending);
          tile.check = 10;
        }
        tile.url = url;
        tile.lastFrameAt = null;
        tile.warmSeen = false;
      }
      if (el.getAttribute('data-warm-slot') === 'true') tile.warmSeen = true;
      if (tile.check > 0 && front && front.readyState >= 2) {
        tile.check--;
        if (dark(front)) {
          probe.blackFrames++;
          probe.blanks[t]++;
        }
      }
    });
    requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
})();`;

/** The probe's findings so far (and, with `stop`, stops it). */
export const readSwapProbe = `(() => {
  const p = window.__probe;
  return {
    samples: p.samples,
    blanks: p.blanks,
    blackFrames: p.blackFrames,
    shown: Object.keys(p.shown),
    swaps: p.swaps,
    blankLog: p.blankLog,
  };
})()`;

export interface Desk {
  call<T>(method: string, input: unknown): Promise<T>;
  close(): void;
}

/** The desk's side of the core over the host's WebSocket (the desk URL carries the token). */
export async function connectDesk(deskUrl: string): Promise<Desk> {
  const url = new URL(deskUrl);
  const ws = new WebSocket(
    `ws://${url.host}/ws?token=${url.searchParams.get('token') ?? ''}&window=desk`,
    { origin: url.origin },
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 1;
  const pending = new Map<number, (r: { ok: boolean; value?: unknown; error?: unknown }) => void>();
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: never };
    if (typeof message.id === 'number') pending.get(message.id)?.(message.result!);
  });
  return {
    call<T>(method: string, input: unknown): Promise<T> {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, (result) => {
          pending.delete(id);
          if (result.ok) resolve(result.value as T);
          else reject(new Error(`${method}: ${JSON.stringify(result.error)}`));
        });
        ws.send(JSON.stringify({ id, method, input }));
      });
    },
    close: () => ws.close(),
  };
}

export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
