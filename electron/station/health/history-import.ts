/**
 * The platform's health history (docs/protocol.md §9, issue #16): at start and once a day the
 * station asks `GET /api/v1/health/history?from=&to=` for the days of `historyDays` it has not
 * imported yet (at most 62 days a request), so the rates and the weekly report have data from the
 * first day. An answer is read up to a size and validated as a whole (HealthHistorySchema): a bad
 * one is logged and counted and nothing of it is stored (asked again at the next import). A good
 * one is stored in one transaction: intervals and tickets each kept once, the platform's
 * coverage, and the range as imported.
 */
import {
  HealthHistorySchema,
  healthHistoryMaxDays,
} from '../../../shared/contract/platform-health';
import type { CacheDatabase } from '../cache/database';
import type { HealthStore } from '../cache/health-store';
import type { Span } from '../../../shared/domain/health/rates';
import { fetchSpan } from '../upstream/fetch-span';

const dayMs = 86_400_000;
/** The largest history answer read (500,000 intervals and 100,000 tickets fit). */
export const maxHistoryBytes = 256 * 1024 * 1024;

export interface HistoryCounters {
  /** Requests answered and stored. */
  imported: number;
  /** Answers refused (not JSON, not valid, too large, an HTTP error). */
  bad: number;
  lastProblem: string | null;
}

export interface HistoryImportOptions {
  db: CacheDatabase;
  store: HealthStore;
  baseUrl: string;
  historyDays: number;
  timeoutMs: number;
  now: () => number;
  fetch?: typeof fetch;
  maxBytes?: number;
  counters: HistoryCounters;
  log?: (line: string) => void;
}

/**
 * The parts of [from, to) not in `done`, cut into requests of at most `maxDays` (62, the health
 * history's limit) days, oldest first.
 */
export function missingSpans(
  from: number,
  to: number,
  done: readonly Span[],
  maxDays: number = healthHistoryMaxDays,
): Span[] {
  const gaps: Span[] = [];
  let at = from;
  for (const d of [...done].sort((a, b) => a.start - b.start)) {
    if (d.end <= at) continue;
    if (d.start >= to) break;
    if (d.start > at) gaps.push({ start: at, end: Math.min(d.start, to) });
    at = Math.max(at, d.end);
  }
  if (at < to) gaps.push({ start: at, end: to });
  const max = maxDays * dayMs;
  return gaps.flatMap((g) => {
    const out: Span[] = [];
    for (let s = g.start; s < g.end; s += max)
      out.push({ start: s, end: Math.min(g.end, s + max) });
    return out;
  });
}

/** Imports what is missing; returns how many requests were stored. Never throws. */
export async function importHistory(options: HistoryImportOptions): Promise<number> {
  const now = options.now();
  const wanted = missingSpans(
    now - options.historyDays * dayMs,
    now,
    options.store.imports(),
  ).filter((s) => s.end - s.start >= 1000);
  let stored = 0;
  for (const span of wanted) {
    const ok = await importOne(options, span);
    if (!ok) break; // the platform is not answering well: the rest waits for the next import
    stored++;
  }
  return stored;
}

async function importOne(options: HistoryImportOptions, span: Span): Promise<boolean> {
  const url = `${options.baseUrl}/api/v1/health/history?from=${span.start}&to=${span.end}`;
  const bad = (why: string): false => {
    options.counters.bad++;
    options.counters.lastProblem = why;
    options.log?.(`health: history ${span.start}-${span.end} refused: ${why}; nothing stored`);
    return false;
  };
  const got = await fetchSpan(
    url,
    HealthHistorySchema,
    { from: span.start, to: span.end },
    {
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxBytes ?? maxHistoryBytes,
    },
  );
  if (!got.ok) return bad(got.why);
  const history = got.value;
  const { store } = options;
  const at = options.now();
  options.db.transaction(() => {
    store.importIntervals(history.intervals);
    for (const t of history.tickets) store.putTicket(t, at);
    if (history.coveredFrom !== null) {
      store.addPlatformCoverage(Math.max(history.coveredFrom, span.start), span.end);
    }
    store.addImport(span.start, span.end, at);
  })();
  options.counters.imported++;
  options.log?.(
    `health: history imported: ${history.intervals.length} intervals, ${history.tickets.length} tickets`,
  );
  return true;
}
