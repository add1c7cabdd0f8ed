/**
 * Bench: a weekly and a monthly product over a year of history, time to render (issue #17,
 * "Benchmarks"; the time to compute is tests/bench/analysis-products.ts).
 *
 *   npx electron-vite build
 *   npx tsx tests/bench/analysis-render.ts [--runs 4] [--cameras 26000] [--keep DIR]
 *
 * Starts the built browser host (out/main/serve.js) on the full simulator (26,000 cameras, 400
 * units) with the station's default year of incident history, signs the demo duty chief in, waits
 * until the history is imported, then drives Debian Chromium (playwright-core, headless,
 * 1600×900, no GPU):
 *
 * 1. the desk's 研判 tab: a weekly product, then a monthly one, for `runs` different weeks and
 *    months (the first time a period is asked, the station computes it in its worker; the second
 *    time, for the same periods, it has it): from the product asked (the renderer's mark
 *    `analysis:product-asked`) to its answer in (`analysis:product-received`), and to the last of
 *    its two charts drawn (ECharts 'finished': `chart-finished:analysis-category-chart`, `…-heat-chart`)
 *    and its hexes on the map (`analysis:hexes-drawn`), then to the next animation frame;
 * 2. the printable page (`?view=product&kind=…&date=…`, charts at pixel ratio 2): from navigation
 *    to the same marks (no map there).
 *
 * Prints a markdown table (median and worst of the runs, ms).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import WebSocket from 'ws';
import { chromiumArgs, chromiumPath } from '../chromium';

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '4' },
    cameras: { type: 'string', default: '26000' },
    keep: { type: 'string' },
  },
});
const runs = Number(flags.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 12) throw new Error('--runs: 1-12');

const dataDir = flags.keep ?? mkdtempSync(join(tmpdir(), 'vigil-analysis-render-'));
const running: { host: ChildProcess | null } = { host: null };

/** The host started on `dataDir`, its desk URL from stdout. */
function startHost(): Promise<string> {
  const child = spawn(
    process.execPath,
    [
      'out/main/serve.js',
      '--port',
      '0',
      '--data',
      dataDir,
      '--walls',
      '1',
      '--cameras',
      flags.cameras,
      '--sim-failures=off',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.host = child;
  const logs: string[] = [];
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`no host:\n${logs.join('')}`)), 180_000);
    child.stderr!.on('data', (chunk: Buffer) => logs.push(String(chunk)));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += String(chunk);
      const desk = /^desk: (\S+)$/m.exec(stdout);
      if (desk) {
        clearTimeout(timer);
        resolve(desk[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`host exited ${code}:\n${logs.join('')}`)));
  });
}

/** One call over the desk's socket (as the renderer's transport makes it). */
async function deskCall<T>(deskUrl: string, calls: [string, unknown][]): Promise<T> {
  const url = new URL(deskUrl);
  const ws = new WebSocket(
    `ws://${url.host}/ws?token=${url.searchParams.get('token') ?? ''}&window=desk`,
    { origin: url.origin },
  );
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  try {
    let last: unknown = null;
    for (const [i, [method, input]] of calls.entries()) {
      last = await new Promise((resolve, reject) => {
        const onMessage = (data: Buffer) => {
          const frame = JSON.parse(String(data)) as {
            id?: number;
            result?: { ok: boolean; value?: unknown; error?: unknown };
          };
          if (frame.id !== i + 1) return;
          ws.off('message', onMessage);
          if (frame.result?.ok) resolve(frame.result.value);
          else reject(new Error(`${method}: ${JSON.stringify(frame.result?.error)}`));
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify({ id: i + 1, method, input }));
      });
    }
    return last as T;
  } finally {
    ws.close();
  }
}

interface Timing {
  /** ms from the start (asked, or navigation) to the answer in. */
  received: number;
  /** ms from the start to the last chart / the hexes drawn. */
  drawn: number;
  /** ms from the start to the animation frame after. */
  frame: number;
  hexes: number;
}

/**
 * In the page: waits until every one of `marks` is newer than `since` (a mark's name, or 0 for
 * the navigation), then the next animation frame; the times from `since`.
 */
async function timeMarks(page: Page, since: string | null, marks: string[]): Promise<Timing> {
  return page.evaluate(
    ({ since, marks }) =>
      new Promise<Timing>((resolve, reject) => {
        const latest = (name: string): number | null => {
          const list = performance.getEntriesByName(name, 'mark');
          return list.length === 0 ? null : (list[list.length - 1] as PerformanceEntry).startTime;
        };
        const deadline = performance.now() + 120_000;
        const poll = (): void => {
          const start = since === null ? 0 : latest(since);
          if (start === null) {
            if (performance.now() > deadline) reject(new Error(`no mark ${since}`));
            else setTimeout(poll, 5);
            return;
          }
          const at = marks.map(latest);
          const got = latest('analysis:product-received');
          if (at.every((t) => t !== null && t >= start) && got !== null && got >= start) {
            const drawn = Math.max(...(at as number[]));
            requestAnimationFrame(() =>
              resolve({
                received: got - start,
                drawn: drawn - start,
                frame: performance.now() - start,
                hexes: document.querySelectorAll('path.analysis-hex').length,
              }),
            );
            return;
          }
          if (performance.now() > deadline) reject(new Error(`marks not seen: ${marks.join()}`));
          else setTimeout(poll, 5);
        };
        poll();
      }),
    { since, marks },
  );
}

