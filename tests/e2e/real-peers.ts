/**
 * Real peers for the interop spec (real-peers.spec.ts): servers nobody on the project wrote,
 * started by the test on free loopback ports in a temporary folder and all stopped at its end
 * (also when it fails or times out): nginx with the RTMP module serving HLS of ffmpeg's pushes,
 * Mosquitto as the MQTT broker, and the browser host on a catalog file (`platform.kind: "file"`).
 */
import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
export { freePort } from '../shared/processes';
import { freePort, onPath, stopGroup, waitForPort } from '../shared/processes';
import WebSocket from 'ws';
import { E2E_WALL_BUDGET } from './fixtures';

/** Where Debian's libnginx-mod-rtmp puts the module (`dpkg -L libnginx-mod-rtmp`). */
export const rtmpModule = '/usr/lib/nginx/modules/ngx_rtmp_module.so';

/** Why the peers cannot run here (which package is missing), or null when they can. */
export function missingPeers(): string | null {
  const missing: string[] = [];
  if (!onPath('nginx') && !existsSync('/usr/sbin/nginx')) missing.push('nginx (apt: nginx)');
  if (!existsSync(rtmpModule)) missing.push(`${rtmpModule} (apt: libnginx-mod-rtmp)`);
  if (!onPath('mosquitto') && !existsSync('/usr/sbin/mosquitto')) {
    missing.push('mosquitto (apt: mosquitto)');
  }
  if (!onPath('ffmpeg')) missing.push('ffmpeg (apt: ffmpeg)');
  return missing.length === 0 ? null : `real peers missing: ${missing.join(', ')}`;
}

const binary = (name: string): string =>
  onPath(name) ? name : existsSync(`/usr/sbin/${name}`) ? `/usr/sbin/${name}` : name;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Running {
  name: string;
  child: ChildProcess;
}

/**
 * Every process the test starts, each in its own process group (nginx's workers and ffmpeg die
 * with their leader), with its output kept for the report.
 */
export class Peers {
  readonly dir = mkdtempSync(join(tmpdir(), 'vigil-peers-'));
  private readonly running: Running[] = [];
  private readonly output = new Map<string, string[]>();

  spawn(name: string, command: string, args: string[]): ChildProcess {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const lines: string[] = [];
    this.output.set(name, lines);
    child.stdout!.on('data', (chunk: Buffer) => lines.push(String(chunk)));
    child.stderr!.on('data', (chunk: Buffer) => lines.push(String(chunk)));
    child.once('exit', (code, signal) => lines.push(`\n[${name} exited: ${code ?? signal}]\n`));
    this.running.push({ name, child });
    return child;
  }

  /** What a process printed so far. */
  log(name: string): string {
    return (this.output.get(name) ?? []).join('');
  }

  /** Everything every process printed, for the report of a failed test. */
  allLogs(): string {
    return [...this.output].map(([name, lines]) => `==== ${name}\n${lines.join('')}`).join('\n');
  }

  /** Stops every process (SIGTERM to its group, SIGKILL after 5 s), the newest first. */
  async stopAll(): Promise<void> {
    const all = this.running.splice(0).reverse();
    await Promise.all(all.map(({ child }) => stopGroup(child)));
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface Nginx {
  /** http://127.0.0.1:port: HLS at /hls/<stream>.m3u8. */
  origin: string;
  port: number;
  /** rtmp://127.0.0.1:port/live: push to …/<stream>. */
  rtmp: string;
  /** Each request nginx answered over HTTP: host header, URI, status. */
  requests(): { host: string; uri: string; status: number }[];
}

/**
 * nginx with the RTMP module: `application live` turns each push into HLS (1 s fragments, a 6 s
 * window) under <dir>/hls, served at /hls with HLS MIME types, CORS for any origin, no-store.
 */
export async function startNginx(peers: Peers): Promise<Nginx> {
  const [httpPort, rtmpPort] = [await freePort(), await freePort()];
  const dir = join(peers.dir, 'nginx');
  for (const sub of ['hls', 'temp', 'logs']) mkdirSync(join(dir, sub), { recursive: true });
  const conf = join(dir, 'nginx.conf');
  const accessLog = join(dir, 'logs', 'access.log');
  const temp = join(dir, 'temp');
  writeFileSync(
    conf,
    `# Written by tests/e2e/real-peers.ts for one test run.
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'logs', 'error.log')} warn;
load_module ${rtmpModule};
events { worker_connections 256; }
rtmp {
  server {
    listen 127.0.0.1:${rtmpPort};
    application live {
      live on;
      hls on;
      hls_path ${join(dir, 'hls')};
      hls_fragment 1s;
      hls_playlist_length 6s;
    }
  }
}
http {
  log_format peers '$http_host $request_uri $status';
  access_log ${accessLog} peers;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  types {
    application/vnd.apple.mpegurl m3u8;
    video/mp2t ts;
  }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:${httpPort};
    location /hls/ {
      alias ${join(dir, 'hls')}/;
      add_header Access-Control-Allow-Origin * always;
      add_header Cache-Control no-store always;
    }
  }
}
`,
  );
  const child = peers.spawn('nginx', binary('nginx'), [
    '-p',
    dir,
    '-c',
    conf,
    '-e',
    join(dir, 'logs', 'error.log'),
    '-g',
    'daemon off;',
  ]);
  const what = () => {
    const errors = join(dir, 'logs', 'error.log');
    return peers.log('nginx') + (existsSync(errors) ? readFileSync(errors, 'utf8') : '');
  };
  await waitForPort(httpPort, child, what);
  await waitForPort(rtmpPort, child, what);
  return {
    origin: `http://127.0.0.1:${httpPort}`,
    port: httpPort,
    rtmp: `rtmp://127.0.0.1:${rtmpPort}/live`,
    requests: () =>
      (existsSync(accessLog) ? readFileSync(accessLog, 'utf8') : '')
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [host = '', uri = '', status = '0'] = line.split(' ');
          return { host, uri, status: Number(status) };
        }),
  };
}

