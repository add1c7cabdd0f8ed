/**
 * A health capability on an in-memory cache, a fake clock and a fake prober, with what it emits
 * and what it queued in the outbox, for the health tests.
 */
import type { Caller, Catalog } from '../../../../shared/api';
import type { ProberStatus } from '../../../../shared/contract/health';
import type { TicketMessage } from '../../../../shared/contract/platform-health';
import { AuditLog } from '../../../../electron/station/cache/audit-log';
import { openDatabase, type CacheDatabase } from '../../../../electron/station/cache/database';
import { OutboxStore } from '../../../../electron/station/cache/outbox-store';
import { parseConfig, type VigilConfigInput } from '../../../../electron/station/config';
import {
  createHealthCapability,
  type HealthCapability,
  type HealthCapabilityOptions,
} from '../../../../electron/station/health/health-capability';
import type { Prober } from '../../../../electron/station/health/prober';

/** 2026-12-01 10:00 hall time (Asia/Shanghai), a Tuesday. */
export const T0 = Date.UTC(2026, 11, 1, 2, 0, 0);
export const MIN = 60_000;
export const HOUR = 3_600_000;

export const catalog: Catalog = {
  version: 'v1',
  areas: [
    { id: 'r1', name: '城区', level: 'region', parentId: null },
    { id: 'z1', name: '东关派出所', level: 'zone', parentId: 'r1' },
    { id: 'g1', name: '一网格', level: 'grid', parentId: 'z1' },
  ],
  cameras: ['cam-1', 'cam-2', 'cam-3'].map((id, i) => ({
    id,
    name: `东关路口${i + 1}`,
    gridId: 'g1',
    kind: i === 2 ? ('checkpoint' as const) : ('fixed' as const),
    lat: 35.4,
    lng: 116.97,
    liveUrl: `http://10.1.2.3/live/${id}.m3u8`,
    maintainer: '鲁通运维',
    status: 'online' as const,
  })),
};

export const watcher: Caller = {
  window: 'desk',
  operator: '值机员甲',
  role: 'watcher',
  signedIn: true,
};

export const fakeProberStatus: ProberStatus = {
  enabled: true,
  ratePerSecond: 20,
  periodMinutes: 30,
  due: 0,
  checkedThisRound: 0,
  lastRoundMs: null,
  lastRoundAt: null,
  inFlight: 0,
  timeouts: 0,
  failures: 0,
};

export interface Harness {
  db: CacheDatabase;
  outbox: OutboxStore;
  cap: HealthCapability;
  clock: { now: number };
  /** Cameras on some wall tile (all of them unless a test says). */
  watched: Set<string>;
  emitted: { stream: string; payload: unknown }[];
  /** Outbox items of a kind, their payloads. */
  queued: (kind: string) => Record<string, unknown>[];
  /** The platform's record of a ticket, from a provisional one or fresh. */
  record: (over: Partial<TicketMessage> & { id: string; rev: number }) => TicketMessage;
  close: () => void;
}

export function harness(
  config: VigilConfigInput = {},
  extra: {
    db?: CacheDatabase;
    fetch?: typeof fetch;
    baseUrl?: string | null;
    savePdf?: HealthCapabilityOptions['savePdf'];
  } = {},
): Harness {
  const db = extra.db ?? openDatabase(':memory:');
  const outbox = new OutboxStore(db);
  const clock = { now: T0 };
  const now = () => clock.now;
  const emitted: { stream: string; payload: unknown }[] = [];
  const watched = new Set(catalog.cameras.map((c) => c.id));
  const prober: Prober = {
    start: () => undefined,
    stop: async () => undefined,
    status: () => fakeProberStatus,
  };
  const cap = createHealthCapability({
    db,
    outbox,
    audit: new AuditLog(db, now),
    config: parseConfig(config),
    catalog: () => catalog,
    baseUrl: extra.baseUrl ?? null,
    watched: () => watched,
    emit: (stream, payload) => emitted.push({ stream, payload }),
    onQueued: () => undefined,
    now,
    prober,
    fetch: extra.fetch,
    ...(extra.savePdf ? { savePdf: extra.savePdf } : {}),
  });
  const queued = (kind: string) =>
    (
      db.prepare('SELECT payload FROM outbox WHERE kind = ? ORDER BY id').all(kind) as {
        payload: string;
      }[]
    ).map((r) => JSON.parse(r.payload) as Record<string, unknown>);
  const record = (over: Partial<TicketMessage> & { id: string; rev: number }): TicketMessage => ({
    number: 'GD-20261201-0001',
    cameraId: 'cam-1',
    fault: 'black',
    source: 'tile',
    status: 'new',
    openedAt: clock.now,
    openedBy: 'auto',
    contractor: null,
    suspendReason: null,
    slaHours: 8,
    dueAt: clock.now + 8 * HOUR,
    repairedAt: null,
    closedAt: null,
    repeats: 0,
    lastSeenAt: clock.now,
    pictureUrl: null,
    timeline: [],
    ...over,
  });
  return {
    db,
    outbox,
    cap,
    clock,
    watched,
    emitted,
    queued,
    record,
    close: () => db.close(),
  };
}
