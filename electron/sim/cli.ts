/**
 * `npm run sim`: runs the simulated platform until Ctrl-C, or drives a running one.
 *
 *   npm run sim -- [--port 7480] [--mqtt-port 1884] [--cameras 26000] [--units 400] [--seed 1]
 *                  [--alert-interval 600000] [--incident-interval 120000] [--plate-interval 90000]
 *                  [--offline-ratio 0] [--failures on|off] [--admin-token T]
 *   npm run sim -- fault <camera-offline|status-offline|http-503|black|…> <cameraId> --admin URL
 *   npm run sim -- fault platform-down --admin URL
 *   npm run sim -- clear [cameraId] --admin URL
 *   npm run sim -- restart --admin URL
 *   npm run sim -- alert [cameraId] --admin URL
 *   npm run sim -- incident <call|plate> [category] --admin URL   (opens one now)
 *   npm run sim -- incidents --admin URL     (every incident record)
 *   npm run sim -- tickets --admin URL       (every fault ticket on the platform's desk)
 *   npm run sim -- faults --admin URL        (list)
 *   npm run sim -- events --admin URL        (what the platform received)
 *
 * URL is the admin URL the simulator prints (http://127.0.0.1:PORT/admin?token=…; quote it for
 * the shell): the token is taken from it and sent as `Authorization: Bearer`. Or give the base
 * URL and the token apart: `--admin http://127.0.0.1:PORT --token T` (or VIGIL_SIM_ADMIN_TOKEN).
 */
import { parseArgs } from 'node:util';
import { adminTokenEnv } from './admin-access';
import { cameraFaultKinds } from './fault-state';
import { startSimulator } from './index';

const usage = `usage:
  npm run sim -- [--port N] [--mqtt-port N] [--cameras N] [--units N] [--seed N]
                 [--alert-interval MS] [--incident-interval MS] [--plate-interval MS]
                 [--offline-ratio R] [--failures on|off] [--admin-token T]
      --alert-interval: a random alert (titled 【模拟】) every MS, 0 for never; default 600000
      --failures: cameras fail and get repaired as time goes by (tickets too); default on
  npm run sim -- fault <${cameraFaultKinds.join('|')}> <cameraId> --admin URL
  npm run sim -- fault platform-down --admin URL
  npm run sim -- clear [cameraId] --admin URL
  npm run sim -- restart --admin URL
  npm run sim -- alert [cameraId] --admin URL
  npm run sim -- incident <call|plate> [category] --admin URL
  npm run sim -- incidents --admin URL
  npm run sim -- tickets --admin URL
  npm run sim -- faults --admin URL
  npm run sim -- events --admin URL

URL: the admin URL the simulator printed, with its token ('http://127.0.0.1:PORT/admin?token=…',
quoted), or the base URL plus --token T (or ${adminTokenEnv}=T). Loopback only.`;

class UsageError extends Error {}

