/**
 * The platform's messages, defined once (shared/contract/platform.ts, issue #12 item 3): what the
 * station builds passes the schema the simulator validates with, what the simulator publishes
 * passes the schemas the station parses with, and the rules the station keeps on its own input
 * (a fault only with a faulty mark, a snapshot not with a normal one, a tour's fields together)
 * are now the platform's too: the simulator used to accept a mark that broke them.
 */
import { describe, expect, it } from 'vitest';
import type { Camera } from '../../../shared/api';
import {
  AlertMessageSchema,
  PlatformEventSchema,
  UnitFixSchema,
  type PatrolMarkEvent,
} from '../../../shared/contract/platform';
import { markTourStop, startTourRun, stopTourRun } from '../../../shared/domain/watch';
import { tourRunEvent } from '../../../electron/station/watch/tour-service';
import { makeAlert } from '../../../electron/sim/alert-source';
import { createPrng } from '../../../electron/sim/prng';
import { createUnitFleet } from '../../../electron/sim/unit-fleet';
import { buildWorld } from '../../../electron/sim/world';

const mark: PatrolMarkEvent = {
  type: 'patrol-mark',
  id: '6f1c4b1e-1d5e-4c1a-9a43-0d6f3d1c2b11',
  cameraId: '37088300001320000001',
  mark: 'abnormal',
  note: '河边有挖掘机',
  operator: '王芳',
  at: 1763863200000,
};
const snapshot = { mime: 'image/jpeg' as const, data: '/9j/AAAA' };

/** The first problem as the simulator answers it: "path: message". */
const refusal = (body: unknown): string | null => {
  const parsed = PlatformEventSchema.safeParse(body);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  return `${issue.path.join('.')}: ${issue.message}`;
};

describe('patrol-mark events', () => {
  it('takes a desk mark and a tour stop mark as the station builds them', () => {
    expect(refusal(mark)).toBeNull();
    const atStop = {
      ...mark,
      mark: 'faulty',
      tourId: 'river',
      tourRunId: 'r1',
      stopIndex: 2,
      fault: 'frozen',
      lat: 35.4,
      lng: 116.9,
      snapshot,
    } satisfies PatrolMarkEvent;
    expect(refusal(atStop)).toBeNull();
  });

  it('refuses what the station never sends and the simulator used to accept', () => {
    expect(refusal({ ...mark, mark: 'normal', fault: 'black' })).toBe(
      'fault: fault is only for a faulty mark',
    );
    expect(refusal({ ...mark, mark: 'normal', snapshot })).toBe(
      'snapshot: a snapshot goes with an abnormal or faulty mark',
    );
    expect(refusal({ ...mark, lat: 35.4 })).toBe('lat: lat and lng go together');
    expect(refusal({ ...mark, tourRunId: 'r1' })).toBe(
      'tourId: tourId, tourRunId and stopIndex go together',
    );
    expect(refusal({ ...mark, tourId: 'river', tourRunId: 'r1' })).toBe(
      'tourId: tourId, tourRunId and stopIndex go together',
    );
  });
});

describe('tour-run events', () => {
  const stops = ['c1', 'c2', 'c3'].map((cameraId) => ({ cameraId, dwellMs: 60_000, check: '' }));
  const started = startTourRun({
    id: 'r1',
    tourId: 'river',
    tourName: '夜间河道',
    wallId: 1,
    watcher: '李四',
    startedBy: 'schedule',
    stops,
    now: 1000,
  });

  it('takes the record the station builds: faulty, missed and never-reached stops', () => {
    const marked = markTourStop(
      started,
      { stopIndex: 0, mark: 'faulty', fault: 'blurred', by: '李四' },
      2000,
    );
    // The second stop runs out (missed), the desk stops the run during the third.
    const ended = stopTourRun(marked, 100_000);
    const event = tourRunEvent(ended, ended.endedAt ?? 0);
    expect(event.stops.map((s) => [s.outcome, s.fault])).toEqual([
      ['faulty', 'blurred'],
      ['missed', null],
      ['missed', null],
    ]);
    expect(refusal(event)).toBeNull();
  });

  it('refuses a fault on a stop that was not faulty', () => {
    const event = tourRunEvent(stopTourRun(started, 5000), 5000);
    const bad = { ...event, stops: [{ ...event.stops[0]!, fault: 'black' }] };
    expect(refusal(bad)).toBe('stops.0.fault: fault is only for a faulty stop');
  });
});

describe('what the simulator publishes passes the station', () => {
  it('every fix of the fleet, roaming and carrying out orders', () => {
    const fleet = createUnitFleet(buildWorld(1), 60, 1);
    const first = fleet.positions(0);
    for (const p of first.slice(0, 10)) {
      fleet.dispatch(p.unitId, { lat: p.lat + 0.005, lng: p.lng - 0.005 }, 0);
    }
    for (let t = 1; t <= 600; t++) {
      for (const p of fleet.step(1, t * 1000)) {
        const parsed = UnitFixSchema.safeParse(p);
        if (!parsed.success) throw new Error(`${JSON.stringify(p)}: ${parsed.error.message}`);
      }
    }
  });

  it('an alert near a camera whose name is as long as the catalog allows', () => {
    const camera: Camera = {
      id: '37088300001320000001',
      name: '邹'.repeat(200),
      gridId: 'g1',
      kind: 'fixed',
      lat: 35.4,
      lng: 116.9,
      liveUrl: 'http://platform.test/live/1/main.m3u8',
      status: 'online',
    };
    const prng = createPrng(7);
    for (const request of [{}, { category: '类'.repeat(50), title: '题'.repeat(200) }]) {
      const alert = makeAlert(prng, camera, request, 1763863200000);
      expect(AlertMessageSchema.safeParse(alert).success).toBe(true);
    }
  });
});
