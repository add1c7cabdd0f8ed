/**
 * Recorded ranges end to end: a station on the real simulator over loopback answers
 * `playback.recordings` with what the simulator's recorders hold (a camera taken offline for a
 * while shows that gap), a station on a catalog file says it does not know, the simulator's
 * endpoint refuses what it cannot answer, and an exported clip is one audit row.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../shared/api';
import type { AuditPage } from '../../../shared/contract/audit';
import type { RecordedRanges } from '../../../shared/contract/tile';
import { parseConfig } from '../../../electron/station/config';
import { createStation, type Station } from '../../../electron/station';
import { recordingsReasons } from '../../../electron/station/wall/recordings-service';
import { startSimulator, type Simulator } from '../../../electron/sim';
import { signInAs } from '../../sign-in';
import { call, desk, httpConfig, tempDir, value, waitFor } from './helpers';

let sim: Simulator;
let cameraIds: string[];
const dirs: string[] = [];
const stations: Station[] = [];
const hour = 3_600_000;

const newDir = (): string => {
  const dir = tempDir('vigil-recordings-');
  dirs.push(dir);
  return dir;
};
const start = async (config: Parameters<typeof createStation>[0]['config']): Promise<Station> => {
  const station = await createStation({ config, dataDir: newDir() });
  stations.push(station);
  await signInAs(station, desk.operator, 'chief');
  await waitFor('the catalog', async () => {
    const c = await value<Catalog>(station, 'catalog.get', {});
    return c.cameras.length > 0;
  });
  return station;
};
/** What the simulator itself answers, as ms. */
const simRanges = async (cameraId: string, startMs: number, endMs: number) => {
  const q = `start=${new Date(startMs).toISOString()}&end=${new Date(endMs).toISOString()}`;
  const res = await fetch(`${sim.baseUrl}/api/v1/cameras/${cameraId}/recordings?${q}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('access-control-allow-origin')).toBeNull();
  const body = (await res.json()) as { ranges: { start: string; end: string }[] };
  return body.ranges.map((r) => ({ startMs: Date.parse(r.start), endMs: Date.parse(r.end) }));
};

beforeAll(async () => {
  sim = await startSimulator({ cameras: 40, units: 0, alertIntervalMs: 0 });
  const catalog = (await (await fetch(`${sim.baseUrl}/api/v1/catalog`)).json()) as Catalog;
  cameraIds = catalog.cameras.map((c) => c.id);
});
afterEach(async () => {
  sim.clearFaults();
  for (const s of stations.splice(0)) await s.stop();
});
afterAll(async () => {
  await sim.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('recorded ranges', () => {
  it('a camera offline for a while shows that gap on the timeline, as the simulator says', async () => {
    const station = await start(httpConfig(sim));
    // A camera its recorder holds whole for the last hour, up to now (the planned gaps vary by
    // day). One range is not enough: a camera inside a planned gap that began minutes ago also
    // answers one range, ending where that gap began, and faulting it then leaves no new gap.
    let cameraId = '';
    for (const id of cameraIds) {
      const now = Date.now();
      const ranges = await simRanges(id, now - hour, now);
      if (ranges.length === 1 && ranges[0]!.startMs <= now - hour && ranges[0]!.endMs >= now) {
        cameraId = id;
        break;
      }
    }
    expect(cameraId).not.toBe('');
    // offAt after the fault and onAt before its end: the simulator's own times of both lie
    // outside [offAt, onAt] however long the calls take on a busy machine (the other way round,
    // a few milliseconds of load made the recorded gap start after offAt + 1).
    sim.setFault({ kind: 'camera-offline', cameraId });
    const offAt = Date.now();
    await new Promise((r) => setTimeout(r, 300));
    const onAt = Date.now();
    sim.clearFaults(cameraId);

    const span = { cameraId, startMs: offAt - hour, endMs: onAt + 60_000 };
    const r = await value<RecordedRanges>(station, 'playback.recordings', span);
    expect(r).toMatchObject({ ...span, known: true });
    expect(r.ranges.length).toBeGreaterThanOrEqual(2);
    for (const [i, range] of r.ranges.entries()) {
      expect(range.startMs).toBeGreaterThanOrEqual(span.startMs);
      expect(range.endMs).toBeLessThanOrEqual(Math.min(span.endMs, Date.now()));
      if (i > 0) expect(range.startMs).toBeGreaterThan(r.ranges[i - 1]!.endMs);
    }
    // Nothing recorded while it was offline, recorded before and after.
    expect(r.ranges.some((x) => x.startMs < onAt - 1 && x.endMs > offAt + 1)).toBe(false);
    expect(r.ranges.some((x) => x.endMs <= offAt + 1)).toBe(true);
    expect(r.ranges.some((x) => x.startMs >= onAt - 1)).toBe(true);

    // The station's ranges are the simulator's, clipped to the span.
    const platform = await simRanges(cameraId, span.startMs, Date.now());
    const gap = (rs: { startMs: number; endMs: number }[]) =>
      rs.slice(1).map((x, i) => [rs[i]!.endMs, x.startMs]);
    expect(gap(r.ranges)).toEqual(gap(platform));
  });

  it('a week of cameras: the recorders restart, some hours are missing', async () => {
    const station = await start(httpConfig(sim));
    const now = Date.now();
    const gaps: number[] = [];
    for (const cameraId of cameraIds) {
      const r = await value<RecordedRanges>(station, 'playback.recordings', {
        cameraId,
        startMs: now - 7 * 24 * hour,
        endMs: now,
      });
      expect(r.known).toBe(true);
      expect(r.ranges.length).toBeGreaterThan(0);
      for (let i = 1; i < r.ranges.length; i++) {
        gaps.push(r.ranges[i]!.startMs - r.ranges[i - 1]!.endMs);
      }
    }
    // Restarts of a few minutes, and (about one camera-day in 16) hours missing.
    expect(gaps.filter((ms) => ms >= 2 * 60_000 && ms <= 8 * 60_000).length).toBeGreaterThan(20);
    expect(gaps.some((ms) => ms >= hour)).toBe(true);
  });

  it('a station whose cameras come from a file does not know: known false, with why', async () => {
    const dir = newDir();
    const catalog = (await (await fetch(`${sim.baseUrl}/api/v1/catalog`)).json()) as Catalog;
    const file = join(dir, 'cameras.json');
    writeFileSync(file, JSON.stringify({ areas: catalog.areas, cameras: catalog.cameras }));
    const station = await start(
      parseConfig({
        platform: { kind: 'file', catalogFile: file },
        security: { streamHosts: [sim.baseUrl] },
      }),
    );
    const span = { cameraId: cameraIds[0]!, startMs: Date.now() - hour, endMs: Date.now() };
    expect(await value<RecordedRanges>(station, 'playback.recordings', span)).toEqual({
      ...span,
      known: false,
      ranges: [],
      reason: recordingsReasons.file,
    });
  });

  it('the platform down: known false, the platform could not be reached', async () => {
    const station = await start(httpConfig(sim));
    sim.setFault({ kind: 'platform-down' });
    const span = { cameraId: cameraIds[1]!, startMs: Date.now() - hour, endMs: Date.now() };
    const r = await value<RecordedRanges>(station, 'playback.recordings', span);
    expect(r).toMatchObject({ known: false, ranges: [] });
    expect(r.reason).toBe(`${recordingsReasons.unreachable} (HTTP 503)`);
  });

  it('the simulator refuses what it cannot answer', async () => {
    const base = `${sim.baseUrl}/api/v1/cameras`;
    const ok = `start=2026-12-01T00:00:00Z&end=2026-12-02T00:00:00Z`;
    expect((await fetch(`${base}/no-such-camera/recordings?${ok}`)).status).toBe(404);
    const bad = await fetch(`${base}/${cameraIds[0]}/recordings?start=2026-12-01T00:00:00&end=x`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^start: .* ISO 8601/);
    const backwards = `start=2026-12-02T00:00:00Z&end=2026-12-01T00:00:00Z`;
    expect((await fetch(`${base}/${cameraIds[0]}/recordings?${backwards}`)).status).toBe(400);
    const tooLong = `start=2026-10-01T00:00:00Z&end=2026-12-01T00:00:00Z`;
    expect((await fetch(`${base}/${cameraIds[0]}/recordings?${tooLong}`)).status).toBe(400);
  });

  it('an exported clip is one audit row with the camera, the range and the file', async () => {
    const station = await start(httpConfig(sim));
    const cameraId = cameraIds[2]!;
    const clip = {
      cameraId,
      startMs: Date.parse('2026-12-03T02:00:00Z'),
      endMs: Date.parse('2026-12-03T02:05:00Z'),
      fileName: `${cameraId}-20261203-1000.ts`,
      bytes: 7_340_032,
    };
    expect(await value(station, 'playback.clipExported', clip)).toEqual({ recorded: true });
    const page = await value<AuditPage>(station, 'audit.list', { action: 'playback.', limit: 10 });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]).toMatchObject({
      operator: desk.operator,
      action: 'playback.clipExported',
      subject: cameraId,
      detail: {
        startMs: clip.startMs,
        endMs: clip.endMs,
        from: '2026-12-03 10:00:00',
        to: '2026-12-03 10:05:00',
        fileName: clip.fileName,
        bytes: clip.bytes,
      },
    });
    // A clip longer than an hour is refused at the door, and nothing is recorded for it.
    const long = await call(station, 'playback.clipExported', {
      ...clip,
      endMs: clip.startMs + 2 * hour,
    });
    expect(long.ok).toBe(false);
    const after = await value<AuditPage>(station, 'audit.list', { action: 'playback.', limit: 10 });
    expect(after.rows).toHaveLength(1);
  });
});