function intFlag(values: Record<string, unknown>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || !Number.isSafeInteger(n)) {
    throw new UsageError(`--${name}: "${String(raw)}" is not a whole number`);
  }
  return n;
}

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      'mqtt-port': { type: 'string' },
      cameras: { type: 'string' },
      units: { type: 'string' },
      seed: { type: 'string' },
      'alert-interval': { type: 'string' },
      'incident-interval': { type: 'string' },
      'plate-interval': { type: 'string' },
      'offline-ratio': { type: 'string' },
      failures: { type: 'string' },
      host: { type: 'string' },
      admin: { type: 'string' },
      token: { type: 'string' },
      'admin-token': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const [command, ...rest] = positionals;
  if (command === undefined || command === 'start') {
    await serve(values);
    return;
  }
  const { base, token } = adminTarget(values.admin ?? process.env.VIGIL_SIM_ADMIN, values.token);
  const call = (method: string, path: string, body?: unknown): Promise<void> =>
    callAdmin(base, token, method, path, body);

  switch (command) {
    case 'fault': {
      const [kind, cameraId] = rest;
      if (kind === 'platform-down') {
        await call('POST', '/admin/faults', { kind });
      } else if (kind && (cameraFaultKinds as readonly string[]).includes(kind)) {
        if (!cameraId) throw new UsageError(`fault ${kind}: a camera id is required`);
        await call('POST', '/admin/faults', { kind, cameraId });
      } else {
        throw new UsageError(`fault: unknown kind "${kind ?? ''}"`);
      }
      return;
    }
    case 'clear': {
      const [cameraId] = rest;
      await call(
        'DELETE',
        cameraId ? `/admin/faults/${encodeURIComponent(cameraId)}` : '/admin/faults',
      );
      return;
    }
    case 'restart':
      await call('POST', '/admin/restart');
      return;
    case 'alert': {
      const [cameraId] = rest;
      await call('POST', '/admin/alerts', cameraId ? { cameraId } : undefined);
      return;
    }
    case 'incident': {
      const [kind, category] = rest;
      if (kind !== 'call' && kind !== 'plate') {
        throw new UsageError(
          'incident: say call or plate (npm run sim -- incident call --admin URL)',
        );
      }
      await call('POST', '/admin/incidents', { kind, ...(category ? { category } : {}) });
      return;
    }
    case 'incidents':
      await call('GET', '/admin/incidents');
      return;
    case 'tickets':
      await call('GET', '/admin/tickets');
      return;
    case 'faults':
      await call('GET', '/admin/faults');
      return;
    case 'events':
      await call('GET', '/admin/events');
      return;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/** The simulator's base URL and admin token from --admin URL[?token=…] and --token / the env. */
function adminTarget(
  admin: string | undefined,
  tokenFlag: string | undefined,
): { base: string; token: string } {
  if (!admin) {
    throw new UsageError(
      "--admin URL is required (the simulator's admin URL, as it printed it: …/admin?token=…)",
    );
  }
  let url: URL;
  try {
    url = new URL(admin);
  } catch {
    throw new UsageError(`--admin: "${admin}" is not an http URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--admin: "${admin}" is not an http URL`);
  }
  const token = tokenFlag ?? url.searchParams.get('token') ?? process.env[adminTokenEnv];
  if (!token) {
    throw new UsageError(
      `--admin: "${admin}" has no ?token=…: give the admin URL the simulator printed, or --token T`,
    );
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/admin$/, '');
  return { base: `${url.origin}${path}`, token };
}

async function serve(values: Record<string, unknown>): Promise<void> {
  const ratio = values['offline-ratio'];
  const offlineRatio = ratio === undefined ? undefined : Number(ratio);
  if (offlineRatio !== undefined && !(offlineRatio >= 0 && offlineRatio <= 1)) {
    throw new UsageError(`--offline-ratio: "${String(ratio)}" is not a number between 0 and 1`);
  }
  const failures = values.failures ?? 'on';
  if (failures !== 'on' && failures !== 'off') {
    throw new UsageError(`--failures: "${String(failures)}" is not on or off`);
  }
  const sim = await startSimulator({
    port: intFlag(values, 'port'),
    mqttPort: intFlag(values, 'mqtt-port'),
    cameras: intFlag(values, 'cameras'),
    units: intFlag(values, 'units'),
    seed: intFlag(values, 'seed'),
    alertIntervalMs: intFlag(values, 'alert-interval'),
    incidentIntervalMs: intFlag(values, 'incident-interval'),
    plateHitIntervalMs: intFlag(values, 'plate-interval'),
    offlineRatio,
    failures: failures === 'on',
    host: typeof values.host === 'string' ? values.host : undefined,
    adminToken: typeof values['admin-token'] === 'string' ? values['admin-token'] : undefined,
    log: (line) => console.log(line),
  });
  console.log(`Vigil simulator
  base URL  ${sim.baseUrl}
  MQTT URL  ${sim.mqttUrl}
  catalog   ${sim.baseUrl}/api/v1/catalog
  admin     ${sim.adminUrl}   (loopback only; token as "Authorization: Bearer")
  drive it  npm run sim -- fault camera-offline <cameraId> --admin '${sim.adminUrl}'
Ctrl-C to stop.`);
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    sim.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function callAdmin(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<void> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  console.log(`${res.status} ${text}`);
  if (!res.ok) process.exitCode = 1;
}

run(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`${(err as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
