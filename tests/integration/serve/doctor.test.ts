/**
 * The browser host's `doctor` and `support-bundle` commands, run as an installer runs them (a
 * child process, from source through tsx): on the built-in simulator every check a browser host
 * can make PASSes and the exit code is 0; against a platform that is not there the exit code is 1
 * and the FAIL lines name the catalog and the MQTT broker; the bundle holds no password.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function vigil(args: string[], timeoutMs = 25_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/serve/cli.ts', ...args], {
      cwd: process.cwd(),
      env: { ...process.env, VIGIL_SIM_ADMIN_TOKEN: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`vigil ${args.join(' ')} did not exit in ${timeoutMs} ms:\n${stdout}\n${stderr}`),
      );
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

const line = (out: string, title: string) =>
  out.split('\n').find((l) => new RegExp(`^[A-Z]{4}  ${title}\\s`).test(l)) ?? `(no ${title} line)`;

describe('vigil doctor (browser host)', () => {
  it('on the built-in simulator: every check it can make PASSes, exit code 0', async () => {
    const data = mkdtempSync(join(tmpdir(), 'vigil-doctor-sim-'));
    const run = await vigil(['doctor', '--data', data]);
    expect(run.stderr).toBe('');
    expect(run.code, run.stdout).toBe(0);
    for (const title of [
      'config',
      'data folder',
      'cache database',
      'platform',
      'catalog',
      'geometry',
      'road graph',
      'MQTT',
      'map tiles',
      'clock',
    ]) {
      expect(line(run.stdout, title), title).toMatch(/^PASS /);
    }
    expect(line(run.stdout, 'disk space')).toMatch(/^(PASS|WARN) /); // what this machine has free
    expect(line(run.stdout, 'catalog')).toMatch(/26000 cameras/);
    for (const title of ['displays', 'video decode', 'decoder budget']) {
      expect(line(run.stdout, title), title).toMatch(/^SKIP /);
    }
    expect(run.stdout).toMatch(/ 0 failed, 3 not checked here: ready\n$/);
  });

  it('against a platform that is not there: exit code 1, the FAIL lines named; --json too', async () => {
    const data = mkdtempSync(join(tmpdir(), 'vigil-doctor-down-'));
    const http = await closedPort();
    const mqtt = await closedPort();
    const password = 'Doctor-Test-Pw-7391';
    const config = join(data, 'hall.json');
    writeFileSync(
      config,
      JSON.stringify({
        platform: {
          kind: 'http',
          baseUrl: `http://127.0.0.1:${http}`,
          mqttUrl: `mqtt://127.0.0.1:${mqtt}`,
          mqttUsername: 'station',
          mqttPassword: password,
        },
        upstream: { timeoutMs: 2000 },
      }),
    );
    const run = await vigil(['doctor', '--config', config, '--data', data]);
    expect(run.code, run.stdout).toBe(1);
    expect(line(run.stdout, 'config')).toMatch(/^PASS .*hall\.json is valid; platform http/);
    expect(line(run.stdout, 'catalog')).toMatch(/^FAIL .*\/api\/v1\/catalog: ECONNREFUSED/);
    expect(line(run.stdout, 'MQTT')).toMatch(/^FAIL .*ECONNREFUSED/);
    expect(line(run.stdout, 'geometry')).toMatch(/^FAIL /);
    expect(line(run.stdout, 'road graph')).toMatch(/^FAIL /);
    expect(run.stdout).toMatch(/NOT ready\n$/);
    expect(run.stdout).not.toContain(password);

    const json = await vigil(['doctor', '--config', config, '--data', data, '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as {
      ok: boolean;
      checks: { id: string; status: string }[];
    };
    expect(report.ok).toBe(false);
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual([
      'catalog',
      'geometry',
      'roads',
      'mqtt',
    ]);

    const bundle = join(data, 'support.zip');
    const b = await vigil(['support-bundle', bundle, '--config', config, '--data', data]);
    expect(b.code).toBe(1);
    expect(b.stdout).toContain(`support bundle: ${bundle}`);
    expect(readFileSync(bundle).includes(Buffer.from(password))).toBe(false);
  });

  it('a bad config FAILs with the key named, and the platform is not checked', async () => {
    const data = mkdtempSync(join(tmpdir(), 'vigil-doctor-bad-'));
    writeFileSync(join(data, 'vigil.config.json'), '{ "walls": { "cols": "two" } }');
    // Flags before the command, as the DEB's vigil-serve wrapper passes them.
    const run = await vigil(['--data', data, 'doctor']);
    expect(run.code).toBe(1);
    expect(line(run.stdout, 'config')).toMatch(/^FAIL .*walls\.cols: expected number/);
    expect(line(run.stdout, 'platform')).toMatch(/^SKIP /);
  });
});
