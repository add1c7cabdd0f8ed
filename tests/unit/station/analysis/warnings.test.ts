/**
 * Warnings to units (issue #17 item 3): sent to the units whose beat is the grid (else those
 * seen in it in the last hour) as WarningOrder bodies through the outbox (published on
 * vigil/orders/{unitId} at once: no event before them), audited; visits and status from a
 * synthetic track; the order's state from the delivery.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Warning } from '../../../../shared/contract/analysis';
import { WarnInputSchema } from '../../../../shared/contract/analysis';
import { WarningOrderSchema } from '../../../../shared/contract/platform-analysis';
import { OutboxStore } from '../../../../electron/station/cache/outbox-store';
import { DeliveryService } from '../../../../electron/station/outbox/delivery-service';
import { visitsOf, warningStatus } from '../../../../electron/station/analysis/warnings';
import { chief, harness, HOUR, MIN, still, T0, type Harness } from './harness';

let h: Harness | undefined;
afterEach(() => h?.close());

/** The market's east gate in g1, 20:00–22:00 hall time on 2026-12-01 (12:00–14:00 UTC). */
const place = { lat: 35.402, lng: 116.975 };
const W0 = Date.UTC(2026, 11, 1, 12, 0);
const W1 = Date.UTC(2026, 11, 1, 14, 0);
const input = (over: Record<string, unknown> = {}) =>
  WarnInputSchema.parse({
    name: '菜市场东口',
    ...place,
    gridId: 'g1',
    windowStart: W0,
    windowEnd: W1,
    stopMinMinutes: 10,
    stopMaxMinutes: 15,
    ...over,
  });

