/**
 * A real Mosquitto for the broker tests (mqtt-broker.test.ts): a throwaway PKI made with openssl
 * (a CA, a server certificate it signed for 127.0.0.1, and a rogue CA with its own server
 * certificate), a password file made with mosquitto_passwd, and one broker with three loopback
 * listeners on free ports: plain, TLS with the good certificate, TLS with the rogue one. Every
 * process runs in its own process group and is killed by `stop()` (SIGTERM, then SIGKILL).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
export { freePort } from '../../shared/processes';
import { freePort, onPath, stopGroup, waitForPort } from '../../shared/processes';

const mosquittoBinary = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => existsSync(p));

/** Why the broker tests cannot run here, or null when they can. */
export function missingBrokerTools(): string | null {
  const missing: string[] = [];
  if (!mosquittoBinary && !onPath('mosquitto')) missing.push('mosquitto (apt: mosquitto)');
  if (!onPath('mosquitto_passwd')) missing.push('mosquitto_passwd (apt: mosquitto)');
  if (!onPath('openssl')) missing.push('openssl (apt: openssl)');
  return missing.length === 0 ? null : `missing: ${missing.join(', ')}`;
}

function run(command: string, args: string[], cwd: string): void {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  }
}

/** A CA and a server certificate it signed (EC P-256, two days), named `<name>-ca.pem` etc. */
export function makeTestCa(dir: string, name: string): void {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run(
    'openssl',
    [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      `${name}-ca.key`,
      '-out',
      `${name}-ca.pem`,
      '-days',
      '2',
      '-subj',
      `/CN=Vigil test ${name} CA`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  run(
    'openssl',
    [
      'req',
      ...ec,
      '-keyout',
      `${name}-server.key`,
      '-out',
      `${name}-server.csr`,
      '-subj',
      '/CN=127.0.0.1',
    ],
    dir,
  );
  writeFileSync(
    join(dir, `${name}-ext.cnf`),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
  );
  run(
    'openssl',
    [
      'x509',
      '-req',
      '-in',
      `${name}-server.csr`,
      '-CA',
      `${name}-ca.pem`,
      '-CAkey',
      `${name}-ca.key`,
      '-CAcreateserial',
      '-out',
      `${name}-server.pem`,
      '-days',
      '2',
      '-extfile',
      `${name}-ext.cnf`,
    ],
    dir,
  );
}

export interface TestBroker {
  /** The temp folder: good-ca.pem (the CA to trust), rogue-ca.pem, the password file. */
  dir: string;
  username: string;
  password: string;
  /** mqtt://127.0.0.1:port (credentials required). */
  plainUrl: string;
  /** mqtts://127.0.0.1:port, certificate signed by good-ca.pem. */
  tlsUrl: string;
  /** mqtts://127.0.0.1:port, certificate signed by rogue-ca.pem. */
  rogueTlsUrl: string;
  /** What Mosquitto printed (for a failing test's message). */
  log(): string;
  /** Kills the broker and removes the folder. Idempotent. */
  stop(): Promise<void>;
}

export async function startTestBroker(): Promise<TestBroker> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-mosquitto-'));
  let child: ChildProcess | null = null;
  const output: string[] = [];
  const stop = async (): Promise<void> => {
    const c = child;
    child = null;
    if (c) await stopGroup(c);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    makeTestCa(dir, 'good');
    makeTestCa(dir, 'rogue');
    const username = 'vigil-station';
    const password = 'Zh3ngZh0u-s3cret!';
    run('mosquitto_passwd', ['-c', '-b', join(dir, 'passwd'), username, password], dir);
    const [plain, tls, rogue] = [await freePort(), await freePort(), await freePort()];
    const conf = join(dir, 'mosquitto.conf');
    writeFileSync(
      conf,
      [
        '# Written by tests/integration/station/mosquitto.ts for one test run.',
        // As root Mosquitto drops to the "mosquitto" user, which cannot read this 0700 folder.
        ...(process.getuid?.() === 0 ? ['user root'] : []),
        'per_listener_settings false',
        'allow_anonymous false',
        `password_file ${join(dir, 'passwd')}`,
        'persistence false',
        'log_dest stdout',
        'log_type error',
        'log_type warning',
        'log_type notice',
        'log_type information',
        `listener ${plain} 127.0.0.1`,
        `listener ${tls} 127.0.0.1`,
        `cafile ${join(dir, 'good-ca.pem')}`,
        `certfile ${join(dir, 'good-server.pem')}`,
        `keyfile ${join(dir, 'good-server.key')}`,
        `listener ${rogue} 127.0.0.1`,
        `cafile ${join(dir, 'rogue-ca.pem')}`,
        `certfile ${join(dir, 'rogue-server.pem')}`,
        `keyfile ${join(dir, 'rogue-server.key')}`,
        '',
      ].join('\n'),
    );
    const c = spawn(mosquittoBinary ?? 'mosquitto', ['-c', conf], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child = c;
    c.stdout!.on('data', (chunk: Buffer) => output.push(String(chunk)));
    c.stderr!.on('data', (chunk: Buffer) => output.push(String(chunk)));
    c.once('exit', (code, signal) => output.push(`[mosquitto exited: ${code ?? signal}]\n`));
    for (const port of [plain, tls, rogue]) await waitForPort(port, c, () => output.join(''));
    return {
      dir,
      username,
      password,
      plainUrl: `mqtt://127.0.0.1:${plain}`,
      tlsUrl: `mqtts://127.0.0.1:${tls}`,
      rogueTlsUrl: `mqtts://127.0.0.1:${rogue}`,
      log: () => output.join(''),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
