/**
 * The browser-host fixture (Element's `_electron` fixture, for our browser host): a temporary data
 * folder, the built-in simulator on free ports, the host's URLs parsed from its stdout, and its
 * log attached to the test report when a test fails.
 */
import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import WebSocket from 'ws';
import type { Role } from '../../shared/api';
import type { SessionState } from '../../shared/contract/session';

export interface VigilHost {
  deskUrl: string;
  wallUrls: string[];
  simulatorUrl: string;
  /** The simulator's admin token (a new one each start), from its `simulator admin:` line. */
  simulatorAdminToken: string;
  dataDir: string;
  /** Stop the host (as a crash or a restart would) and start it again on the same data. */
  restart(): Promise<void>;
}

export interface HostOptions {
  cameras: number;
  walls: number;
  /**
   * Who is signed in at the desk when the test starts (one of the simulator's demo accounts), as
   * if the operator had signed in; null: nobody (the test signs in itself). Default: a duty chief.
   */
  signedIn?: Role | null;
  /** Written as the station's vigil.config.json in its data folder before it starts. */
  config?: Record<string, unknown>;
  /**
   * The simulator's units on an order (a dispatch, a warning) move this many times as fast
   * (`--sim-unit-speed`): a warning's visit in seconds. Default 1.
   */
  simUnitSpeed?: number;
  /**
   * Every simulated unit obeys every warning (`--sim-units-obey`): by default ~1 in 5 comes late
   * or not at all, drawn per warning, so a test that needs a grid's one unit to go would fail that
   * often.
   */
  simUnitsObey?: boolean;
}

/** Signs the simulator's demo account of `role` in at the station, over the desk's socket. */
export async function signInDemo(deskUrl: string, role: Role): Promise<void> {
  const url = new URL(deskUrl);
  const ws = new WebSocket(
    `ws://${url.host}/ws?token=${url.searchParams.get('token') ?? ''}&window=desk`,
    { origin: url.origin },
  );
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let next = 0;
  const call = (method: string, input: unknown) =>
    new Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>((resolve) => {
      const id = ++next;
      const onMessage = (data: WebSocket.RawData) => {
        const frame = JSON.parse(String(data)) as { id?: number; result?: never };
        if (frame.id !== id) return;
        ws.off('message', onMessage);
        resolve(frame.result!);
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, method, input }));
    });
  try {
    const session = await call('session.get', {});
    const state = session.value as SessionState;
    const account = state.demo.find((a) => a.role === role);
    if (!account) throw new Error(`no demo account for ${role}`);
    const result = await call('session.signIn', { name: account.name, password: account.password });
    if (!result.ok) throw new Error(`sign-in as ${role} failed: ${result.error?.message}`);
  } finally {
    ws.close();
  }
}

/**
 * Calls the simulator's admin API (/admin/…) with its token, as `npm run sim -- … --admin URL`
 * does; the caller checks the response.
 */
