/**
 * Delivers the outbox to the platform: POST {baseUrl}/api/v1/events (or a file station's
 * `platform.eventsUrl`) with the item's Idempotency-Key (docs/protocol.md §4). With no events URL
 * at all, items are kept on this machine and the status says so (`destination: null`).
 *
 * - 2xx: delivered. 201 the first time, 200 when the platform has seen the key already (we
 *   crashed after it accepted, before we wrote "delivered"): both mean done, and the platform
 *   has exactly one event. Exactly-once rests on that key, never on our own bookkeeping.
 * - 400 / 409 / 413 / 422: the platform will never accept this body (409: the incident's state
 *   forbids it, e.g. closed at another station); retrying is pointless. The item is recorded as
 *   rejected with the error kept for the operator.
 * - A `unit-order` item is not posted: it is published on `vigil/orders/{unitId}` (MQTT QoS 1,
 *   delivered on the broker's PUBACK) once its `incident-dispatch` event was delivered; if the
 *   platform refused that event, the order is refused with the platform's answer and never sent.
 *   A broker that is away puts only the orders off, not the HTTP events.
 * - Anything else (5xx, 408, 429, 401/403/404 from a misconfigured proxy, a timeout, a refused
 *   connection): retried with backoff (./backoff.ts).
 *
 * It wakes when an item is added (`wake`), when the link comes back (`linkRecovered`, which
 * also cancels the backoff wait) and at the next due time. One pass at a time; after a
 * transport failure the pass stops (the platform is down: do not try every item), and the next
 * pass waits until the failed item is due again.
 */
import { causeMessage } from '../upstream/fetch-error';
import type { OutboxItem, OutboxStore, UnitOrderItem } from '../cache/outbox-store';
import { retryDelay } from './backoff';
import type { OutboxStatus } from '../../../shared/api';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface DeliveryServiceOptions {
  store: OutboxStore;
  /**
   * Where to POST events: the platform's `{baseUrl}/api/v1/events`, a file station's
   * `platform.eventsUrl`, or null when there is none (a file station without one): items wait.
   */
  eventsUrl: string | null;
  retryBaseMs: number;
  retryMaxMs: number;
  timeoutMs: number;
  now?: () => number;
  random?: () => number;
  fetch?: typeof fetch;
  timers?: Timers;
  /** Called after every change of the outbox's status (for the `outbox` event stream). */
  onStatus?: (status: OutboxStatus) => void;
  /** Called with every attempt's transport outcome (for the link state). */
  onTransport?: (ok: boolean, detail: string | null) => void;
  log?: (line: string) => void;
  /**
   * Test hook: runs after the platform answered 2xx and before the item is marked delivered.
   * The crash test blocks here and kills the process to prove the resend is deduplicated.
   */
  beforeMarkDelivered?: (item: OutboxItem) => Promise<void> | void;
  /**
   * Publishes a unit order (MQTT QoS 1): resolves on the broker's PUBACK, rejects when not
   * connected. Without it (no broker), orders wait.
   */
  publish?: (topic: string, body: unknown) => Promise<void>;
  /** Called once an item is delivered or rejected (the dispatch service updates its rows). */
  onSettled?: (item: OutboxItem, outcome: 'delivered' | 'rejected', error: string | null) => void;
}

export type AttemptOutcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'rejected'; error: string }
  | { kind: 'retry'; error: string };

const REJECT_STATUSES = new Set([400, 409, 413, 422]);

export class DeliveryService {
  private readonly now: () => number;
  private readonly timers: Timers;
  private readonly fetchImpl: typeof fetch;
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  /** After a transport failure: no pass before this time (unless the link recovers). */
  private holdUntil = 0;
  private readonly inflight = new Set<AbortController>();

  constructor(private readonly options: DeliveryServiceOptions) {
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? realTimers;
    this.fetchImpl = options.fetch ?? fetch;
    options.store.setDestination(
      options.eventsUrl === null ? null : destinationOf(options.eventsUrl),
    );
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.emitStatus();
    this.wake();
  }

