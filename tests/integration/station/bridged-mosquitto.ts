/**
 * A real Mosquitto bridged to the simulator's embedded broker (aedes), for the tests and the bench
 * that put several stations on one platform: the stations connect to Mosquitto on a free loopback
 * port, and Mosquitto's bridge carries `vigil/#` both ways to the simulator (incidents, unit and
 * camera statuses, positions in; orders and presence out). Anonymous, no persistence, its own
 * process group, killed by `stop()` (SIGTERM, then SIGKILL).
 *
 * `notifications false` is essential: Mosquitto would publish the bridge's state on $SYS, and
 * aedes drops a client that publishes there. `try_private false`: aedes does not know Mosquitto's
 * bridge flag in CONNECT.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { freePort, onPath, stopGroup, waitForPort } from '../../shared/processes';

const mosquittoBinary =
  ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => existsSync(p)) ??
  (onPath('mosquitto') ? 'mosquitto' : null);

/** Why a bridged broker cannot start here (with the Debian package to install), or null. */
export function missingMosquitto(): string | null {
  return mosquittoBinary ? null : 'missing: mosquitto (apt: mosquitto)';
}

export interface BridgedBroker {
  /** mqtt://127.0.0.1:port, anonymous: what the stations connect to. */
  url: string;
  /** What Mosquitto printed (for a failing test's message). */
  log(): string;
  /** Resolves once the simulator's retained camera statuses come through the bridge, or throws. */
  bridged(timeoutMs?: number): Promise<void>;
  /** Kills the broker and removes its folder. Idempotent. */
  stop(): Promise<void>;
}

/** Starts Mosquitto on a free loopback port, bridged to the broker at `remoteMqttUrl`. */
export async function startBridgedBroker(remoteMqttUrl: string): Promise<BridgedBroker> {
  if (!mosquittoBinary) throw new Error(missingMosquitto() ?? 'no mosquitto');
  const remote = new URL(remoteMqttUrl);
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bridge-'));
  let child: ChildProcess | null = null;
  const output: string[] = [];
  const stop = async (): Promise<void> => {
    const c = child;
    child = null;
    if (c) await stopGroup(c);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    const conf = join(dir, 'mosquitto.conf');
    writeFileSync(
      conf,
      [
        '# Written by tests/integration/station/bridged-mosquitto.ts for one test run.',
        ...(process.getuid?.() === 0 ? ['user root'] : []),
        `listener ${port} 127.0.0.1`,
        'allow_anonymous true',
        'persistence false',
        'log_dest stdout',
        'log_type error',
        'log_type warning',
        'log_type notice',
        'log_type information',
        'connection sim',
        `address ${remote.hostname}:${remote.port}`,
        // What the platform publishes comes in; what the stations publish goes out. Not `vigil/#
        // both`: aedes sends a bridged message back to the bridge (no MQTT 3.1.1 way to say "not
        // to me"), so every order and presence would reach the stations' side twice.
        'topic vigil/cameras/# in 1',
        'topic vigil/units/# in 1',
        'topic vigil/alerts in 1',
        'topic vigil/incidents/# in 1',
        'topic vigil/tickets/# in 1',
        'topic vigil/orders/# out 1',
        'topic vigil/stations/# out 1',
        // Sessions kept on both sides: an order published while the platform is away waits in
        // Mosquitto's queue for the bridge, and what the platform publishes meanwhile in aedes's.
        `remote_clientid vigil-bridge-${process.pid}-${port}`,
        'cleansession false',
        'local_cleansession false',
        'try_private false',
        'notifications false',
        'restart_timeout 1',
        '',
      ].join('\n'),
    );
    const c = spawn(mosquittoBinary, ['-c', conf], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child = c;
    c.stdout!.on('data', (chunk: Buffer) => output.push(String(chunk)));
    c.stderr!.on('data', (chunk: Buffer) => output.push(String(chunk)));
    c.once('exit', (code, signal) => output.push(`[mosquitto exited: ${code ?? signal}]\n`));
    const log = (): string => output.join('');
    await waitForPort(port, c, log);
    return {
      url: `mqtt://127.0.0.1:${port}`,
      log,
      async bridged(timeoutMs = 20_000) {
        // Up when what the simulator keeps retained (camera statuses) reaches us through it.
        const probe = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, {
          clientId: `vigil-bridge-probe-${process.pid}`,
          reconnectPeriod: 200,
        });
        try {
          const seen = new Promise<void>((done) => probe.once('message', () => done()));
          await probe.subscribeAsync('vigil/cameras/+/status', { qos: 0 });
          let timer: NodeJS.Timeout | undefined;
          const late = new Promise<never>((_, fail) => {
            timer = setTimeout(
              () =>
                fail(new Error(`nothing came through the bridge in ${timeoutMs} ms:\n${log()}`)),
              timeoutMs,
            );
          });
          await Promise.race([seen, late]).finally(() => clearTimeout(timer));
        } finally {
          await probe.endAsync(true);
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