/** Mosquitto on a free port, anonymous clients allowed, nothing persisted. Returns its URL. */
export async function startMosquitto(peers: Peers): Promise<string> {
  const port = await freePort();
  const conf = join(peers.dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence false',
      'log_dest stdout',
      '',
    ].join('\n'),
  );
  const child = peers.spawn('mosquitto', binary('mosquitto'), ['-c', conf]);
  await waitForPort(port, child, () => peers.log('mosquitto'));
  return `mqtt://127.0.0.1:${port}`;
}

/**
 * ffmpeg pushing a test picture (small, 15 fps, a keyframe a second) to nginx as `stream`, in
 * real time, until stopped.
 */
export function pushTestStream(peers: Peers, rtmp: string, stream: string): void {
  peers.spawn(`ffmpeg ${stream}`, 'ffmpeg', [
    '-nostdin',
    '-loglevel',
    'error',
    '-re',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=320x180:rate=15',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-tune',
    'zerolatency',
    '-g',
    '15',
    '-pix_fmt',
    'yuv420p',
    '-f',
    'flv',
    `${rtmp}/${stream}`,
  ]);
}

export interface VigilOnPeers {
  deskUrl: string;
  wallUrl: string;
  /** What the browser host printed (its log is on stderr). */
  log(): string;
}

/**
 * The browser host on a config file (`node out/main/serve.js --config … --data … --port 0
 * --walls 1`), its URLs read from its stdout as tests/e2e/fixtures.ts does.
 */
export async function startVigil(peers: Peers, config: string): Promise<VigilOnPeers> {
  const dataDir = join(peers.dir, 'data');
  const child = peers.spawn('vigil', process.execPath, [
    'out/main/serve.js',
    '--config',
    config,
    '--data',
    dataDir,
    '--port',
    '0',
    '--walls',
    '1',
  ]);
  const log = () => peers.log('vigil');
  const deadline = Date.now() + 90_000;
  for (;;) {
    const desk = /^desk: (\S+)$/m.exec(log());
    const wall = /^wall 1: (\S+)$/m.exec(log());
    if (desk && wall) {
      const wallUrl = new URL(wall[1]!);
      wallUrl.searchParams.set('budget', String(E2E_WALL_BUDGET));
      return { deskUrl: desk[1]!, wallUrl: wallUrl.href, log };
    }
    if (child.exitCode !== null) throw new Error(`the browser host exited:\n${log()}`);
    if (Date.now() > deadline) throw new Error(`the browser host did not start:\n${log()}`);
    await sleep(100);
  }
}

export type CallResult<T = unknown> =
  { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** The desk's WebSocket (as signInDemo in fixtures.ts opens it): contract calls by name. */
export class DeskSocket {
  private next = 0;

  private constructor(private readonly ws: WebSocket) {}

  static async open(deskUrl: string): Promise<DeskSocket> {
    const url = new URL(deskUrl);
    const ws = new WebSocket(
      `ws://${url.host}/ws?token=${url.searchParams.get('token') ?? ''}&window=desk`,
      { origin: url.origin },
    );
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return new DeskSocket(ws);
  }

  call<T = unknown>(method: string, input: unknown = {}): Promise<CallResult<T>> {
    return new Promise((resolve, reject) => {
      const id = ++this.next;
      const timer = setTimeout(() => {
        this.ws.off('message', onMessage);
        reject(new Error(`${method}: no answer in 30 s`));
      }, 30_000);
      const onMessage = (data: WebSocket.RawData) => {
        const frame = JSON.parse(String(data)) as { id?: number; result?: CallResult<T> };
        if (frame.id !== id) return;
        clearTimeout(timer);
        this.ws.off('message', onMessage);
        resolve(frame.result!);
      };
      this.ws.on('message', onMessage);
      this.ws.send(JSON.stringify({ id, method, input }));
    });
  }

  /** The call's value; a refused call fails the test with its message. */
  async value<T = unknown>(method: string, input: unknown = {}): Promise<T> {
    const result = await this.call<T>(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
    return result.value;
  }

  close(): void {
    this.ws.close();
  }
}

/** `peers`: the process group of one test, stopped (and its folder removed) at the test's end. */
export const test = base.extend<{ peers: Peers }>({
  // Playwright reads a fixture's dependencies from its first parameter: none here.
  // eslint-disable-next-line no-empty-pattern
  peers: async ({}, use, testInfo) => {
    const peers = new Peers();
    try {
      await use(peers);
    } finally {
      await peers.stopAll();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('peers.log', { body: peers.allLogs(), contentType: 'text/plain' });
      }
      peers.remove();
    }
  },
});

export { expect } from '@playwright/test';
