/**
 * Bench: the weekly report page drawn (issue #16, "Benchmarks": "Weekly report over 26,000
 * cameras × 8 weeks of history: time to compute and to render"; the compute alone is
 * tests/bench/health-report.ts). Against a running browser host on the full simulator:
 *
 *   node out/main/serve.js --port 0 --data /tmp/report-bench --walls 1 --cameras 26000
 *   npx tsx tests/bench/health-report-ui.ts "<desk URL>"   # [RUNS=6]
 *
 * Signs a demo watcher in, waits until the station has imported the platform's 8 weeks of health
 * history (every week of the report's trend has a rate), then opens the desk's report page
 * (`?view=report`, the last full week) RUNS times in Debian Chromium (headless, 1600×900, a new
 * page each time, the browser's cache warm after the first) and reads the page's own performance
 * marks, all from the navigation's start: `vigil:report-asked` (the page asked the core for the
 * report), `vigil:report-data` (the `health.report` answer arrived: the core read the cache's
 * intervals and computed the report) and `vigil:report-ready` (React committed the tables and
 * ECharts' 'finished' fired for the trend chart). Then the
 * page printed to an A4 PDF (`page.pdf`, print CSS, backgrounds), as the report's export does.
 * Also times `health.report` over the socket alone (the core's part: the cache read and the
 * computation). Prints a markdown table (median and worst; the first run separately: cold cache).
 */
import { chromium } from 'playwright-core';
import type { WeeklyReport } from '../../shared/contract/health';
import type { SessionState } from '../../shared/contract/session';
import { chromiumArgs, chromiumPath } from '../chromium';
import { connectDesk } from '../shared/rotation-swap-probe';

const deskUrl = process.argv[2];
if (!deskUrl) throw new Error('usage: tsx tests/bench/health-report-ui.ts <desk URL>');
const runs = Math.max(2, Number(process.env.RUNS ?? 6));

const desk = await connectDesk(deskUrl);
const session = await desk.call<SessionState>('session.get', {});
if (session.operator === null) {
  const watcher = session.demo.find((a) => a.role === 'watcher');
  if (!watcher) throw new Error('no demo watcher: run the host on the simulator');
  await desk.call('session.signIn', { name: watcher.name, password: watcher.password });
}

// The station imports the platform's history after its catalog; the report needs all 8 weeks.
const waitStarted = Date.now();
let report: WeeklyReport | null = null;
for (;;) {
  report = await desk.call<WeeklyReport>('health.report', {});
  const covered = report.weeks.filter((w) => w.online !== null).length;
  if (covered === report.weeks.length && report.weeks.length >= 8) break;
  if (Date.now() - waitStarted > 15 * 60_000) {
    throw new Error(`the history is not imported after 15 min (${covered} weeks with data)`);
  }
  await new Promise((r) => setTimeout(r, 5000));
}
// The core's part alone: health.report over the socket (the cache's intervals read, the report
// computed, its JSON sent), as the page's call makes it.
const coreMs: number[] = [];
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  await desk.call<WeeklyReport>('health.report', {});
  coreMs.push(performance.now() - started);
}
desk.close();
console.log(
  `history ready after ${((Date.now() - waitStarted) / 1000).toFixed(0)} s of waiting: week of ${report.weekStart}, ` +
    `${report.station.cameras} cameras, ${report.zones.length} zones, ${report.contractors.length} contractors, ` +
    `${report.worst.length} worst, ${report.weeks.length} weeks, online ${pct(report.station.online)}`,
);

interface Run {
  loadedMs: number;
  askedMs: number;
  dataMs: number;
  readyMs: number;
  drawMs: number;
  pdfMs: number;
  pages: number;
  rows: number;
  canvases: number;
}

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const results: Run[] = [];
try {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const url = new URL(deskUrl);
  url.searchParams.set('view', 'report');
  for (let i = 0; i < runs; i++) {
    const page = await context.newPage();
    await page.goto(url.href);
    await page.waitForFunction(
      () => performance.getEntriesByName('vigil:report-ready').length > 0,
      undefined,
      { timeout: 120_000, polling: 20 },
    );
    const marks = await page.evaluate(() => ({
      loaded: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)
        .domContentLoadedEventEnd,
      asked: performance.getEntriesByName('vigil:report-asked')[0]!.startTime,
      data: performance.getEntriesByName('vigil:report-data')[0]!.startTime,
      ready: performance.getEntriesByName('vigil:report-ready')[0]!.startTime,
      rows: document.querySelectorAll('[data-testid="report-sheet"] tr').length,
      canvases: document.querySelectorAll('[data-testid="report-sheet"] canvas').length,
    }));
    await page.emulateMedia({ media: 'print' });
    const printed = Date.now();
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pdfMs = Date.now() - printed;
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    results.push({
      loadedMs: marks.loaded,
      askedMs: marks.asked,
      dataMs: marks.data,
      readyMs: marks.ready,
      drawMs: marks.ready - marks.data,
      pdfMs,
      pages,
      rows: marks.rows,
      canvases: marks.canvases,
    });
    console.log(
      `run ${i + 1}: DOMContentLoaded ${marks.loaded.toFixed(0)} ms, asked ${marks.asked.toFixed(0)} ms, data ${marks.data.toFixed(0)} ms, ready ${marks.ready.toFixed(0)} ms ` +
        `(drawn ${(marks.ready - marks.data).toFixed(0)} ms after the data), ${marks.rows} table rows, ` +
        `${marks.canvases} canvas, PDF ${pdfMs} ms (${pages} pages, ${(pdf.length / 1024).toFixed(0)} KB)`,
    );
    await page.close();
  }
} finally {
  await browser.close();
}

const warm = results.slice(1);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const row = (label: string, pick: (r: Run) => number) =>
  `| ${label} | ${pick(results[0]!).toFixed(0)} ms | ${median(warm.map(pick)).toFixed(0)} ms | ${Math.max(...warm.map(pick)).toFixed(0)} ms |`;
console.log(`\n| from navigation | first run | median (runs 2-${runs}) | worst (runs 2-${runs}) |`);
console.log('| --- | --- | --- | --- |');
console.log(row('page loaded (DOMContentLoaded)', (r) => r.loadedMs));
console.log(row('health.report asked (`vigil:report-asked`)', (r) => r.askedMs));
console.log(row('health.report answered (`vigil:report-data`)', (r) => r.dataMs));
console.log(row('tables and chart drawn (`vigil:report-ready`)', (r) => r.readyMs));
console.log(row('drawing alone (ready − data)', (r) => r.drawMs));
console.log(row('A4 PDF (`page.pdf`, after ready)', (r) => r.pdfMs));
console.log(
  `\nhealth.report over the socket alone (core): median ${median(coreMs).toFixed(0)} ms, worst ${Math.max(...coreMs).toFixed(0)} ms (${runs} calls)`,
);
console.log(
  `${results[0]!.rows} table rows, ${results[0]!.canvases} chart canvas, ${results[0]!.pages} PDF pages`,
);

function pct(rate: number | null): string {
  return rate === null ? 'no data' : `${(rate * 100).toFixed(2)} %`;
}
