/**
 * Bench: what the watch capability sends the windows while rotations page (issue #12 item 4).
 *
 *   npx tsx tests/bench/rotation-events.ts [--groups 20] [--cameras 2000] [--pages 100]
 *
 * Builds the watch capability on a fresh SQLite file with a fake clock: `--groups` rotation
 * groups of `--cameras` 20-digit camera ids each (every camera online), two of them running
 * (wall 1: 4×4, wall 2: 3×3, 5 s and 7 s dwells). Then lets the clock run `--pages` page turns
 * and prints, per stream, how many events were sent and their JSON size (what goes to every
 * window over IPC or the WebSocket, and what the event bus keeps in its history), the time the
 * core spent per page turn, and the size of a group edit's events (one group saved).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Camera } from '../../shared/api';
import { AuditLog } from '../../electron/station/cache/audit-log';
import { openDatabase } from '../../electron/station/cache/database';
import { OutboxStore } from '../../electron/station/cache/outbox-store';
import type { EventBus } from '../../electron/station/event-bus';
import { createWatchCapability } from '../../electron/station/watch/watch-capability';
import type { WatchClock } from '../../electron/station/watch/watch-clock';
import type { RotationGroup } from '../../shared/domain/watch';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const groupCount = arg('groups', 20);
const perGroup = arg('cameras', 2000);
const pageTurns = arg('pages', 100);

/** A clock moved by hand; timers fire in time order as it passes them. */
class Clock implements WatchClock {
  private timers = new Map<number, { at: number; fn: () => void }>();
  private id = 1;
  t = Date.UTC(2026, 11, 1, 2);
  now = (): number => this.t;
  setTimer = (fn: () => void, ms: number): unknown => {
    this.timers.set(this.id, { at: this.t + ms, fn });
    return this.id++;
  };
  clearTimer = (h: unknown): void => void this.timers.delete(h as number);
  /** Runs the earliest timer; false when none is pending. */
  step(): boolean {
    let first: [number, { at: number; fn: () => void }] | null = null;
    for (const e of this.timers) if (!first || e[1].at < first[1].at) first = e;
    if (!first) return false;
    this.timers.delete(first[0]);
    this.t = Math.max(this.t, first[1].at);
    first[1].fn();
    return true;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'vigil-rotation-bench-'));
const db = openDatabase(join(dir, 'vigil.db'));
const clock = new Clock();
const cameraId = (g: number, i: number): string =>
  `3708830000131${String(g).padStart(2, '0')}${String(i).padStart(5, '0')}`;
const online: Camera['status'] = 'online';
const sent: { stream: string; bytes: number }[] = [];
const watch = createWatchCapability({
  db,
  outbox: new OutboxStore(db),
  audit: new AuditLog(db, clock.now),
  events: {
    emit: ((stream: string, payload: unknown) => {
      sent.push({ stream, bytes: Buffer.byteLength(JSON.stringify(payload)) });
      return { stream, payload, seq: 0, epoch: 'bench', at: clock.now() };
    }) as unknown as EventBus['emit'],
  },
  clock,
  catalog: () => null,
  camera: (id) => ({ id, status: online }) as Camera,
  walls: {
    tileCount: (wallId) => {
      if (wallId !== 1 && wallId !== 2) throw new Error(`no wall ${wallId}`);
      return wallId === 1 ? 16 : 9;
    },
    assign: () => {},
  },
  onQueued: () => {},
});
watch.start();

const desk = { window: 'desk', operator: 'bench', role: 'chief', signedIn: true } as const;
const groups: RotationGroup[] = Array.from({ length: groupCount }, (_, g) => ({
  id: `g${String(g).padStart(2, '0')}`,
  name: `轮巡 ${g}`,
  cameraIds: Array.from({ length: perGroup }, (_, i) => cameraId(g, i)),
  dwellMs: g === 1 ? 7000 : 5000,
  dwellOverrides: {},
  target: { wallId: g === 1 ? 2 : 1 },
}));
for (const g of groups) watch.handlers['rotation.save'](g, desk);
watch.handlers['rotation.start']({ id: 'g00' }, desk);
watch.handlers['rotation.start']({ id: 'g01' }, desk);

const summarise = (from: number): Map<string, { count: number; bytes: number; max: number }> => {
  const by = new Map<string, { count: number; bytes: number; max: number }>();
  for (const e of sent.slice(from)) {
    const s = by.get(e.stream) ?? { count: 0, bytes: 0, max: 0 };
    s.count++;
    s.bytes += e.bytes;
    s.max = Math.max(s.max, e.bytes);
    by.set(e.stream, s);
  }
  return by;
};
const kb = (n: number): string => (n / 1024).toFixed(n < 10_240 ? 2 : 0);

// Page turns: each timer the rotation service arms is one (or, when both walls swap together, two).
const before = sent.length;
const t0 = performance.now();
let turns = 0;
while (turns < pageTurns && clock.step()) turns++;
const ms = performance.now() - t0;
const paging = summarise(before);

// One group edit: a stopped group saved again.
const editFrom = sent.length;
const g5 = groups[5];
if (g5) watch.handlers['rotation.save']({ ...g5, name: `${g5.name} (改)` }, desk);
const edit = summarise(editFrom);

console.log(
  `${groupCount} groups × ${perGroup} cameras, 2 running (4×4 and 3×3), ${turns} page turns:\n`,
);
console.log('| what | stream | events | KB each (max) | KB total |');
console.log('| --- | --- | --- | --- | --- |');
const row = (what: string, stream: string, s: { count: number; bytes: number; max: number }) =>
  console.log(
    `| ${what} | \`${stream}\` | ${s.count} | ${kb(s.bytes / s.count)} (${kb(s.max)}) | ` +
      `${kb(s.bytes)} |`,
  );
for (const [stream, s] of paging) row('page turns', stream, s);
for (const [stream, s] of edit) row('one group saved', stream, s);
console.log(`\ncore time per page turn: ${(ms / Math.max(1, turns)).toFixed(2)} ms`);

watch.stop();
db.close();
rmSync(dir, { recursive: true, force: true });
