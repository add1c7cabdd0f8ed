import { describe, expect, it } from 'vitest';
import { createFailureProcess, dayMs, type Failure } from '../../../electron/sim/failure-process';
import { createLiveFailures } from '../../../electron/sim/live-failures';
import { createTicketDesk } from '../../../electron/sim/ticket-desk';
import type { TicketMessage } from '../../../shared/contract/platform-health';

const startedAt = Date.UTC(2026, 11, 3, 2, 0, 0);
const cameraIds = Array.from({ length: 3000 }, (_, i) => `cam-${i}`);

describe('live failures', () => {
  it('play the process on from the start: down, its ticket after half an hour, up at its end', () => {
    const process = createFailureProcess({ seed: 4, startedAt });
    const events: { what: string; at: number; f: Failure }[] = [];
    let now = startedAt;
    const live = createLiveFailures({
      process,
      cameraIds,
      hooks: {
        down: (f) => events.push({ what: 'down', at: now, f }),
        ticketDue: (f) => events.push({ what: 'ticket', at: now, f }),
        up: (f) => events.push({ what: 'up', at: now, f }),
      },
    });
    live.tick(now);
    // Down at the start: the process's failures going on then, none of their tickets yet.
    const downAtStart = cameraIds.flatMap((id) =>
      process.failuresOf(id, startedAt, startedAt + 1).filter((f) => f.start <= startedAt),
    );
    expect(events.map((e) => e.what)).toEqual(downAtStart.map(() => 'down'));
    expect(live.ongoing().length).toBe(downAtStart.length);
    // Three days by the minute.
    for (now = startedAt + 60_000; now <= startedAt + 3 * dayMs; now += 60_000) {
      live.tick(now);
      const share = live.ongoing().length / cameraIds.length;
      expect(share).toBeLessThan(0.05);
    }
    const key = (f: Failure) => `${f.cameraId}|${f.start}`;
    const byFailure = new Map<string, string[]>();
    for (const e of events) {
      byFailure.set(key(e.f), [...(byFailure.get(key(e.f)) ?? []), e.what]);
      // Each when its time came (ticks are a minute apart).
      const due = e.what === 'down' ? e.f.start : e.what === 'up' ? e.f.end : e.f.ticket!.openedAt;
      expect(e.at).toBeGreaterThanOrEqual(Math.min(due, startedAt + 1) - 1);
      expect(e.at - Math.max(due, startedAt)).toBeLessThan(60_000 + 2);
    }
    for (const [, whats] of byFailure) {
      expect(['down', 'down,up', 'down,ticket', 'down,ticket,up']).toContain(whats.join(','));
    }
    // Every failure that started in the three days was played.
    const started = cameraIds.flatMap((id) =>
      process.failuresStartingIn(id, startedAt + 1, startedAt + 3 * dayMs),
    );
    expect(started.length).toBeGreaterThan(100);
    for (const f of started) expect(byFailure.get(key(f))?.[0]).toBe('down');
  });

  it("a repair marks the camera's open ticket repaired by its contractor", () => {
    const published: (TicketMessage | null)[] = [];
    let now = startedAt;
    const desk = createTicketDesk({
      now: () => now,
      publish: (_topic, message) => published.push(message),
      baseUrl: 'http://127.0.0.1:1',
      camera: () => ({ kind: 'fixed', maintainer: '恒通安防' }),
      clearClosedAfterMs: 60_000,
      numberedBefore: () => 41,
    });
    const { ticket } = desk.openFromPlatform({
      cameraId: 'cam-1',
      fault: 'offline',
      source: 'prober',
      by: '平台巡检',
    });
    expect(ticket).toMatchObject({ status: 'new', slaHours: 8, rev: 1 });
    expect(ticket.number).toBe('GD-20261203-0042');
    now += 3_600_000;
    expect(desk.repairedByPlatform('cam-1', 'black')).toBeNull();
    const repaired = desk.repairedByPlatform('cam-1', 'offline');
    expect(repaired).toMatchObject({ status: 'repaired', repairedAt: now, rev: 2 });
    expect(repaired!.timeline.at(-1)).toMatchObject({ action: 'repaired', by: '恒通安防' });
    // Repaired already: nothing more to do.
    expect(desk.repairedByPlatform('cam-1', 'offline')).toBeNull();
    expect(published.length).toBe(2);
    desk.stop();
  });
});
