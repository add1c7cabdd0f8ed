/**
 * The background prober (issue #16 item 2): checks the live playlists of cameras nobody is
 * watching — is the media sequence advancing, is the newest segment reachable — never decoding,
 * at a request budget (config `health.probe.ratePerSecond`, e.g. ≤ 20 requests/s) so that every
 * camera is checked within `periodMinutes` without loading the platform. A request that times
 * out never blocks the others.
 *
 * A round takes the cameras due (targets() minus watched()) and probes each: GET its playlist
 * (the sub stream when it has one; a master's first variant is followed, one more request), read
 * EXT-X-MEDIA-SEQUENCE and the newest segment's URI, and check that segment answers (HEAD, or a
 * GET of its first TS packet where HEAD is refused). Every request takes a token from one bucket
 * (./token-bucket.ts), so the platform never sees more than `ratePerSecond` in any second; at
 * most `concurrency` cameras are probed at once and each request is aborted at `timeoutMs`, so a
 * hanging server costs one slot for that long and nothing more. When the round fits in the
 * period at the rate, its cameras are spread over the period (an even, low load on the platform);
 * when it does not, the prober says so once in the log and goes at the budget.
 */
import type { ProbeOutcome, ProberStatus } from '../../../shared/contract/health';
import { readCapped } from '../upstream/read-capped';
import { readLivePlaylist } from './live-playlist';
import { createTokenBucket } from './token-bucket';

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
  /** Cameras probed at once (each has at most one request in flight). Default 8. */
  concurrency?: number;
  /** A playlist longer than this is refused (unreachable). Default 1 MiB. */
  maxPlaylistBytes?: number;
  /** Stalled: the media sequence has not moved for this many target durations. Default 3. */
  stallTargetDurations?: number;
}

export interface Prober {
  start(): void;
  stop(): Promise<void>;
  status(): ProberStatus;
}

/**
 * What config should default to: 26,000 cameras × 2 requests at 20/s is a round of ~43 min, so
 * a 60-minute period fits with room for masters and retries (docs/benchmarks.md, "Prober").
 */
export const proberDefaults = {
  enabled: true,
  ratePerSecond: 20,
  periodMinutes: 60,
  timeoutMs: 5000,
  concurrency: 8,
  maxPlaylistBytes: 1024 * 1024,
  stallTargetDurations: 3,
} as const;

/** Requests a camera costs when nothing is known yet: its playlist and its newest segment. */
const assumedRequestsPerCamera = 2;
/** Cameras of a round that fits the period are spread over this share of it (room to finish). */
const spreadShare = 0.9;
/** With nobody due (every camera watched), look again this soon rather than a whole period. */
const idleRecheckMs = 10_000;
/** The first TS packet: enough to know a segment is served, where HEAD is refused. */
const firstPacket = 'bytes=0-187';

type Answer =
  | { ok: true; status: number; text: string | null }
  | { ok: false; outcome: 'timeout' | 'unreachable' | 'stopped'; detail: string };

interface Seen {
  /** Media sequence and newest segment: either moving means the stream advances. */
  key: string;
  since: number;
}

interface RoundCounts {
  due: number;
  checked: number;
  timeouts: number;
  failures: number;
  requests: number;
}

