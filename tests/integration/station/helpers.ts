/** Shared by the station integration tests: temp folders, configs, waiting, a child station. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Caller, MethodInput, MethodName } from '../../../shared/api';
import type { Result } from '../../../shared/result';
import {
  parseConfig,
  type VigilConfig,
  type VigilConfigInput,
} from '../../../electron/station/config';
import type { Station } from '../../../electron/station/station';

export const repoRoot = resolve(import.meta.dirname, '../../..');
export const desk: Caller = {
  window: 'desk',
  operator: '值机员甲',
  role: 'watcher',
  signedIn: true,
};

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));

/** A station pointed at an external simulator over HTTP + MQTT, with quick retries. */
export function httpConfig(
  sim: { baseUrl: string; mqttUrl: string },
  extra: Partial<VigilConfigInput> = {},
): VigilConfig {
  return parseConfig({
    platform: { kind: 'http', baseUrl: sim.baseUrl, mqttUrl: sim.mqttUrl },
    outbox: { retryBaseMs: 200, retryMaxMs: 1000 },
    upstream: { catalogPollMs: 60_000, timeoutMs: 2000 },
    // A week of incident history, not the default year: every station here imports it at start.
    analysis: { historyDays: 7 },
    ...extra,
  });
}

export async function call<M extends MethodName>(
  station: Station,
  method: M,
  input: MethodInput<M>,
  caller: Caller = desk,
): Promise<Result<unknown>> {
  return station.host.dispatch(method, input, caller);
}

/** The value of a call that must succeed. */
export async function value<T>(
  station: Station,
  method: MethodName,
  input: unknown,
  caller: Caller = desk,
): Promise<T> {
  const r = await station.host.dispatch(method, input, caller);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** run-station.ts in a child process, driven by its stdin line protocol. */
export class ChildStation {
  readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: string[] = [];
  private readonly stderr: string[] = [];
  readonly exited: Promise<number | null>;

  constructor(args: string[]) {
    this.child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'electron/station/run-station.ts'), ...args],
      { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    createInterface({ input: this.child.stdout }).on('line', (l) => this.lines.push(l));
    createInterface({ input: this.child.stderr }).on('line', (l) => this.stderr.push(l));
    this.exited = new Promise((done) => this.child.on('exit', (code) => done(code)));
  }

  static start(configFile: string, dataDir: string, extra: string[] = []): ChildStation {
    return new ChildStation(['--config', configFile, '--data', dataDir, ...extra]);
  }

  send(command: string): void {
    this.child.stdin.write(`${command}\n`);
  }

  /** The rest of the first line (after `from`) starting with `prefix `. */
  async line(prefix: string, timeoutMs = 30_000, from = 0): Promise<string> {
    const found = await waitFor(
      `"${prefix}" from run-station (stderr: ${this.stderr.slice(-5).join(' | ')})`,
      () => {
        const l = this.lines.slice(from).find((x) => x.startsWith(`${prefix} `));
        return l === undefined ? undefined : l.slice(prefix.length + 1);
      },
      timeoutMs,
    );
    return found;
  }

  /** Calls `listener` with every stdout line from now on (a bench timing what the child prints). */
  onLine(listener: (line: string) => void): void {
    createInterface({ input: this.child.stdout }).on('line', listener);
  }

  /** Sends a command and parses the JSON of its answer. */
  async ask<T>(command: string, answer: string): Promise<T> {
    const from = this.lines.length;
    this.send(command);
    return JSON.parse(await this.line(answer, 15_000, from)) as T;
  }

  private calls: Promise<unknown> = Promise.resolve();

  /**
   * Calls a contract method in the child (`call METHOD JSON` → `RESULT {Result}`), as its
   * signed-in operator. One at a time: each answer is the first RESULT after its own command.
   */
  async result<T = unknown>(method: MethodName, input: unknown = {}): Promise<Result<T>> {
    const run = async (): Promise<Result<T>> =>
      this.ask<Result<T>>(`call ${method} ${JSON.stringify(input)}`, 'RESULT');
    const next = this.calls.then(run, run);
    this.calls = next.catch(() => undefined);
    return next;
  }

  /** The value of a call in the child that must succeed. */
  async value<T>(method: MethodName, input: unknown = {}): Promise<T> {
    const r = await this.result<T>(method, input);
    if (!r.ok) throw new Error(`${method} in the child: ${r.error.code}: ${r.error.message}`);
    return r.value;
  }

  async kill9(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.send('stop');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  logs(): string {
    return this.stderr.join('\n');
  }
}

export function writeConfig(dir: string, config: unknown): string {
  const file = join(dir, 'vigil.config.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}