describe('analysis.warn', () => {
  it('sends a warning order to each unit whose beat is the grid, through the outbox, audited', async () => {
    h = harness();
    h.unit('u1', 'g1');
    h.unit('u2', 'g1');
    h.unit('u3', 'g2');
    const w = h.cap.handlers['analysis.warn'](input(), chief) as Warning;
    expect(w).toMatchObject({ status: 'scheduled', zoneId: 'z1', by: '指挥长', visits: [] });
    expect(w.orders).toEqual([
      { unitId: 'u1', callSign: '巡u1', state: 'queued' },
      { unitId: 'u2', callSign: '巡u2', state: 'queued' },
    ]);
    const items = h.queued('unit-order');
    expect(items.map((i) => i.unitId)).toEqual(['u1', 'u2']);
    for (const i of items) {
      expect(i.after).toBeNull();
      expect(WarningOrderSchema.parse(i.order)).toMatchObject({
        warningId: w.id,
        kind: 'warning',
        windowStart: W0,
        stopMinMinutes: 10,
      });
    }
    expect(
      h.db.prepare("SELECT count(*) AS n FROM audit WHERE action = 'analysis.warn'").get(),
    ).toEqual({ n: 1 });
    expect(h.emitted.map((e) => e.stream)).toEqual(['analysis.warning']);

    // Delivered: published on vigil/orders/{unitId} at once, the order's state 'sent'.
    const published: string[] = [];
    const delivery = new DeliveryService({
      store: new OutboxStore(h.db),
      eventsUrl: 'http://platform.test/api/v1/events',
      retryBaseMs: 1000,
      retryMaxMs: 5000,
      timeoutMs: 1000,
      now: () => h!.clock.now,
      publish: (topic) => {
        published.push(topic);
        return Promise.resolve();
      },
      onSettled: (item, outcome, error) => h!.cap.onSettled(item, outcome, error),
    });
    delivery.start();
    await delivery.idle();
    await delivery.stop();
    expect(published).toEqual(['vigil/orders/u1', 'vigil/orders/u2']);
    const day = h.cap.handlers['analysis.warnings']({}, chief) as Warning[];
    expect(day[0]?.orders.map((o) => o.state)).toEqual(['sent', 'sent']);
  });

  it('without a beat, goes to the units seen in the grid in the last hour; none: refused', () => {
    h = harness();
    h.unit('u1', undefined);
    h.unit('u2', undefined);
    h.track('u1', still(T0 - 30 * MIN, T0 - 20 * MIN, { lat: 35.405, lng: 116.975 }));
    h.track('u2', still(T0 - 30 * MIN, T0 - 20 * MIN, { lat: 35.405, lng: 116.985 })); // g2
    const w = h.cap.handlers['analysis.warn'](input(), chief) as Warning;
    expect(w.orders.map((o) => o.unitId)).toEqual(['u1']);
    expect(() =>
      h!.cap.handlers['analysis.warn'](input({ gridId: 'g2', lat: 35.405, lng: 116.985 }), chief),
    ).not.toThrow();
    h.clock.now = T0 + 2 * HOUR; // nobody seen in the last hour
    expect(() => h!.cap.handlers['analysis.warn'](input(), chief)).toThrow(
      /no unit patrols 东关一网格/,
    );
    expect(() => h!.cap.handlers['analysis.warn'](input({ gridId: 'nope' }), chief)).toThrow(
      /no grid nope/,
    );
  });

  it('measures visits from the track: status open, then done; cancelled stays cancelled', () => {
    h = harness();
    h.unit('u1', 'g1');
    h.unit('u2', 'g1');
    const w = h.cap.handlers['analysis.warn'](input(), chief) as Warning;
    // u1 stops 3 minutes before the window and 12 minutes in it; u2 stops 5 minutes in it.
    h.track('u1', [
      ...still(W0 - 20 * MIN, W0 - 17 * MIN, place),
      ...still(W0 - 16 * MIN, W0 - 16 * MIN, { lat: 35.41, lng: 116.98 }),
      ...still(W0 + 30 * MIN, W0 + 42 * MIN, place),
      ...still(W0 + 43 * MIN, W0 + 43 * MIN, { lat: 35.41, lng: 116.98 }),
    ]);
    h.track('u2', still(W0 + 10 * MIN, W0 + 15 * MIN, { lat: 35.4021, lng: 116.9751 }));
    h.emitted.length = 0;
    h.clock.now = W0 + 20 * MIN;
    h.cap.tick();
    let now = h.cap.store.warning(w.id)!;
    expect(now.status).toBe('open');
    expect(now.visits.map((v) => [v.unitId, v.minutes, v.counts])).toEqual([
      ['u1', 3, false],
      ['u2', 5, false],
    ]);
    h.clock.now = W0 + 50 * MIN;
    h.cap.tick();
    now = h.cap.store.warning(w.id)!;
    expect(now.status).toBe('done');
    expect(now.visits.find((v) => v.counts)).toMatchObject({
      unitId: 'u1',
      arrivedAt: W0 + 30 * MIN,
      leftAt: W0 + 42 * MIN, // its last fix there (the next one is outside the box read)
    });
    expect(h.emitted.filter((e) => e.stream === 'analysis.warning')).toHaveLength(2);
    // Nothing changed: no event.
    h.cap.tick();
    expect(h.emitted.filter((e) => e.stream === 'analysis.warning')).toHaveLength(2);

    const other = h.cap.handlers['analysis.warn'](input({ name: '学校门口' }), chief) as Warning;
    expect(h.cap.handlers['analysis.cancelWarning']({ id: other.id }, chief)).toMatchObject({
      status: 'cancelled',
    });
    h.cap.tick();
    expect(h.cap.store.warning(other.id)?.status).toBe('cancelled');
  });

  it('statuses by the clock: scheduled, open, missed', () => {
    const w = { status: 'scheduled' as const, windowStart: 100, windowEnd: 200, visits: [] };
    expect(warningStatus(w, 50)).toBe('scheduled');
    expect(warningStatus(w, 150)).toBe('open');
    expect(warningStatus(w, 250)).toBe('missed');
  });

  it('a gap in the track ends a visit', () => {
    const fixes = [
      ...still(0, 5 * MIN, place),
      ...still(9 * MIN, 12 * MIN, place), // 4 minutes without a fix
    ].map((f) => ({ ...f, speed: 0, heading: 0 }));
    expect(
      visitsOf(fixes, { ...place, radiusM: 50 }, { start: 0, end: HOUR, stopMinMinutes: 5 }),
    ).toEqual([
      { arrivedAt: 0, leftAt: 5 * MIN, minutes: 5, counts: true },
      { arrivedAt: 9 * MIN, leftAt: 12 * MIN, minutes: 3, counts: false },
    ]);
  });
});
