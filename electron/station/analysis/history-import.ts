/**
 * The platform's incident history (docs/protocol.md §10, issue #17 item 1): at start and once a
 * day the station asks `GET /api/v1/incidents/history?from=&to=` for the days of
 * `analysis.historyDays` it has not imported yet, at most 31 days a request, one after another.
 * An answer is read up to a size and validated whole (IncidentHistorySchema): a bad one is logged
 * and counted and nothing of it is stored (asked again at the next import). A good one is stored
 * in one transaction with the range as imported.
 */
import {
  IncidentHistorySchema,
  incidentHistoryMaxDays,
} from '../../../shared/contract/platform-analysis';
import type { AnalysisStore } from '../cache/analysis-store';
import type { CacheDatabase } from '../cache/database';
import { missingSpans, type HistoryCounters } from '../health/history-import';
import { fetchSpan } from '../upstream/fetch-span';

export type { HistoryCounters } from '../health/history-import';

const dayMs = 86_400_000;
/** The largest history answer read (31 days of a busy county's incidents fit many times). */
export const maxIncidentHistoryBytes = 128 * 1024 * 1024;

export interface IncidentHistoryImportOptions {
  db: CacheDatabase;
  store: AnalysisStore;
  baseUrl: string;
  historyDays: number;
  timeoutMs: number;
  now: () => number;
  fetch?: typeof fetch;
  maxBytes?: number;
  counters: HistoryCounters;
  log?: (line: string) => void;
}

/** Imports what is missing; returns how many requests were stored. Never throws. */
export async function importIncidentHistory(
  options: IncidentHistoryImportOptions,
): Promise<number> {
  const now = options.now();
  const wanted = missingSpans(
    now - options.historyDays * dayMs,
    now,
    options.store.imports(),
    incidentHistoryMaxDays,
  ).filter((s) => s.end - s.start >= 1000);
  let stored = 0;
  for (const span of wanted) {
    const result = await importOne(options, span.start, span.end);
    options.store.setMeta('lastImportAt', String(options.now()));
    options.store.setMeta('lastImport', result.note);
    if (!result.ok) break; // the platform is not answering well: the rest waits for the next import
    stored++;
  }
  return stored;
}

async function importOne(
  options: IncidentHistoryImportOptions,
  from: number,
  to: number,
): Promise<{ ok: boolean; note: string }> {
  const url = `${options.baseUrl}/api/v1/incidents/history?from=${from}&to=${to}`;
  const bad = (why: string): { ok: false; note: string } => {
    options.counters.bad++;
    options.counters.lastProblem = why;
    options.log?.(`analysis: incident history ${from}-${to} refused: ${why}; nothing stored`);
    return { ok: false, note: `refused: ${why}` };
  };
  const got = await fetchSpan(
    url,
    IncidentHistorySchema,
    { from, to },
    {
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxBytes ?? maxIncidentHistoryBytes,
    },
  );
  if (!got.ok) return bad(got.why);
  const history = got.value;
  const { store } = options;
  const at = options.now();
  options.db.transaction(() => {
    for (const i of history.incidents) store.putIncident(i, 'platform');
    const covered = history.coveredFrom === null ? null : Math.max(history.coveredFrom, from);
    store.addImport(from, to, covered, at);
  })();
  options.counters.imported++;
  const note = `${history.incidents.length} incidents`;
  options.log?.(`analysis: incident history imported: ${note}`);
  return { ok: true, note: `imported ${note}` };
}
