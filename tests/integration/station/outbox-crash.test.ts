/**
 * The outbox across a crash: a station process is killed with SIGKILL while an operator's mark
 * is still in its outbox, and a new process on the same data folder delivers it. The platform
 * (the simulator) must end up with exactly one event for that mark:
 *
 * 1. killed before delivery (the platform was down): the restart sends it once;
 * 2. killed after the platform accepted the POST but before the row was marked delivered: the
 *    restart re-sends the same Idempotency-Key and the platform de-duplicates it.
 */
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog, OutboxStatus, PatrolMarkRecord } from '../../../shared/api';
import { createStation } from '../../../electron/station';
import { startSimulator, type Simulator } from '../../../electron/sim';
import { ChildStation, httpConfig, tempDir, value, waitFor, writeConfig } from './helpers';

let sim: Simulator;
const dirs: string[] = [];
const children: ChildStation[] = [];

/** A data folder whose cache already holds the catalog (the station ran before). */
async function primedDataDir(): Promise<{ dataDir: string; configFile: string; cameraId: string }> {
  const dataDir = tempDir('vigil-crash-');
  dirs.push(dataDir);
  const config = httpConfig(sim);
  const station = await createStation({ config, dataDir });
  const catalog = await waitFor('catalog', async () => {
    const c = await value<Catalog & { source: string }>(station, 'catalog.get', {});
    return c.source === 'platform' ? c : undefined;
  });
  await station.stop();
  return { dataDir, configFile: writeConfig(dataDir, config), cameraId: catalog.cameras[7]!.id };
}

const spawnStation = (configFile: string, dataDir: string, extra: string[] = []) => {
  const child = ChildStation.start(configFile, dataDir, extra);
  children.push(child);
  return child;
};

const receivedFor = (markId: string) => sim.receivedEvents().filter((e) => e.event.id === markId);

beforeAll(async () => {
  sim = await startSimulator({ cameras: 300, units: 0, alertIntervalMs: 0 });
});
afterEach(async () => {
  sim.clearFaults();
  for (const c of children.splice(0)) await c.stop();
});
afterAll(async () => {
  await sim.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('outbox across a crash', () => {
  it('a mark made with the platform down survives kill -9 and is delivered once', async () => {
    const { dataDir, configFile, cameraId } = await primedDataDir();
    sim.setFault({ kind: 'platform-down' });

    const first = spawnStation(configFile, dataDir);
    const ready = JSON.parse(await first.line('READY')) as { catalogSource: string };
    expect(ready.catalogSource).toBe('cache');
    const mark = await first.ask<PatrolMarkRecord>(`mark ${cameraId}`, 'MARKED');
    expect(mark).toMatchObject({ cameraId, delivered: false });
    // Wait until it has really tried (and failed) to deliver, then kill it hard.
    await waitFor('a failed attempt', async () => {
      const s = await first.ask<OutboxStatus>('status', 'STATUS');
      return s.pending === 1 && s.lastError?.includes('503');
    });
    await first.kill9();
    expect(receivedFor(mark.id)).toHaveLength(0);

    sim.clearFaults();
    const second = spawnStation(configFile, dataDir);
    await second.line('READY');
    await waitFor('delivery after restart', () => receivedFor(mark.id).length > 0);
    await waitFor('marked delivered', async () => {
      const marks = await second.ask<PatrolMarkRecord[]>('marks', 'MARKS');
      return marks.find((m) => m.id === mark.id)?.delivered;
    });
    expect(await second.ask<OutboxStatus>('status', 'STATUS')).toEqual({
      pending: 0,
      delivered: 1,
      lastError: null,
      refused: 0,
      destination: `${sim.baseUrl}/api/v1/events`,
    });
    // Give a wrong second send time to show up before asserting there is none.
    await new Promise((r) => setTimeout(r, 500));
    const received = receivedFor(mark.id);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ count: 1, event: { cameraId, mark: 'abnormal' } });
  });

  it('a kill after the platform accepted the POST re-sends the same key, deduplicated', async () => {
    const { dataDir, configFile, cameraId } = await primedDataDir();

    const first = spawnStation(configFile, dataDir, ['--hold-after-post']);
    await first.line('READY');
    const mark = await first.ask<PatrolMarkRecord>(`mark ${cameraId}`, 'MARKED');
    const key = await first.line('POSTED');
    await first.kill9();
    // The platform has it once; our outbox still says pending.
    expect(receivedFor(mark.id)).toEqual([expect.objectContaining({ key, count: 1 })]);

    const second = spawnStation(configFile, dataDir);
    await second.line('READY');
    await waitFor('marked delivered after restart', async () => {
      const marks = await second.ask<PatrolMarkRecord[]>('marks', 'MARKS');
      return marks.find((m) => m.id === mark.id)?.delivered;
    });
    expect(await second.ask<OutboxStatus>('status', 'STATUS')).toMatchObject({
      pending: 0,
      delivered: 1,
    });
    await new Promise((r) => setTimeout(r, 500));
    // Exactly one event; its key was posted twice (the resend), deduplicated by the platform.
    expect(receivedFor(mark.id)).toEqual([expect.objectContaining({ key, count: 2 })]);
  });
});