export function createProber(options: ProberOptions): Prober {
  const fetchFn = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const concurrency = options.concurrency ?? proberDefaults.concurrency;
  const maxPlaylistBytes = options.maxPlaylistBytes ?? proberDefaults.maxPlaylistBytes;
  const stallTargetDurations = options.stallTargetDurations ?? proberDefaults.stallTargetDurations;
  const { ratePerSecond, periodMinutes, timeoutMs } = options;
  const positive = { ratePerSecond, periodMinutes, timeoutMs, concurrency, maxPlaylistBytes };
  for (const [name, value] of Object.entries(positive)) {
    if (!(value > 0) || !Number.isFinite(value)) {
      throw new Error(`prober: ${name} must be a positive number, got ${value}`);
    }
  }
  if (!Number.isInteger(concurrency)) {
    throw new Error(`prober: concurrency must be a whole number, got ${concurrency}`);
  }
  const periodMs = periodMinutes * 60_000;

  const bucket = createTokenBucket(ratePerSecond, now);
  const inFlight = new Set<AbortController>();
  const sleeps = new Set<() => void>();
  const seen = new Map<string, Seen>();
  /** Origins that answered HEAD with 405/501: their segments are checked with a ranged GET. */
  const headRefused = new Set<string>();
  let started = false;
  let stopped = false;
  let loop: Promise<void> | null = null;
  let round: RoundCounts = { due: 0, checked: 0, timeouts: 0, failures: 0, requests: 0 };
  let last: (RoundCounts & { ms: number; at: number }) | null = null;
  let overBudget = false;

  // --- waiting that stop() cuts short -------------------------------------------------------
  const sleep = (ms: number): Promise<void> => {
    if (ms <= 0 || stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        sleeps.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleeps.add(done);
    });
  };
  let active = 0;
  const slotWaiters: (() => void)[] = [];
  const acquireSlot = (): Promise<void> => {
    if (active < concurrency || stopped) {
      active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => slotWaiters.push(() => resolve())).then(() => {
      active++;
    });
  };
  const releaseSlot = (): void => {
    active--;
    slotWaiters.shift()?.();
  };

  // --- one request: a token, a deadline, a capped body ----------------------------------------
  async function request(
    url: string,
    what: string,
    init: { method: 'GET' | 'HEAD'; range?: boolean; body: boolean },
  ): Promise<Answer> {
    const stoppedAnswer: Answer = { ok: false, outcome: 'stopped', detail: 'prober stopped' };
    if (!(await bucket.take()) || stopped) return stoppedAnswer;
    round.requests++;
    const controller = new AbortController();
    inFlight.add(controller);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const res = await fetchFn(url, {
        method: init.method,
        headers: init.range ? { Range: firstPacket } : {},
        signal: controller.signal,
        redirect: 'follow',
      });
      if (!init.body || !res.ok) {
        // Only the status matters: drop the body unread (a segment may be megabytes). Cancelled,
        // not aborted: an abort would close the connection, and keep-alive spares the platform
        // a TCP handshake per request. Not awaited: a body that hangs must not hold the probe.
        void res.body?.cancel().catch(() => undefined);
        return { ok: true, status: res.status, text: null };
      }
      const body = await readCapped(res, maxPlaylistBytes, () => controller.abort());
      if (!body.ok) return { ok: false, outcome: 'unreachable', detail: `${what}: ${body.why}` };
      return { ok: true, status: res.status, text: body.bytes.toString('utf8') };
    } catch (err) {
      if (timedOut) {
        return { ok: false, outcome: 'timeout', detail: `${what}: no answer in ${timeoutMs} ms` };
      }
      if (stopped) return stoppedAnswer;
      return { ok: false, outcome: 'unreachable', detail: `${what}: ${describeError(err)}` };
    } finally {
      clearTimeout(timer);
      inFlight.delete(controller);
    }
  }

  /** A playlist's text, or why there is none (an HTTP error counts as unreachable). */
  async function getPlaylist(url: string, what: string): Promise<Answer> {
    const answer = await request(url, what, { method: 'GET', body: true });
    if (answer.ok && (answer.status >= 300 || answer.text === null)) {
      return { ok: false, outcome: 'unreachable', detail: `${what}: HTTP ${answer.status}` };
    }
    return answer;
  }

  async function segmentAnswers(url: string): Promise<Answer> {
    const origin = new URL(url).origin;
    if (!headRefused.has(origin)) {
      const head = await request(url, 'segment', { method: 'HEAD', body: false });
      if (!head.ok || (head.status !== 405 && head.status !== 501)) return head;
      headRefused.add(origin);
    }
    return request(url, 'segment', { method: 'GET', range: true, body: false });
  }

  // --- one camera -------------------------------------------------------------------------------
  async function probe(target: ProbeTarget): Promise<ProbeResult | null> {
    const result = (outcome: ProbeOutcome, mediaSequence: number | null, detail: string) => ({
      cameraId: target.id,
      at: now(),
      outcome,
      mediaSequence,
      detail,
    });
    let url = target.subUrl ?? target.liveUrl;
    let what = 'playlist';
    let answer = await getPlaylist(url, what);
    if (!answer.ok)
      return answer.outcome === 'stopped' ? null : result(answer.outcome, null, answer.detail);
    let playlist = readLivePlaylist(answer.text ?? '');
    if (playlist.kind === 'master') {
      const variant = resolveUri(playlist.variantUri, url);
      if (!variant) return result('unreachable', null, `master playlist: bad variant URI`);
      url = variant;
      what = 'variant playlist';
      answer = await getPlaylist(url, what);
      if (!answer.ok)
        return answer.outcome === 'stopped' ? null : result(answer.outcome, null, answer.detail);
      playlist = readLivePlaylist(answer.text ?? '');
      if (playlist.kind === 'master') {
        return result('unreachable', null, `${what}: a master playlist again, not a media one`);
      }
    }
    if (playlist.kind === 'invalid') return result('unreachable', null, `${what}: ${playlist.why}`);
    const seq = playlist.mediaSequence;
    if (playlist.newestUri === null) return result('unreachable', seq, `${what}: lists no segment`);
    const segmentUrl = resolveUri(playlist.newestUri, url);
    if (!segmentUrl) return result('unreachable', seq, `${what}: bad segment URI`);

    // Whether the stream moves is known from the playlist: remember it even if the segment fails.
    const at = now();
    const key = `${seq} ${playlist.newestUri}`;
    const before = seen.get(target.id);
    const since = before && before.key === key ? before.since : at;
    seen.set(target.id, { key, since });

    const segment = await segmentAnswers(segmentUrl);
    if (!segment.ok)
      return segment.outcome === 'stopped' ? null : result(segment.outcome, seq, segment.detail);
    if (segment.status >= 300) return result('unreachable', seq, `segment: HTTP ${segment.status}`);
    if (playlist.ended) return result('stalled', seq, `${what} has ended (EXT-X-ENDLIST)`);
    const stillFor = at - since;
    if (stillFor >= stallTargetDurations * playlist.targetDurationSeconds * 1000) {
      return result('stalled', seq, `media sequence ${seq} for ${Math.round(stillFor / 1000)} s`);
    }
    return result('ok', seq, `media sequence ${seq}`);
  }

  const isWatched = (id: string): boolean => {
    try {
      return options.watched().has(id);
    } catch {
      return false;
    }
  };

  // --- rounds -----------------------------------------------------------------------------------
  async function run(): Promise<void> {
    while (!stopped) {
      const roundStart = now();
      let all: readonly ProbeTarget[];
      let watchedNow: ReadonlySet<string>;
      try {
        all = options.targets();
        watchedNow = options.watched();
      } catch (err) {
        log(`prober: cannot list the cameras to probe: ${describeError(err)}`);
        await sleep(Math.min(idleRecheckMs, periodMs));
        continue;
      }
      const due = all.filter((t) => !watchedNow.has(t.id));
      const ids = new Set(all.map((t) => t.id));
      for (const id of seen.keys()) if (!ids.has(id)) seen.delete(id);
      const perCamera =
        last && last.checked > 0 ? last.requests / last.checked : assumedRequestsPerCamera;
      round = { due: due.length, checked: 0, timeouts: 0, failures: 0, requests: 0 };

      const needMs = (due.length * perCamera * 1000) / ratePerSecond;
      const over = needMs > periodMs;
      if (over && !overBudget) {
        log(
          `prober: ${due.length} cameras × ${perCamera.toFixed(1)} requests at ${ratePerSecond}/s ` +
            `take ${(needMs / 60_000).toFixed(1)} min, over the ${periodMinutes} min period: ` +
            `going at the budget (a period of ${Math.ceil(needMs / 60_000)} min or a higher rate would fit)`,
        );
      } else if (!over && overBudget) {
        log(`prober: ${due.length} cameras fit the ${periodMinutes} min period again`);
      }
      overBudget = over;
      const spacingMs = over || due.length === 0 ? 0 : (periodMs * spreadShare) / due.length;

      const tasks = new Set<Promise<void>>();
      for (let i = 0; i < due.length && !stopped; i++) {
        const target = due[i] as ProbeTarget;
        await sleep(roundStart + i * spacingMs - now());
        await acquireSlot();
        if (stopped) {
          releaseSlot();
          break;
        }
        if (isWatched(target.id)) {
          // Put on a tile since the round began: the tile reports on it now.
          round.due--;
          releaseSlot();
          continue;
        }
        const counts = round;
        const task = probe(target)
          .then((r) => {
            if (!r || stopped) return;
            counts.checked++;
            if (r.outcome === 'timeout') counts.timeouts++;
            if (r.outcome === 'unreachable') counts.failures++;
            options.onResult(r);
          })
          .catch((err: unknown) => log(`prober: ${target.id}: ${describeError(err)}`))
          .finally(() => {
            releaseSlot();
            tasks.delete(task);
          });
        tasks.add(task);
      }
      await Promise.all(tasks);
      if (stopped) break;
      const end = now();
      last = { ...round, ms: end - roundStart, at: end };
      await sleep(
        due.length === 0 ? Math.min(idleRecheckMs, periodMs) : roundStart + periodMs - end,
      );
    }
  }

  return {
    start() {
      if (!options.enabled || started) return;
      started = true;
      loop = run().catch((err: unknown) => log(`prober: stopped on ${describeError(err)}`));
    },
    async stop() {
      stopped = true;
      bucket.close();
      for (const c of inFlight) c.abort();
      for (const wake of [...sleeps]) wake();
      for (const w of slotWaiters.splice(0)) w();
      await loop;
    },
    status() {
      const counts = last ?? round;
      return {
        enabled: options.enabled,
        ratePerSecond,
        periodMinutes,
        due: round.due,
        checkedThisRound: round.checked,
        lastRoundMs: last?.ms ?? null,
        lastRoundAt: last?.at ?? null,
        inFlight: inFlight.size,
        timeouts: counts.timeouts,
        failures: counts.failures,
      };
    },
  };
}

function resolveUri(uri: string, base: string): string | null {
  try {
    return new URL(uri, base).href;
  } catch {
    return null;
  }
}

/** "ECONNREFUSED", "fetch failed: getaddrinfo ENOTFOUND …": what a watcher's log can show. */
function describeError(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) {
      const code = (cause as Error & { code?: unknown }).code;
      return typeof code === 'string'
        ? `cannot connect (${code})`
        : `cannot connect (${cause.message})`;
    }
    return err.message;
  }
  return String(err);
}
