/**
 * What the platform recorded of a camera (docs/protocol.md §2, "Recorded ranges"), for the
 * playback timeline (`playback.recordings`), and the audit row of an exported clip
 * (`playback.clipExported`).
 *
 * `GET {base}/api/v1/cameras/{id}/recordings?start=&end=` with a timeout; the answer is read up to
 * a size, validated whole, then sorted, merged where ranges overlap or touch, and clipped to the
 * span asked and to now. Whenever the platform does not say — a file platform, a `404`, no answer,
 * an answer not understood — the result is `known: false` with a reason a watcher can read, never
 * an error: the timeline then draws no ranges rather than pretending all was recorded. A problem
 * is logged once (again only after an answer was understood).
 *
 * Answers are kept 60 s per (camera, span rounded out to a step that grows with the span), 15 s
 * when the span reaches now (the live end lags by no more) or the platform was not reached, so a
 * timeline redrawn every second, or one camera on several tiles, asks a few times a minute at most.
 */
import { z } from 'zod';
import type { Caller } from '../../../shared/api';
import type { RecordedRanges } from '../../../shared/contract/tile';
import { formatDateTime } from '../../../shared/domain/time/hall-time';
import { VigilError } from '../../../shared/result';
import { describeZodError, errorMessage } from '../contract-host';
import { causeMessage } from '../upstream/fetch-error';
import { readCapped } from '../upstream/read-capped';

export interface Range {
  startMs: number;
  endMs: number;
}

/** The largest answer read (a week of a camera that drops out every minute is ~700 KB). */
export const maxRecordingsAnswerBytes = 2 * 1024 * 1024;
/** The most ranges one answer may list. */
export const maxRecordingsRanges = 20_000;
/** How long an answer (or the platform's not saying) is kept. */
export const recordingsCacheMs = 60_000;
/**
 * How long an answer reaching past the time it was given is kept (the timeline's live end then
 * lags the recording by at most this), and a failure to reach the platform (it may be back soon).
 */
export const recordingsLiveCacheMs = 15_000;
const maxCacheEntries = 500;

/** The reasons a watcher reads when the timeline draws no ranges. */
export const recordingsReasons = {
  file: 'the platform does not say what was recorded (cameras from a file)',
  notKept: 'the platform does not say what was recorded',
  unreachable: 'the platform could not be reached',
  notUnderstood: "the platform's answer was not understood",
} as const;

/** An instant with its zone (a local time without one would be read in the station's zone). */
const instant = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 instant with a zone',
});

const AnswerSchema = z.object({
  ranges: z
    .array(z.object({ start: instant, end: instant }))
    .max(maxRecordingsRanges, `more than ${maxRecordingsRanges} ranges`),
});

export type ParsedAnswer = { ok: true; ranges: Range[] } | { ok: false; why: string };

/** The platform's answer, validated whole: the first bad field is named. */
export function parseRecordingsAnswer(text: string): ParsedAnswer {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, why: 'not JSON' };
  }
  const parsed = AnswerSchema.safeParse(json);
  if (!parsed.success) return { ok: false, why: describeZodError(parsed.error) };
  const ranges: Range[] = [];
  for (const [i, r] of parsed.data.ranges.entries()) {
    const startMs = Date.parse(r.start);
    const endMs = Date.parse(r.end);
    if (Number.isNaN(startMs) || Number.isNaN(endMs)) {
      return { ok: false, why: `ranges[${i}]: not a real instant` };
    }
    if (endMs < startMs) return { ok: false, why: `ranges[${i}].end: before its start` };
    ranges.push({ startMs, endMs });
  }
  return { ok: true, ranges };
}

/** Sorted, overlapping and touching ranges merged, clipped to [startMs, endMs], empty ones out. */
export function normalizeRanges(ranges: readonly Range[], startMs: number, endMs: number): Range[] {
  const sorted = ranges
    .map((r) => ({ startMs: Math.max(r.startMs, startMs), endMs: Math.min(r.endMs, endMs) }))
    .filter((r) => r.endMs > r.startMs)
    .sort((a, b) => a.startMs - b.startMs);
  const merged: Range[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.startMs <= last.endMs) last.endMs = Math.max(last.endMs, r.endMs);
    else merged.push(r);
  }
  return merged;
}

/** The step a span is rounded out to before asking: a minute for a few hours, an hour for days. */
export function roundingStepMs(spanMs: number): number {
  const hour = 3_600_000;
  if (spanMs <= 6 * hour) return 60_000;
  if (spanMs <= 24 * hour) return 5 * 60_000;
  if (spanMs <= 72 * hour) return 15 * 60_000;
  return hour;
}

type Fetched =
  | { known: true; ranges: Range[] }
  /** `soon`: the platform was not reached; ask again sooner than after an answer. */
  | { known: false; reason: string; soon?: boolean };

interface Cached {
  at: number;
  keepMs: number;
  answer: Promise<Fetched>;
}

export interface RecordingsServiceOptions {
  /** The platform's base URL; null when the cameras come from a file (it does not say). */
  baseUrl: string | null;
  timeoutMs: number;
  /** Whether the catalog holds the camera (an unknown one is `not-found`). */
  cameraExists: (cameraId: string) => boolean;
  cameraName?: (cameraId: string) => string | undefined;
  /** Where `playback.clipExported` writes its row. */
  audit: {
    record(caller: Caller, action: string, subject: string | null, detail?: unknown): unknown;
  };
  timeZone: string;
  now?: () => number;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

export interface RecordingsInput {
  cameraId: string;
  startMs: number;
  endMs: number;
}

export interface ClipExport extends RecordingsInput {
  fileName: string;
  bytes: number;
}

export class RecordingsService {
  private readonly cache = new Map<string, Cached>();
  /** The kinds of problem logged since the last answer understood. */
  private readonly logged = new Set<string>();