const day = (t: number): string => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
const addDays = (d: string, n: number): string =>
  day(Date.parse(`${d}T00:00:00Z`) - 8 * 3_600_000 + n * 86_400_000);
const monday = (d: string): string =>
  addDays(d, -((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7));
const monthBack = (d: string, n: number): string => {
  const [y, m] = d.split('-').map(Number) as [number, number];
  const k = y * 12 + (m - 1) - n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-01`;
};

const deskMarks = [
  'chart-finished:analysis-category-chart',
  'chart-finished:analysis-heat-chart',
  'analysis:hexes-drawn',
];
const pageMarks = ['chart-finished:analysis-category-chart', 'chart-finished:analysis-heat-chart'];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

try {
  const began = Date.now();
  const deskUrl = await startHost();
  type Session = { operator?: unknown; demo: { role: string; name: string; password: string }[] };
  const session = await deskCall<Session>(deskUrl, [['session.get', {}]]);
  const chief = session.demo.find((a) => a.role === 'chief');
  if (!chief) throw new Error('no demo duty chief');
  await deskCall(deskUrl, [['session.signIn', { name: chief.name, password: chief.password }]]);
  // The year imported (the station asks the platform 31 days at a time, one after another):
  // reaching back a year, and no more coming for 10 s.
  type History = { incidents: number; from: number | null; lastImport: string | null };
  let history: History = { incidents: -1, from: null, lastImport: null };
  for (let still = 0; still < 5;) {
    await new Promise((r) => setTimeout(r, 2000));
    const next = await deskCall<History>(deskUrl, [['analysis.history', {}]]);
    const old = next.from !== null && next.from < Date.now() - 360 * 86_400_000;
    still = old && next.incidents === history.incidents ? still + 1 : 0;
    history = next;
    if (Date.now() - began > 900_000)
      throw new Error(`history not imported: ${JSON.stringify(history)}`);
  }
  console.error(`history: ${history.incidents} incidents (${history.lastImport ?? ''})`);
  if (history.incidents < 100_000) {
    throw new Error(
      `a year of history is ≥ 100,000 incidents; the import stopped at ${history.incidents} (${history.lastImport ?? ''}): run again`,
    );
  }

  const today = day(Date.now());
  const weeks = Array.from({ length: runs }, (_, i) => addDays(monday(today), -7 * (i + 1)));
  const months = Array.from({ length: runs }, (_, i) => monthBack(today, i + 1));

  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const results = new Map<string, Timing[]>();
  const keep = (what: string, t: Timing): void => {
    results.set(what, [...(results.get(what) ?? []), t]);
    console.error(what, JSON.stringify(t));
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    // tsx names the functions it compiles (`__name(fn, "…")`), page.evaluate's too: define it.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.goto(deskUrl);
    await page.getByTestId('desk-tab-analysis').click();
    const pane = page.getByTestId('analysis-pane');
    // Warm-up: yesterday's daily product in and drawn (the map and chart code loaded).
    await timeMarks(page, null, ['analysis:hexes-drawn']);

    const clearMarks = () => page.evaluate(() => performance.clearMarks());
    /**
     * Shows one product on the desk as a chief does and times it: the kind chosen (its default,
     * the last full week or month, shown), then, for an older one, its date typed and Enter (查看).
     */
    const show = async (kind: 'weekly' | 'monthly', date: string): Promise<Timing> => {
      await clearMarks();
      await pane.getByTestId(`analysis-kind-${kind}`).click();
      const first = await timeMarks(page, 'analysis:product-asked', deskMarks);
      if ((await pane.getByTestId('analysis-date').inputValue()) === date) return first;
      await clearMarks();
      await pane.getByTestId('analysis-date').fill(date);
      await pane.getByTestId('analysis-date').press('Enter');
      return timeMarks(page, 'analysis:product-asked', deskMarks);
    };
    for (const pass of ['computed', 'kept'] as const) {
      for (let i = 0; i < runs; i++) {
        keep(`desk weekly (${pass})`, await show('weekly', weeks[i]!));
        keep(`desk monthly (${pass})`, await show('monthly', months[i]!));
      }
    }

    // The printable page: navigation → its charts drawn.
    const base = new URL(deskUrl);
    for (let i = 0; i < runs; i++) {
      for (const [kind, date] of [
        ['weekly', weeks[i]!],
        ['monthly', months[i]!.slice(0, 7)],
      ] as const) {
        const url = new URL(base);
        url.searchParams.set('view', 'product');
        url.searchParams.set('kind', kind);
        url.searchParams.set('date', date);
        await page.goto(url.href);
        keep(`page ${kind} (kept)`, await timeMarks(page, null, pageMarks));
      }
    }
  } finally {
    await browser.close();
  }

  const rows = [...results.entries()].map(([what, ts]) => {
    const col = (k: keyof Timing): string =>
      `${Math.round(median(ts.map((t) => t[k])))} / ${Math.round(Math.max(...ts.map((t) => t[k])))}`;
    return `| ${what} | ${col('received')} | ${col('drawn')} | ${col('frame')} | ${Math.round(median(ts.map((t) => t.hexes)))} |`;
  });
  console.log(
    [
      `history: ${history.incidents} incidents; ${runs} runs; ms median / worst`,
      '',
      '| product | answer in | charts + hexes drawn | next frame | hexes |',
      '| ------- | --------- | -------------------- | ---------- | ----- |',
      ...rows,
    ].join('\n'),
  );
} finally {
  running.host?.kill('SIGTERM');
  if (!flags.keep) {
    await new Promise((r) => setTimeout(r, 1000));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
