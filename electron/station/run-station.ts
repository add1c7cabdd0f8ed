/**
 * Runs the station core alone under Node (no Electron, no browser host), for the crash tests
 * and for poking at a data folder:
 *
 *   node --import tsx electron/station/run-station.ts [--config FILE] [--data DIR] [--hold-after-post]
 *
 * Prints `READY {"simulator":{"baseUrl","mqttUrl"}|null,"dataDir","catalogSource"}` once the
 * core is up, then reads commands on stdin, one per line, and answers on stdout:
 *
 *   mark [cameraId]   mark.create (first camera of the catalog if none) → `MARKED {record}`
 *   marks             mark.list → `MARKS [records]`
 *   status            outbox.status → `STATUS {status}`
 *   link              link.get → `LINK {state}`
 *   call METHOD [JSON] any method of the contract as the signed-in operator (the input is the
 *                     rest of the line, `{}` if none) → `RESULT {Result}`: `{"ok":true,"value"}`
 *                     or `{"ok":false,"error":{"code","message"}}`; JSON that does not parse
 *                     answers `RESULT` with code `bad-input`, as the host would
 *   watch incidents   from now on, one line per `incidents` event as it is emitted:
 *                     `EVENT {"stream":"incidents","at":ms,"incidents":[{"id","rev","status"}]}`
 *                     (`at`: this process's clock when the core emitted it) → `WATCHING incidents`
 *   stop              stops cleanly → `STOPPED`, exit 0
 *
 * `--hold-after-post` (tests only): after the platform accepted an outbox item, print
 * `POSTED <idempotency key>` and hang before marking it delivered, so a test can kill -9 the
 * process in exactly that window. Logs go to stderr.
 */
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { CallerWindow } from '../../shared/api';
import type { SessionState } from '../../shared/contract/session';
import { randomBytes } from 'node:crypto';
import { fail } from '../../shared/result';
import { ConfigError, loadConfig } from './config';
import { createStation, type StationTestHooks } from './index';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      data: { type: 'string' },
      'hold-after-post': { type: 'boolean', default: false },
    },
  });
  const config = values.config
    ? loadConfig(resolve(values.config), { mustExist: true })
    : loadConfig();
  const dataDir = resolve(values.data ?? '.vigil-data');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const hooks: StationTestHooks = {};
  if (values['hold-after-post']) {
    hooks.beforeMarkDelivered = (item) => {
      process.stdout.write(`POSTED ${item.idempotencyKey}\n`);
      return new Promise<void>(() => {}); // hang here until killed
    };
  }
  const station = await createStation({ config, dataDir, log, hooks });
  const caller: CallerWindow = { window: 'desk' };
  const call = (method: Parameters<typeof station.host.dispatch>[0], input: unknown) =>
    station.host.dispatch(method, input, caller);
  // The harness acts as the config's operator: on a new cache, the station's first administrator.
  const session = await call('session.get', {});
  if (session.ok && !(session.value as SessionState).operator) {
    const password = randomBytes(12).toString('hex');
    const setup = await call('session.setup', { name: config.station.operator, password });
    if (!setup.ok) throw new Error(`run-station: cannot sign in: ${setup.error.message}`);
  }

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await station.stop();
    process.stdout.write('STOPPED\n');
    process.exit(code);
  };
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));

  const catalog = await call('catalog.get', {});
  process.stdout.write(
    `READY ${JSON.stringify({
      simulator: station.simulator,
      dataDir,
      catalogSource: catalog.ok ? (catalog.value as { source: string }).source : 'none',
    })}\n`,
  );

  let watching = false;
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const [command, arg] = line.trim().split(/\s+/);
    if (command === 'watch' && arg === 'incidents' && !watching) {
      watching = true;
      station.events.on((e) => {
        if (e.stream !== 'incidents') return;
        const incidents = e.payload.incidents.map((i) => ({
          id: i.id,
          rev: i.rev,
          status: i.status,
        }));
        process.stdout.write(
          `EVENT ${JSON.stringify({ stream: e.stream, at: Date.now(), incidents })}\n`,
        );
      });
      process.stdout.write('WATCHING incidents\n');
      return;
    }
    if (command === 'call') {
      // `call METHOD JSON`: the JSON is the rest of the line, spaces and all.
      const rest = line.trim().slice('call'.length).trim();
      const method = rest.split(/\s+/, 1)[0] ?? '';
      const json = rest.slice(method.length).trim() || '{}';
      void (async () => {
        let input: unknown;
        try {
          input = JSON.parse(json);
        } catch (error) {
          const message = `not JSON: ${error instanceof Error ? error.message : String(error)}`;
          return process.stdout.write(`RESULT ${JSON.stringify(fail('bad-input', message))}\n`);
        }
        const r = await call(method, input);
        return process.stdout.write(`RESULT ${JSON.stringify(r)}\n`);
      })();
      return;
    }
    void (async () => {
      switch (command) {
        case 'mark': {
          let cameraId = arg;
          if (!cameraId) {
            const current = await call('catalog.get', {});
            cameraId = current.ok
              ? (current.value as { cameras: { id: string }[] }).cameras[0]?.id
              : undefined;
          }
          if (!cameraId) return process.stdout.write('ERROR no camera in the catalog\n');
          const r = await call('mark.create', { cameraId, mark: 'abnormal', note: 'crash test' });
          return process.stdout.write(
            r.ok ? `MARKED ${JSON.stringify(r.value)}\n` : `ERROR ${r.error.message}\n`,
          );
        }
        case 'marks': {
          const r = await call('mark.list', {});
          return process.stdout.write(`MARKS ${JSON.stringify(r.ok ? r.value : r.error)}\n`);
        }
        case 'status': {
          const r = await call('outbox.status', {});
          return process.stdout.write(`STATUS ${JSON.stringify(r.ok ? r.value : r.error)}\n`);
        }
        case 'link': {
          const r = await call('link.get', {});
          return process.stdout.write(`LINK ${JSON.stringify(r.ok ? r.value : r.error)}\n`);
        }
        case 'stop':
          return stop(0);
        case undefined:
        case '':
          return;
        default:
          process.stdout.write(`ERROR unknown command ${command}\n`);
      }
    })();
  });
  lines.on('close', () => void stop(0));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
