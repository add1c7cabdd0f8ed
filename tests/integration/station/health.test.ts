/**
 * Camera health at the station core (issue #16) against the built-in simulator over HTTP + MQTT:
 * the platform's history imported at start (the rates have data on the first day), a black
 * picture seen on a wall tile that persists opens a fault ticket through the outbox, the
 * platform's record replaces the provisional one over MQTT, and the ticket goes through its
 * lifecycle to closed; an act the lifecycle forbids is refused in its words.
 *
 * The station runs on a clock a little ahead of the test's (`skew`), moved on instead of waiting
 * out `health.ticketAfterSeconds`.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog, VigilEvent } from '../../../shared/api';
import type { FaultTicket, HealthSummary } from '../../../shared/contract/health';
import { ticketRefusal } from '../../../shared/domain/health/tickets';
import { createStation, type Station } from '../../../electron/station';
import { startSimulator, type Simulator } from '../../../electron/sim';
import { signInAs } from '../../sign-in';
import { call, desk, httpConfig, tempDir, value, waitFor } from './helpers';

let sim: Simulator;
let station: Station;
let dataDir: string;
let skew = 0;
const events: VigilEvent[] = [];

beforeAll(async () => {
  sim = await startSimulator({
    cameras: 60,
    units: 0,
    seed: 11,
    port: 0,
    mqttPort: 0,
    alertIntervalMs: 0,
    incidentIntervalMs: 0,
    plateHitIntervalMs: 0,
    failures: false,
  });
  dataDir = tempDir('vigil-health-');
  station = await createStation({
    config: httpConfig(sim, {
      health: { ticketAfterSeconds: 10, probe: { enabled: false }, historyDays: 14 },
    }),
    dataDir,
    now: () => Date.now() + skew,
  });
  station.events.on((e) => void events.push(e));
  await signInAs(station, '值机员甲', 'watcher');
  await waitFor(
    'link online',
    async () => (await value<{ state: string }>(station, 'link.get', {})).state === 'online',
    30_000,
  );
}, 120_000);

afterAll(async () => {
  await station?.stop();
  await sim?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The camera's tickets opened since the test began (the history has closed ones of before). */
const ticketsOf = async (cameraId: string) =>
  (await value<FaultTicket[]>(station, 'health.tickets', { status: 'all', cameraId })).filter(
    (t) => t.openedAt >= startedAt,
  );
const startedAt = Date.now();

describe('camera health against the simulator', () => {
  it("imports the platform's history at start: the last week has data", async () => {
    const summary = await waitFor(
      'the history imported',
      async () => {
        const s = await value<HealthSummary>(station, 'health.summary', { groupBy: 'zone' });
        return s.overall.coveredMs > 0 ? s : undefined;
      },
      30_000,
    );
    expect(summary.overall.online).not.toBeNull();
    expect(summary.overall.online!).toBeGreaterThan(0.5);
    expect(summary.groups.length).toBeGreaterThan(0);
  });

  it('a black picture on a tile opens a ticket that goes through its lifecycle to closed', async () => {
    const catalog = await value<Catalog>(station, 'catalog.get', {});
    const camera = catalog.cameras.find((c) => c.status === 'online')!;
    await value(station, 'wall.assign', { wallId: 1, tileIndex: 0, cameraId: camera.id });
    sim.setFault({ kind: 'black', cameraId: camera.id });
    // The wall samples the picture and says so.
    const wall = { ...desk, window: 'wall' as const, wallId: 1 };
    await value(
      station,
      'wall.reportTiles',
      { wallId: 1, tiles: [{ index: 0, state: 'black-picture' }] },
      wall,
    );
    await waitFor('the picture mark', () =>
      events.some(
        (e) =>
          e.stream === 'health.mark' &&
          (e.payload as { cameraId: string; mark: string }).cameraId === camera.id &&
          (e.payload as { mark: string }).mark === 'picture',
      ),
    );
    expect(await ticketsOf(camera.id)).toEqual([]);
    skew += 11_000; // the fault has now lasted past ticketAfterSeconds

    const ticket = await waitFor(
      "the platform's record of the ticket",
      async () => (await ticketsOf(camera.id)).find((t) => !t.provisional),
      20_000,
    );
    expect(ticket).toMatchObject({
      cameraId: camera.id,
      fault: 'black',
      source: 'tile',
      status: 'new',
      number: expect.stringMatching(/^GD-\d{8}-\d{4}$/),
      cameraName: camera.name,
    });
    expect(await ticketsOf(camera.id)).toHaveLength(1);

    const steps: [string, string, Record<string, string>][] = [
      ['dispatch', 'dispatched', { contractor: camera.maintainer ?? '鲁通运维' }],
      ['start', 'repairing', {}],
      ['repaired', 'repaired', {}],
      ['verify', 'closed', {}],
    ];
    for (const [action, status, extra] of steps) {
      await value(station, 'health.ticketAct', { ticketId: ticket.id, action, ...extra });
      await waitFor(
        `${action} → ${status}`,
        async () => (await ticketsOf(camera.id))[0]?.status === status,
        20_000,
      );
    }
    const [closed] = await ticketsOf(camera.id);
    expect(closed).toMatchObject({ status: 'closed', pending: 0, refused: null });
    expect(closed!.timeline.map((e) => e.action)).toEqual(
      expect.arrayContaining(['open', 'dispatch', 'start', 'repaired', 'verify']),
    );
    // A closed ticket takes no more acts: refused here, in the lifecycle's words.
    expect(
      await call(station, 'health.ticketAct', {
        ticketId: ticket.id,
        action: 'reject',
        note: '仍黑屏',
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'bad-input',
        message: expect.stringContaining(ticketRefusal('closed', 'reject')),
      },
    });
  }, 90_000);

  it("a watcher's faulty mark: the platform's ticket comes with its picture, which the desk can fetch", async () => {
    const catalog = await value<Catalog>(station, 'catalog.get', {});
    const camera = catalog.cameras[5]!;
    // A JPEG header the snapshot schema takes (base64 of FF D8 FF E0 …).
    const jpeg = '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHR8eHR0a';
    const res = await fetch(`${sim.baseUrl}/api/v1/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'mark-health-1' },
      body: JSON.stringify({
        type: 'patrol-mark',
        id: 'mark-health-1',
        cameraId: camera.id,
        mark: 'faulty',
        fault: 'frozen',
        note: '画面不动',
        operator: '值机员乙',
        at: Date.now(),
        snapshot: { mime: 'image/jpeg', data: jpeg },
      }),
    });
    expect(res.status).toBe(201);
    const ticket = await waitFor('the mark ticket mirrored', async () =>
      (await ticketsOf(camera.id)).find((t) => t.source === 'mark'),
    );
    expect(ticket).toMatchObject({ fault: 'frozen', openedBy: '值机员乙', provisional: false });
    const picture = await value<{ dataUrl: string } | null>(station, 'health.ticketPicture', {
      ticketId: ticket.id,
    });
    expect(picture?.dataUrl).toBe(`data:image/jpeg;base64,${jpeg}`);
  });
});
