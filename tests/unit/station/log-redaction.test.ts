/**
 * The station's log never carries a URL's password (issue #11 item 5): a broker given as
 * `user:pass@host` never shows its password, in the start line, the failures of any fetch and
 * tile failures. (A platform or tile server URL with credentials is refused at start, naming the
 * key: Node's fetch cannot send them; tests/unit/station/config.test.ts.) createStation on an
 * unreachable platform, SQLite in a temp folder.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../electron/station/config';
import { createStation, type Station } from '../../../electron/station';
import { tempDir, waitFor } from '../../integration/station/helpers';

let station: Station | null = null;
let dataDir: string | null = null;
afterEach(async () => {
  await station?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the station log', () => {
  it('prints URLs without their passwords', async () => {
    dataDir = tempDir('vigil-redact-');
    const lines: string[] = [];
    station = await createStation({
      config: parseConfig({
        platform: {
          kind: 'http',
          baseUrl: 'http://127.0.0.1:9',
          mqttUrl: 'mqtt://vigil:mqtt-s3cret@127.0.0.1:9',
        },
        map: { tileUrl: 'http://127.0.0.1:9/{z}/{x}/{y}.png' },
        upstream: { timeoutMs: 500 },
      }),
      dataDir,
      log: (line) => lines.push(line),
    });
    await station.tiles(3, 1, 1);
    // The geometry fetch fails at start (port 9: Node's "bad port").
    await waitFor('the geometry failure', () => lines.some((l) => l.startsWith('map: geometry')));
    const all = lines.join('\n');
    expect(all).toContain('map: geometry');
    expect(all).toContain('platform http://127.0.0.1:9');
    expect(all).toContain('http://127.0.0.1:9/3/1/1.png');
    expect(all).not.toMatch(/s3cret/);
  });
});
