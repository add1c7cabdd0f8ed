/**
 * The watcher's keys at a wall steer that wall's rotation (rotation.pause/resume/next/previous
 * are callable by a wall since issue #4's wall half), and only that wall's: another wall's
 * rotation is refused with `forbidden`, through the contract host as a wall window calls it
 * (the access table's ownWall, checked at the door since issue #12 item 2).
 */
import { describe, expect, it } from 'vitest';
import type { Caller, CallerWindow, Camera, Catalog, VigilEvent } from '../../../../shared/api';
import { ContractHost, type Handlers } from '../../../../electron/station/contract-host';
import { methods } from '../../../../shared/api';
import { AuditLog } from '../../../../electron/station/cache/audit-log';
import { openDatabase } from '../../../../electron/station/cache/database';
import { OutboxStore } from '../../../../electron/station/cache/outbox-store';
import type { EventBus } from '../../../../electron/station/event-bus';
import { createWatchCapability } from '../../../../electron/station/watch/watch-capability';
import { FakeClock } from '../../watch/fake-clock';

const desk: Caller = { window: 'desk', operator: '王五', role: 'chief', signedIn: true };
const wall = (wallId: number): CallerWindow => ({ window: 'wall', wallId });

function capability() {
  const db = openDatabase(':memory:');
  const cameras = Array.from({ length: 12 }, (_, i): Camera => ({
    id: `c${i}`,
    name: `c${i}`,
    gridId: 'g',
    kind: 'fixed',
    lat: 35,
    lng: 117,
    liveUrl: 'http://127.0.0.1/x.m3u8',
    status: 'online',
  }));
  const catalog: Catalog = { version: '1', areas: [], cameras };
  const watch = createWatchCapability({
    db,
    outbox: new OutboxStore(db),
    audit: new AuditLog(db),
    events: { emit: (() => ({}) as VigilEvent) as unknown as EventBus['emit'] },
    clock: new FakeClock(1_000_000),
    catalog: () => catalog,
    camera: (id) => cameras.find((c) => c.id === id),
    walls: { tileCount: () => 4, assign: () => {} },
    onQueued: () => {},
  });
  watch.start();
  return { watch, db };
}

describe("a wall's keys on its own rotation", () => {
  it('walls may call pause, resume, next and previous; start and stop stay desk-only', () => {
    for (const m of ['rotation.pause', 'rotation.resume', 'rotation.next', 'rotation.previous']) {
      expect(methods[m as keyof typeof methods].callers).toContain('wall');
    }
    expect(methods['rotation.start'].callers).not.toContain('wall');
    expect(methods['rotation.stop'].callers).not.toContain('wall');
  });

  it('pages and pauses its own wall, and is refused on another', async () => {
    const { watch, db } = capability();
    const h = watch.handlers;
    const others = Object.fromEntries(Object.keys(methods).map((m) => [m, () => null]));
    // Only the watch methods run here; the rest of the table is inert.
    const host = new ContractHost({ ...others, ...h } as unknown as Handlers, {
      session: () => ({ name: '李四', role: 'watcher' }),
    });
    const ids = Array.from({ length: 12 }, (_, i) => `c${i}`);
    for (const wallId of [1, 2]) {
      const group = {
        id: `g${wallId}`,
        name: 'g',
        cameraIds: ids,
        dwellMs: 5000,
        dwellOverrides: {},
        target: { wallId },
      };
      void h['rotation.save'](group, desk);
      void h['rotation.start']({ id: `g${wallId}` }, desk);
    }
    const next = await host.dispatch('rotation.next', { wallId: 1 }, wall(1));
    expect(next).toMatchObject({ ok: true, value: { page: { cursor: 4 } } });
    const paused = await host.dispatch('rotation.pause', { wallId: 1 }, wall(1));
    expect(paused).toMatchObject({ ok: true, value: { pauses: ['operator'] } });
    const resumed = await host.dispatch('rotation.resume', { wallId: 1 }, wall(1));
    expect(resumed).toMatchObject({ ok: true, value: { paused: false } });
    for (const m of [
      'rotation.pause',
      'rotation.resume',
      'rotation.next',
      'rotation.previous',
    ] as const) {
      expect(await host.dispatch(m, { wallId: 2 }, wall(1))).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: expect.stringMatching(/only on its own wall/) },
      });
    }
    // The desk still steers any wall.
    expect(await host.dispatch('rotation.next', { wallId: 2 }, { window: 'desk' })).toMatchObject({
      ok: true,
    });
    watch.stop();
    db.close();
  });
});
