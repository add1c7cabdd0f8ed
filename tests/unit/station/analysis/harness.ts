/**
 * An analysis capability on an in-memory cache, a fake clock, a small district (one zone, two
 * grids with a must-reach point and a must-patrol line each) and units the tests place, with what
 * it emits and what it queued in the outbox.
 */
import type { ProductPin } from '../../../../shared/contract/analysis';
import type { Caller } from '../../../../shared/api';
import type { MapGeometry, UnitState } from '../../../../shared/contract/map';
import type { UnitFix } from '../../../../shared/contract/platform';
import {
  createAnalysisCapability,
  type AnalysisCapability,
} from '../../../../electron/station/analysis/analysis-capability';
import { AuditLog } from '../../../../electron/station/cache/audit-log';
import { openDatabase, type CacheDatabase } from '../../../../electron/station/cache/database';
import { OutboxStore } from '../../../../electron/station/cache/outbox-store';
import { PositionStore } from '../../../../electron/station/cache/position-store';
import { parseConfig, type VigilConfigInput } from '../../../../electron/station/config';

/** 2026-12-01 10:00 hall time (Asia/Shanghai), a Tuesday. */
export const T0 = Date.UTC(2026, 11, 1, 2, 0, 0);
export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export const chief: Caller = { window: 'desk', operator: '指挥长', role: 'chief', signedIn: true };

/** g1: lat 35.40–35.41, lng 116.97–116.98; g2 east of it, lng 116.98–116.99. */
const square = (w: number, e: number): [number, number][] => [
  [w, 35.4],
  [e, 35.4],
  [e, 35.41],
  [w, 35.41],
];
export const geometry: MapGeometry = {
  version: 'g1',
  source: 'platform',
  areas: [
    {
      id: 'r1',
      name: '城区',
      level: 'region',
      parentId: null,
      polygon: [square(116.97, 116.99)],
      labelAt: { lat: 35.405, lng: 116.98 },
    },
    {
      id: 'z1',
      name: '东关派出所',
      level: 'zone',
      parentId: 'r1',
      polygon: [square(116.97, 116.99)],
      labelAt: { lat: 35.405, lng: 116.98 },
    },
    {
      id: 'g1',
      name: '东关一网格',
      level: 'grid',
      parentId: 'z1',
      polygon: [square(116.97, 116.98)],
      labelAt: { lat: 35.405, lng: 116.975 },
    },
    {
      id: 'g2',
      name: '东关二网格',
      level: 'grid',
      parentId: 'z1',
      polygon: [square(116.98, 116.99)],
      labelAt: { lat: 35.405, lng: 116.985 },
    },
  ],
  mustPatrolLines: [
    {
      id: 'L1',
      name: '东关路必巡线',
      gridId: 'g1',
      zoneId: 'z1',
      regionId: 'r1',
      path: [
        [116.972, 35.405],
        [116.978, 35.405],
      ],
      lengthM: 544,
    },
  ],
  mustReachPoints: [
    {
      id: 'P1',
      name: '东关一网格 农贸市场',
      gridId: 'g1',
      zoneId: 'z1',
      regionId: 'r1',
      lat: 35.402,
      lng: 116.972,
      radiusM: 50,
    },
  ],
  checkpoints: [],
  dutyPosts: [],
  bounds: { south: 35.4, west: 116.97, north: 35.41, east: 116.99 },
};

export interface Harness {
  db: CacheDatabase;
  cap: AnalysisCapability;
  clock: { now: number };
  units: Map<string, UnitState>;
  positions: PositionStore;
  emitted: { stream: string; payload: unknown }[];
  queued: (kind: string) => Record<string, unknown>[];
  /** A unit on the map (its beat `gridId`) at a place. */
  unit: (unitId: string, gridId: string | undefined, at?: Partial<UnitFix>) => void;
  /** Fixes of a unit: one every `stepS` seconds along `points` (each held `stepS`). */
  track: (
    unitId: string,
    fixes: { at: number; lat: number; lng: number; speed?: number }[],
  ) => void;
  close: () => void;
}

export function harness(
  config: VigilConfigInput = {},
  extra: {
    fetch?: typeof fetch;
    baseUrl?: string | null;
    workerFile?: string | null;
    wallPin?: (wallId: number) => ProductPin | null;
  } = {},
): Harness {
  const db = openDatabase(':memory:');
  const outbox = new OutboxStore(db);
  const positions = new PositionStore(db);
  const clock = { now: T0 };
  const now = () => clock.now;
  const emitted: { stream: string; payload: unknown }[] = [];
  const units = new Map<string, UnitState>();
  const cap = createAnalysisCapability({
    db,
    outbox,
    audit: new AuditLog(db, now),
    config: parseConfig(config),
    catalog: () => null,
    geometry: () => geometry,
    units: () => [...units.values()],
    positions,
    baseUrl: extra.baseUrl ?? null,
    emit: (stream, payload) => emitted.push({ stream, payload }),
    onQueued: () => undefined,
    workerFile: extra.workerFile ?? null,
    wallPin: extra.wallPin,
    now,
    fetch: extra.fetch,
  });
  const queued = (kind: string) =>
    (
      db.prepare('SELECT payload FROM outbox WHERE kind = ? ORDER BY id').all(kind) as {
        payload: string;
      }[]
    ).map((r) => JSON.parse(r.payload) as Record<string, unknown>);
  const callSign = (id: string) => `巡${id}`;
  return {
    db,
    cap,
    clock,
    units,
    positions,
    emitted,
    queued,
    unit: (unitId, gridId, fix = {}) =>
      units.set(unitId, {
        unitId,
        callSign: callSign(unitId),
        kind: 'car',
        lat: 35.405,
        lng: 116.975,
        heading: 0,
        speed: 0,
        at: clock.now,
        ...(gridId !== undefined && { gridId }),
        ...fix,
        status: 'available',
        stale: false,
        cameraId: null,
      }),
    track: (unitId, fixes) =>
      positions.add(
        fixes.map((f) => ({
          unitId,
          callSign: callSign(unitId),
          kind: 'car' as const,
          heading: 0,
          speed: f.speed ?? 0,
          ...f,
        })),
      ),
    close: () => db.close(),
  };
}

/** A fix every `stepS` seconds from `from` to `to` at one place. */
export function still(
  from: number,
  to: number,
  p: { lat: number; lng: number },
  stepS = 30,
): { at: number; lat: number; lng: number }[] {
  const out = [];
  for (let at = from; at <= to; at += stepS * 1000) out.push({ at, ...p });
  return out;
}
