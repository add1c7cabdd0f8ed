/**
 * Bench: unit positions into the cache (issue #5: keep ingest >= 50,000 rows/s).
 *
 *   npx tsx tests/bench/map-ingest.ts [--hours 1] [--units 400]
 *
 * Writes a simulated hour of 400 units at 1 Hz (1,440,000 fixes) through the real ingest path
 * (PositionIngest → PositionStore, one transaction per flush) into a fresh cache with the
 * production pragmas (WAL, synchronous=FULL), in two regimes:
 *   - catch-up: a backlog flushed in 250 ms batches at 50,000 rows/s worth (12,500 rows), which is
 *     what the ingest does after a stall or a broker replay: rows/s is its capacity;
 *   - live: 100-row flushes (400 units, 250 ms): time per flush is what the app pays per tick.
 * Then a track query (one unit, the hour), and a prune. Prints a markdown block for
 * docs/benchmarks.md.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/station/cache/database';
import { PositionIngest } from '../../electron/station/map/position-ingest';
import { PositionStore, type PositionRow } from '../../electron/station/cache/position-store';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const hours = arg('hours', 1);
const units = arg('units', 400);

function fixesAt(second: number, t0: number): PositionRow[] {
  const rows: PositionRow[] = [];
  for (let u = 0; u < units; u++) {
    rows.push({
      unitId: `U-C${String(u).padStart(3, '0')}`,
      callSign: `巡${String(u).padStart(3, '0')}`,
      kind: 'car',
      at: t0 + second * 1000,
      lat: 35.4 + u * 1e-4 + second * 1e-6,
      lng: 116.97 + second * 1e-6,
      heading: (second * 7) % 360,
      speed: 10,
    });
  }
  return rows;
}

function run(label: string, rowsPerFlush: number, seconds: number, t0: number, dir: string) {
  const db = openDatabase(join(dir, `${label}.db`));
  const store = new PositionStore(db);
  const ingest = new PositionIngest({ store, retentionDays: 30, now: () => t0 + seconds * 1000 });
  let flushMs = 0;
  let flushes = 0;
  let maxFlush = 0;
  const started = performance.now();
  for (let s = 0; s < seconds; s++) {
    for (const r of fixesAt(s, t0)) {
      ingest.add(r);
      if (ingest.pending() >= rowsPerFlush) {
        const f0 = performance.now();
        ingest.flush();
        const took = performance.now() - f0;
        flushMs += took;
        maxFlush = Math.max(maxFlush, took);
        flushes++;
      }
    }
  }
  ingest.flush();
  const wallMs = performance.now() - started;
  const rows = store.count();
  const q0 = performance.now();
  const track = store.track('U-C007', t0, t0 + seconds * 1000);
  const queryMs = performance.now() - q0;
  const p0 = performance.now();
  const pruned = store.prune(t0 + (seconds / 2) * 1000);
  const pruneMs = performance.now() - p0;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const size = statSync(join(dir, `${label}.db`)).size;
  db.close();
  return {
    label,
    rows,
    rowsPerS: Math.round(rows / ((flushMs || wallMs) / 1000)),
    endToEndRowsPerS: Math.round(rows / (wallMs / 1000)),
    flushes,
    meanFlushMs: flushMs / Math.max(1, flushes),
    maxFlushMs: maxFlush,
    trackPoints: track.length,
    queryMs,
    pruned,
    pruneMs,
    bytesPerRow: size / rows,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
try {
  const t0 = Date.UTC(2026, 10, 23, 0, 0, 0);
  const seconds = Math.round(hours * 3600);
  const catchUp = run('catch-up', 12_500, seconds, t0, dir);
  const live = run('live', 100, Math.min(seconds, 900), t0, dir);
  const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
  console.log(`### Map: unit positions into the cache

\`npx tsx tests/bench/map-ingest.ts\` — ${units} units × 1 Hz × ${hours} h, fresh cache (WAL, synchronous=FULL), ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.arch}.

| regime | rows | flushes | rows/s in flushes | rows/s end to end | mean flush | max flush |
| --- | --- | --- | --- | --- | --- | --- |
| catch-up (12,500-row flushes) | ${fmt(catchUp.rows)} | ${catchUp.flushes} | **${fmt(catchUp.rowsPerS)}** | ${fmt(catchUp.endToEndRowsPerS)} | ${fmt(catchUp.meanFlushMs)} ms | ${fmt(catchUp.maxFlushMs)} ms |
| live (100-row flushes, every 250 ms) | ${fmt(live.rows)} | ${live.flushes} | ${fmt(live.rowsPerS)} | ${fmt(live.endToEndRowsPerS)} | ${fmt(live.meanFlushMs)} ms | ${fmt(live.maxFlushMs)} ms |

- Track of one unit over the hour: ${fmt(catchUp.trackPoints)} fixes read in ${fmt(catchUp.queryMs)} ms.
- Prune of half the hour (${fmt(catchUp.pruned)} rows): ${fmt(catchUp.pruneMs)} ms.
- On disk: ${fmt(catchUp.bytesPerRow)} bytes per fix (so ~${fmt((catchUp.bytesPerRow * units * 86400) / 1e9)} GB per day for ${units} units; the retention setting \`map.trackRetentionDays\` bounds it).
`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