  constructor(private readonly options: RecordingsServiceOptions) {}

  async ranges(input: RecordingsInput): Promise<RecordedRanges> {
    const { cameraId, startMs, endMs } = input;
    if (!this.options.cameraExists(cameraId)) {
      throw new VigilError('not-found', `unknown camera: ${cameraId}`);
    }
    const base = { cameraId, startMs, endMs };
    if (this.options.baseUrl === null) {
      return { ...base, known: false, ranges: [], reason: recordingsReasons.file };
    }
    const step = roundingStepMs(endMs - startMs);
    const from = Math.floor(startMs / step) * step;
    const to = Math.ceil(endMs / step) * step;
    const now = this.now();
    const fetched = await this.cached(
      `${cameraId} ${from} ${to}`,
      to > now ? recordingsLiveCacheMs : recordingsCacheMs,
      () => this.fetchRanges(cameraId, from, to),
    );
    if (!fetched.known) return { ...base, known: false, ranges: [], reason: fetched.reason };
    // Nothing after now: a platform whose clock runs ahead does not record the future either.
    const until = Math.min(endMs, now);
    return { ...base, known: true, ranges: normalizeRanges(fetched.ranges, startMs, until) };
  }

  /** `playback.clipExported`: who took which camera's picture of when, into which file. */
  clipExported(input: ClipExport, caller: Caller): { recorded: true } {
    const zone = this.options.timeZone;
    this.options.audit.record(caller, 'playback.clipExported', input.cameraId, {
      camera: this.options.cameraName?.(input.cameraId) ?? null,
      startMs: input.startMs,
      endMs: input.endMs,
      from: formatDateTime(input.startMs, zone),
      to: formatDateTime(input.endMs, zone),
      fileName: input.fileName,
      bytes: input.bytes,
    });
    return { recorded: true };
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** One answer per key for its keeping time, shared by the calls that ask meanwhile. */
  private cached(key: string, keepMs: number, load: () => Promise<Fetched>): Promise<Fetched> {
    const now = this.now();
    const hit = this.cache.get(key);
    if (hit && now - hit.at < hit.keepMs) return hit.answer;
    if (hit) this.cache.delete(key);
    if (this.cache.size >= maxCacheEntries) {
      for (const [k, v] of this.cache) if (now - v.at >= v.keepMs) this.cache.delete(k);
      // Still full: the oldest go (a Map iterates in insertion order).
      for (const k of this.cache.keys()) {
        if (this.cache.size < maxCacheEntries) break;
        this.cache.delete(k);
      }
    }
    const answer = load().catch((error: unknown): Fetched => {
      // A bug, not the platform: said as not reached, in the log, never thrown to a window.
      this.options.log?.(`recordings: ${errorMessage(error)}`);
      return { known: false, reason: recordingsReasons.unreachable, soon: true };
    });
    const entry: Cached = { at: now, keepMs, answer };
    void answer.then((fetched) => {
      if (!fetched.known && fetched.soon) entry.keepMs = Math.min(keepMs, recordingsLiveCacheMs);
    });
    this.cache.set(key, entry);
    return entry.answer;
  }

  private async fetchRanges(cameraId: string, startMs: number, endMs: number): Promise<Fetched> {
    const base = this.options.baseUrl as string;
    const url =
      `${base}/api/v1/cameras/${encodeURIComponent(cameraId)}/recordings` +
      `?start=${new Date(startMs).toISOString()}&end=${new Date(endMs).toISOString()}`;
    // One controller for the timeout and the size cap, held by its timer until the answer is in
    // (a signal combined with AbortSignal.any is held only weakly, and may be collected early).
    const cut = new AbortController();
    const timedOut = new Error(`no answer within ${this.options.timeoutMs} ms`);
    const timer = setTimeout(() => cut.abort(timedOut), this.options.timeoutMs);
    let text: string;
    try {
      const response = await (this.options.fetch ?? fetch)(url, {
        headers: { Accept: 'application/json' },
        signal: cut.signal,
      });
      if (response.status === 404) {
        void response.body?.cancel().catch(() => undefined);
        return { known: false, reason: recordingsReasons.notKept };
      }
      if (!response.ok) {
        void response.body?.cancel().catch(() => undefined);
        return this.problem('http', recordingsReasons.unreachable, `HTTP ${response.status}`, true);
      }
      const body = await readCapped(response, maxRecordingsAnswerBytes, () => cut.abort());
      if (!body.ok) {
        return this.problem('size', recordingsReasons.notUnderstood, `the answer is ${body.why}`);
      }
      text = body.bytes.toString('utf8');
    } catch (error) {
      const why = cut.signal.reason === timedOut ? timedOut.message : causeMessage(error);
      return this.problem('fetch', recordingsReasons.unreachable, why, true);
    } finally {
      clearTimeout(timer);
    }
    const parsed = parseRecordingsAnswer(text);
    if (!parsed.ok) return this.problem('answer', recordingsReasons.notUnderstood, parsed.why);
    this.logged.clear();
    return { known: true, ranges: normalizeRanges(parsed.ranges, startMs, endMs) };
  }

  /** Not known, with why; the first of each kind logged (until an answer is understood again). */
  private problem(kind: string, reason: string, why: string, soon = false): Fetched {
    if (!this.logged.has(kind)) {
      this.logged.add(kind);
      this.options.log?.(`recordings: ${reason}: ${why}`);
    }
    return { known: false, reason: `${reason} (${why})`, soon };
  }
}
