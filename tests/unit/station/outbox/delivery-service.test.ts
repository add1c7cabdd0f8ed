import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboxStatus } from '../../../../shared/api';
import { openDatabase, type CacheDatabase } from '../../../../electron/station/cache/database';
import { OutboxStore } from '../../../../electron/station/cache/outbox-store';
import { retryDelay } from '../../../../electron/station/outbox/backoff';
import { DeliveryService } from '../../../../electron/station/outbox/delivery-service';
import type { PatrolMarkEvent } from '../../../../shared/contract/platform';

/** A mark as the outbox holds it; its body does not matter to delivery. */
const mark = (id: string): PatrolMarkEvent => ({
  type: 'patrol-mark',
  id,
  cameraId: 'cam-1',
  mark: 'normal',
  note: '',
  operator: '值机员甲',
  at: 0,
});

describe('retryDelay', () => {
  const options = { retryBaseMs: 1000, retryMaxMs: 60_000 };
  it('doubles from the base to the cap', () => {
    const noJitter = () => 0;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => retryDelay(n, options, noJitter))).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000,
    ]);
  });
  it('jitters down by at most 20 %, never above the cap', () => {
    for (let i = 0; i < 200; i++) {
      const d = retryDelay(3, options);
      expect(d).toBeGreaterThanOrEqual(3200);
      expect(d).toBeLessThanOrEqual(4000);
      expect(retryDelay(20, options)).toBeLessThanOrEqual(60_000);
    }
    expect(retryDelay(1, options, () => 1)).toBe(800);
  });
});

describe('DeliveryService', () => {
  let db: CacheDatabase;
  let store: OutboxStore;
  let statuses: OutboxStatus[];

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    db = openDatabase(':memory:');
    store = new OutboxStore(db);
    statuses = [];
  });
  afterEach(() => {
    vi.useRealTimers();
    db.close();
  });

  const service = (fetchImpl: typeof fetch, extra: { retryMaxMs?: number } = {}) =>
    new DeliveryService({
      store,
      eventsUrl: 'http://platform.test/api/v1/events',
      retryBaseMs: 1000,
      retryMaxMs: extra.retryMaxMs ?? 5000,
      timeoutMs: 500,
      random: () => 0,
      fetch: fetchImpl,
      onStatus: (s) => statuses.push(s),
    });

  const respond = (status: number, body = '') => new Response(body || null, { status });

  it('retries 5xx on the backoff schedule until accepted, with the same key', async () => {
    const calls: { at: number; key: string | null }[] = [];
    let n = 0;
    const fetchImpl = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      calls.push({
        at: Date.now(),
        key: new Headers(init?.headers).get('Idempotency-Key'),
      });
      return ++n <= 5 ? respond(503, 'down') : respond(201);
    });
    store.add('patrol-mark', 'key-1', mark('m1'), Date.now());
    const delivery = service(fetchImpl as typeof fetch);
    const t0 = Date.now();
    delivery.start();
    await vi.advanceTimersByTimeAsync(60_000);
    await delivery.idle();
    expect(calls.map((c) => c.at - t0)).toEqual([
      0,
      1000,
      1000 + 2000,
      1000 + 2000 + 4000,
      1000 + 2000 + 4000 + 5000,
      1000 + 2000 + 4000 + 5000 + 5000,
    ]);
    expect(new Set(calls.map((c) => c.key))).toEqual(new Set(['key-1']));
    expect(store.status()).toEqual({
      pending: 0,
      delivered: 1,
      lastError: null,
      refused: 0,
      destination: 'http://platform.test/api/v1/events',
    });
    expect(statuses.some((s) => s.lastError === 'HTTP 503: down')).toBe(true);
    await delivery.stop();
  });

  it('treats a timeout as retryable', async () => {
    const fetchImpl = vi.fn(
      (_url: string | URL | Request, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    );
    store.add('patrol-mark', 'key-t', mark('mt'), Date.now());
    const delivery = service(fetchImpl as typeof fetch);
    delivery.start();
    await vi.advanceTimersByTimeAsync(600);
    expect(store.status()).toEqual({
      pending: 1,
      delivered: 0,
      lastError: 'timeout after 500 ms',
      refused: 0,
      destination: 'http://platform.test/api/v1/events',
    });
    await delivery.stop();
  });

  it('records a 400 as rejected, keeps the error, does not retry', async () => {
    const fetchImpl = vi.fn(async () => respond(400, 'mark: invalid'));
    const id = store.add('patrol-mark', 'key-2', mark('m2'), Date.now());
    const delivery = service(fetchImpl as typeof fetch);
    delivery.start();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    const item = store.get(id);
    expect(item?.rejectedAt).not.toBeNull();
    expect(item?.deliveredAt).toBeNull();
    expect(item?.lastError).toBe('HTTP 400: mark: invalid');
    expect(store.status().pending).toBe(0);
    expect(store.status().refused).toBe(1);
    expect(store.rejected().map((r) => r.id)).toEqual([id]);
    await delivery.stop();
  });

  it('wakes on a new item and on link recovery (skipping the backoff wait)', async () => {
    let up = false;
    const fetchImpl = vi.fn(async () => (up ? respond(201) : respond(503)));
    const delivery = service(fetchImpl as typeof fetch, { retryMaxMs: 60_000 });
    delivery.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(fetchImpl).toHaveBeenCalledTimes(0);

    store.add('patrol-mark', 'key-3', mark('m3'), Date.now());
    delivery.wake();
    await vi.advanceTimersByTimeAsync(10);
    expect(fetchImpl).toHaveBeenCalledTimes(1);

    // Still inside the 1 s backoff: the link comes back, delivery goes at once.
    up = true;
    delivery.linkRecovered();
    await vi.advanceTimersByTimeAsync(10);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    expect(store.status()).toEqual({
      pending: 0,
      delivered: 1,
      lastError: null,
      refused: 0,
      destination: 'http://platform.test/api/v1/events',
    });
    await delivery.stop();
  });

  it('counts a 200 for a repeated key as delivered', async () => {
    const fetchImpl = vi.fn(async () => respond(200));
    store.add('patrol-mark', 'key-4', mark('m4'), Date.now());
    const delivery = service(fetchImpl as typeof fetch);
    delivery.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(store.status().delivered).toBe(1);
    await delivery.stop();
  });
});
