/**
 * The watch modes in the real core against the real simulator over loopback: a tour run's marks
 * reach the platform exactly once (through the outbox), and a rotation survives a restart.
 */
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog, LinkState } from '../../../shared/api';
import type { FocusState, RotationState, TourState } from '../../../shared/contract/watch';
import type { TourRunState } from '../../../shared/domain/watch';
import { signInAs } from '../../sign-in';
import { createStation, type Station } from '../../../electron/station';
import { startSimulator, type Simulator } from '../../../electron/sim';
import { desk, httpConfig, tempDir, value, waitFor } from '../station/helpers';

type CatalogAnswer = Catalog & { source: LinkState['catalogSource'] };

let sim: Simulator;
const dirs: string[] = [];
const stations: Station[] = [];

beforeAll(async () => {
  sim = await startSimulator({ cameras: 40, units: 0, alertIntervalMs: 0 });
});
afterEach(async () => {
  for (const s of stations.splice(0)) await s.stop();
});
afterAll(async () => {
  await sim.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const start = async (dataDir: string): Promise<Station> => {
  const station = await createStation({ config: httpConfig(sim), dataDir, wallCount: 2 });
  stations.push(station);
  await signInAs(station);
  return station;
};
const onlineCameras = async (station: Station): Promise<string[]> => {
  const c = await waitFor('catalog', async () => {
    const cat = await value<CatalogAnswer>(station, 'catalog.get', {});
    return cat.cameras.length > 0 ? cat : undefined;
  });
  return c.cameras.filter((x) => x.status === 'online').map((x) => x.id);
};

describe('watch modes in the station', () => {
  it("a tour run's marks reach the simulator exactly once", async () => {
    const dataDir = tempDir('vigil-watch-');
    dirs.push(dataDir);
    const station = await start(dataDir);
    const [a, b, c] = await onlineCameras(station);
    await value(station, 'tour.save', {
      id: 'river',
      name: '夜间河道',
      stops: [
        { cameraId: a, dwellMs: 60_000, check: '挖掘机' },
        { cameraId: b, dwellMs: 60_000 },
        { cameraId: c, dwellMs: 60_000 },
      ],
      watcher: '李四',
      wallId: 1,
    });
    const run = await value<TourRunState>(station, 'tour.start', { id: 'river' });
    await value(station, 'tour.mark', {
      runId: run.id,
      stopIndex: 0,
      mark: 'abnormal',
      note: '挖掘机',
    });
    await value(station, 'tour.mark', {
      runId: run.id,
      stopIndex: 1,
      mark: 'faulty',
      fault: 'frozen',
    });
    const stopped = await value<TourRunState>(station, 'tour.stop', { runId: run.id });
    expect(stopped.stops.map((s) => s.outcome)).toEqual(['abnormal', 'faulty', 'missed']);

    const received = await waitFor('both marks at the platform', () => {
      const mine = sim
        .receivedEvents()
        .flatMap((e) => (e.event.type === 'patrol-mark' ? [{ ...e, event: e.event }] : []))
        .filter((e) => e.event.operator === desk.operator && [a, b].includes(e.event.cameraId));
      return mine.length === 2 ? mine : undefined;
    });
    expect(received.map((e) => e.count)).toEqual([1, 1]);
    expect(received.map((e) => e.event.mark).sort()).toEqual(['abnormal', 'faulty']);
    // The platform keeps the evidence: which tour, which run, which stop, and the fault.
    const faulty = received.find((e) => e.event.mark === 'faulty')!.event;
    expect(faulty).toMatchObject({
      tourId: 'river',
      tourRunId: run.id,
      stopIndex: 1,
      fault: 'frozen',
    });
    const abnormal = received.find((e) => e.event.mark === 'abnormal')!.event;
    expect(abnormal).toMatchObject({ tourRunId: run.id, stopIndex: 0 });
    expect(typeof abnormal.lat).toBe('number');
    // The run itself arrives once it ends, missed stop included: the evidence of the whole patrol.
    const record = await waitFor('the run record at the platform', () =>
      sim.receivedEvents().find((e) => e.event.type === 'tour-run' && e.event.tourRunId === run.id),
    );
    expect(record.count).toBe(1);
    expect(record.event).toMatchObject({
      type: 'tour-run',
      tourId: 'river',
      tourName: '夜间河道',
      watcher: '李四',
      status: 'stopped',
      stops: [
        { index: 0, cameraId: a, outcome: 'abnormal', by: desk.operator },
        { index: 1, cameraId: b, outcome: 'faulty', fault: 'frozen' },
        { index: 2, cameraId: c, outcome: 'missed', by: null },
      ],
    });
    const state = await value<TourState>(station, 'tour.state', {});
    expect(state.runs).toEqual([]);
    const csv = await value<{ csv: string }>(station, 'tourRun.exportCsv', { runIds: [run.id] });
    expect(csv.csv).toContain('夜间河道');
  });

  it('a rotation survives a station restart: same group, same page or later', async () => {
    const dataDir = tempDir('vigil-watch-');
    dirs.push(dataDir);
    let station = await start(dataDir);
    const cams = await onlineCameras(station);
    await value(station, 'rotation.save', {
      id: 'all',
      name: '全部',
      cameraIds: cams.slice(0, 12),
      dwellMs: 60_000,
      target: { wallId: 2 },
    });
    await value(station, 'rotation.start', { id: 'all' });
    await value(station, 'rotation.next', { wallId: 2 });
    const before = await value<RotationState>(station, 'rotation.state', {});
    await station.stop();
    stations.splice(stations.indexOf(station), 1);

    station = await start(dataDir);
    const after = await value<RotationState>(station, 'rotation.state', {});
    expect(after.running).toHaveLength(1);
    expect(after.running[0]?.groupId).toBe('all');
    expect(after.running[0]?.page).toEqual(before.running[0]?.page);
    expect(after.running[0]?.swapAt).toBe(before.running[0]?.swapAt);
  });

  it('a camera the desk puts on a tile an alert pulled takes the tile from the pull', async () => {
    const dataDir = tempDir('vigil-watch-');
    dirs.push(dataDir);
    const station = await start(dataDir);
    const cams = await onlineCameras(station);
    // An alert from the platform (MQTT) pulls the cameras that see it onto wall 1's focus tiles.
    const pulled = await waitFor('an alert pull', async () => {
      sim.fireAlert({ cameraId: cams[0]!, title: '测试报警' });
      const focus = await value<FocusState>(station, 'focus.list', {});
      return focus.pulls[0];
    });
    const tile = pulled.tiles[0]!.tileIndex;
    const other = cams.find((id) => !pulled.tiles.some((t) => t.cameraId === id))!;
    await value(station, 'wall.assign', {
      wallId: pulled.wallId,
      tileIndex: tile,
      cameraId: other,
    });
    const after = await value<FocusState>(station, 'focus.list', {});
    const still = after.pulls.flatMap((p) => p.tiles.map((t) => t.tileIndex));
    expect(still).not.toContain(tile);
  });
});