  /** New items were added: deliver now (unless the platform is in a backoff wait). */
  wake(): void {
    if (this.stopped || this.options.eventsUrl === null) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.clearTimer();
    this.running = this.pass().finally(() => {
      this.running = null;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.wake();
      } else {
        this.schedule();
      }
    });
  }

  /** The platform is reachable again: every pending item is due now. */
  linkRecovered(): void {
    if (this.stopped) return;
    this.holdUntil = 0;
    this.options.store.makeAllDue(this.now());
    this.wake();
  }

  /** Resolves when the current pass (if any) has finished; for tests and stop(). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    for (const controller of this.inflight) controller.abort();
    await this.running?.catch(() => {});
  }

  status(): OutboxStatus {
    return this.options.store.status();
  }

  private schedule(): void {
    this.clearTimer();
    const next = this.options.store.nextDueAt();
    if (next === null) return;
    const delay = Math.max(0, Math.max(next, this.holdUntil) - this.now());
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.wake();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private async pass(): Promise<void> {
    if (this.now() < this.holdUntil) return;
    for (;;) {
      if (this.stopped) return;
      const items = this.options.store.due(this.now(), 20);
      if (items.length === 0) return;
      for (const item of items) {
        if (this.stopped) return;
        if (item.kind === 'unit-order') {
          await this.deliverOrder(item);
          continue;
        }
        const outcome = await this.attempt(item);
        if (this.stopped && outcome.kind === 'retry') return;
        if (outcome.kind === 'delivered') {
          this.holdUntil = 0;
          await this.options.beforeMarkDelivered?.(item);
          this.options.store.markDelivered(item.id, this.now());
          this.options.onTransport?.(true, null);
          this.settled(item, 'delivered', null);
        } else if (outcome.kind === 'rejected') {
          this.options.log?.(`outbox: item ${item.id} (${item.kind}) rejected: ${outcome.error}`);
          this.options.store.markRejected(item.id, outcome.error, this.now());
          this.options.onTransport?.(true, null);
          this.settled(item, 'rejected', outcome.error);
        } else {
          const delay = retryDelay(item.attempts + 1, this.options, this.options.random);
          const at = this.now() + delay;
          this.options.store.markFailed(item.id, outcome.error, at);
          this.holdUntil = at;
          this.options.onTransport?.(false, `events: ${outcome.error}`);
          this.emitStatus();
          return;
        }
        this.emitStatus();
      }
    }
  }

  private settled(item: OutboxItem, outcome: 'delivered' | 'rejected', error: string | null): void {
    try {
      this.options.onSettled?.(item, outcome, error);
    } catch (e) {
      this.options.log?.(`outbox: item ${item.id}: after ${outcome}: ${causeMessage(e)}`);
    }
  }

  /**
   * One unit order: waits for its dispatch event, shares its refusal, else publishes. Never
   * throws; a failed publish is retried with backoff without holding the HTTP events back.
   */
  private async deliverOrder(item: OutboxItem): Promise<void> {
    const body = item.payload as UnitOrderItem;
    const event = body.after === null ? null : this.options.store.get(body.after);
    const now = this.now();
    if (event && event.rejectedAt !== null) {
      const error = `the platform refused the dispatch: ${event.lastError ?? 'refused'}`;
      this.options.store.markRejected(item.id, error, now);
      this.settled(item, 'rejected', error);
      this.emitStatus();
      return;
    }
    if (event && event.deliveredAt === null) {
      // Its event is still on its way: come back when the event is next tried.
      this.options.store.defer(
        item.id,
        Math.max(event.nextAttemptAt, now + 1),
        'waiting for the dispatch event',
      );
      return;
    }
    const publish = this.options.publish;
    let error: string | null = publish ? null : 'no MQTT broker to publish orders on';
    if (publish) {
      try {
        await publish(`vigil/orders/${body.unitId}`, body.order);
      } catch (e) {
        error = `publish: ${causeMessage(e)}`;
      }
    }
    if (this.stopped && error !== null) return;
    if (error === null) {
      await this.options.beforeMarkDelivered?.(item);
      this.options.store.markDelivered(item.id, this.now());
      this.settled(item, 'delivered', null);
    } else {
      const delay = retryDelay(item.attempts + 1, this.options, this.options.random);
      this.options.store.markFailed(item.id, error, this.now() + delay);
    }
    this.emitStatus();
  }

  /** One POST; never throws. */
  async attempt(item: OutboxItem): Promise<AttemptOutcome> {
    const eventsUrl = this.options.eventsUrl;
    if (eventsUrl === null) return { kind: 'retry', error: 'no events URL' };
    const controller = new AbortController();
    this.inflight.add(controller);
    const timeout = this.timers.setTimeout(() => controller.abort(), this.options.timeoutMs);
    try {
      const response = await this.fetchImpl(eventsUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': item.idempotencyKey },
        body: JSON.stringify(item.payload),
        signal: controller.signal,
      });
      const text = await response.text().catch(() => '');
      if (response.ok) return { kind: 'delivered', status: response.status };
      const error = `HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
      return REJECT_STATUSES.has(response.status)
        ? { kind: 'rejected', error }
        : { kind: 'retry', error };
    } catch (error) {
      const message = controller.signal.aborted
        ? `timeout after ${this.options.timeoutMs} ms`
        : causeMessage(error);
      return { kind: 'retry', error: message };
    } finally {
      this.timers.clearTimeout(timeout);
      this.inflight.delete(controller);
    }
  }

  private emitStatus(): void {
    this.options.onStatus?.(this.options.store.status());
  }
}

/** An events URL as the desk may show it: no user, password, query or fragment. */
export function destinationOf(eventsUrl: string): string {
  try {
    const url = new URL(eventsUrl);
    return `${url.origin}${url.pathname}`;
  } catch {
    return eventsUrl.replace(/[?#].*$/s, '').replace(/\/\/[^/@]*@/, '//');
  }
}