export function simulatorAdmin(
  vigil: Pick<VigilHost, 'simulatorUrl' | 'simulatorAdminToken'>,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${vigil.simulatorUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${vigil.simulatorAdminToken}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A free loopback port, kept for the test so the simulated platform's address survives restarts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Walls in tests start with the default decoder budget given explicitly, so none of them pays
 * for the first-start calibration (tests/e2e/wall-calibration.spec.ts removes it on purpose).
 */
export const E2E_WALL_BUDGET = 16;
const withBudget = (url: string): string => {
  const parsed = new URL(url);
  parsed.searchParams.set('budget', String(E2E_WALL_BUDGET));
  return parsed.href;
};

/**
 * The history a test of the products or the health report needs (in its hostOptions.config): 35
 * days is what a daily or weekly product compares with, 14 a weekly health report with its week
 * before.
 */
export const PRODUCT_HISTORY = {
  analysis: { historyDays: 35 },
  health: { historyDays: 14 },
} as const;

/**
 * The station's config in e2e: the test's own, over a day of history unless it asks for more
 * (PRODUCT_HISTORY). A year of incidents and 8 weeks of camera health are seconds of CPU at every
 * start, on a machine the test shares with Chromium; even 35 and 14 days made the map and wall
 * tests about a fifth slower than one day does.
 */
function e2eConfig(options: HostOptions): Record<string, unknown> {
  const config: Record<string, unknown> = {
    analysis: { historyDays: 1 },
    health: { historyDays: 1 },
  };
  for (const [key, value] of Object.entries(options.config ?? {})) {
    const base = config[key];
    config[key] =
      base && typeof base === 'object' && value && typeof value === 'object'
        ? { ...base, ...value }
        : value;
  }
  return config;
}

async function startHost(
  dataDir: string,
  options: HostOptions & { simPort: number },
  logs: string[],
) {
  const child = spawn(
    process.execPath,
    [
      'out/main/serve.js',
      '--port',
      '0',
      '--data',
      dataDir,
      '--walls',
      String(options.walls),
      '--cameras',
      String(options.cameras),
      '--sim-port',
      String(options.simPort),
      '--sim-failures=off',
      ...(options.simUnitSpeed === undefined
        ? []
        : ['--sim-unit-speed', String(options.simUnitSpeed)]),
      ...(options.simUnitsObey ? ['--sim-units-obey'] : []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const urls = await new Promise<{
    desk: string;
    walls: string[];
    sim: string;
    simToken: string;
  }>((resolve, reject) => {
    let stdout = '';
    const walls: string[] = [];
    const timer = setTimeout(
      () => reject(new Error(`browser host did not start:\n${logs.join('')}`)),
      90_000,
    );
    child.stderr!.on('data', (chunk: Buffer) => logs.push(String(chunk)));
    child.stdout!.on('data', (chunk: Buffer) => {
      logs.push(String(chunk));
      stdout += String(chunk);
      for (const line of stdout.split('\n')) {
        const wall = /^wall (\d+): (\S+)/.exec(line);
        if (wall) walls[Number(wall[1]) - 1] = withBudget(wall[2]!);
      }
      const desk = /^desk: (\S+)$/m.exec(stdout);
      const sim = /^simulator: (\S+)/m.exec(stdout);
      const simAdmin = /^simulator admin: (\S+)/m.exec(stdout);
      if (desk && sim && simAdmin && walls.filter(Boolean).length === options.walls) {
        clearTimeout(timer);
        const simToken = new URL(simAdmin[1]!).searchParams.get('token') ?? '';
        resolve({ desk: desk[1]!, walls, sim: sim[1]!, simToken });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser host exited with ${code}:\n${logs.join('')}`));
    });
  });
  return { child, ...urls };
}

async function stopHost(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export const test = base.extend<{ hostOptions: HostOptions; vigil: VigilHost }>({
  hostOptions: [{ cameras: 2000, walls: 2 }, { option: true }],
  vigil: async ({ hostOptions }, use, testInfo) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
    writeFileSync(join(dataDir, 'vigil.config.json'), JSON.stringify(e2eConfig(hostOptions)));
    const logs: string[] = [];
    const options = { ...hostOptions, simPort: await freePort() };
    let running = await startHost(dataDir, options, logs);
    const signedIn = hostOptions.signedIn === undefined ? 'chief' : hostOptions.signedIn;
    if (signedIn) await signInDemo(running.desk, signedIn);
    const host: VigilHost = {
      get deskUrl() {
        return running.desk;
      },
      get wallUrls() {
        return running.walls;
      },
      get simulatorUrl() {
        return running.sim;
      },
      get simulatorAdminToken() {
        return running.simToken;
      },
      dataDir,
      restart: async () => {
        await stopHost(running.child);
        running = await startHost(dataDir, options, logs);
      },
    };
    try {
      await use(host);
    } finally {
      await stopHost(running.child);
      if (testInfo.status !== testInfo.expectedStatus) {
        const file = join(dataDir, '..', `vigil-e2e-${Date.now()}.log`);
        writeFileSync(file, logs.join(''));
        await testInfo.attach('browser-host.log', { path: file, contentType: 'text/plain' });
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';
