/**
 * What the platform refused (issue #10 item 6) and where the outbox sends (item 4): an item the
 * platform answers 400 is counted in the outbox status and listed by `outbox.refused` with what
 * it was and the platform's answer cut to a readable length; the status names where items go, or
 * says null when the station has nowhere to send them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboxStatus } from '../../../../shared/api';
import { refusedAnswerMax } from '../../../../shared/contract/outbox';
import { openDatabase, type CacheDatabase } from '../../../../electron/station/cache/database';
import { OutboxStore } from '../../../../electron/station/cache/outbox-store';
import {
  DeliveryService,
  destinationOf,
} from '../../../../electron/station/outbox/delivery-service';
import {
  cutAnswer,
  outboxHandlers,
  refusedItem,
} from '../../../../electron/station/outbox/outbox-handlers';
import type { Caller } from '../../../../shared/api';
import type { PatrolMarkEvent } from '../../../../shared/contract/platform';

const desk: Caller = { window: 'desk', operator: '值机员甲', role: 'watcher', signedIn: true };

/** A mark as the outbox holds it, for tests where its body does not matter. */
const mark = (id: string): PatrolMarkEvent => ({
  type: 'patrol-mark',
  id,
  cameraId: 'cam-1',
  mark: 'normal',
  note: '',
  operator: '值机员甲',
  at: 0,
});

describe('refused outbox items', () => {
  let db: CacheDatabase;
  let store: OutboxStore;
  let statuses: OutboxStatus[];

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    db = openDatabase(':memory:');
    store = new OutboxStore(db);
    statuses = [];
  });
  afterEach(() => {
    vi.useRealTimers();
    db.close();
  });

  const service = (fetchImpl: typeof fetch, eventsUrl: string | null) =>
    new DeliveryService({
      store,
      eventsUrl,
      retryBaseMs: 1000,
      retryMaxMs: 5000,
      timeoutMs: 500,
      random: () => 0,
      fetch: fetchImpl,
      onStatus: (s) => statuses.push(s),
    });

  it('counts what a platform answering 400 refused, and lists it with its answer', async () => {
    const answer = `{"error":"unknown camera",\n"detail":"${'x'.repeat(600)}"}`;
    const fetchImpl = vi.fn(async () => new Response(answer, { status: 400 }));
    const at = Date.now();
    store.add(
      'patrol-mark',
      'key-1',
      {
        type: 'patrol-mark',
        id: 'm1',
        cameraId: '37088300001320000001',
        mark: 'abnormal',
        note: '',
        operator: '值机员甲',
        at,
      },
      at,
    );
    const delivery = service(fetchImpl as typeof fetch, 'http://platform.test/api/v1/events');
    delivery.start();
    await vi.advanceTimersByTimeAsync(60_000);
    await delivery.idle();

    expect(fetchImpl).toHaveBeenCalledTimes(1);
    expect(store.status()).toMatchObject({ pending: 0, delivered: 0, refused: 1 });
    expect(statuses.at(-1)?.refused).toBe(1);

    const listed = await outboxHandlers(store)['outbox.refused']({ limit: 100 }, desk);
    expect(listed).toHaveLength(1);
    const item = listed[0]!;
    expect(item).toMatchObject({
      kind: 'patrol-mark',
      cameraId: '37088300001320000001',
      mark: 'abnormal',
      tourName: null,
      tourRunId: null,
      operator: '值机员甲',
      createdAt: at,
    });
    expect(item.refusedAt).toBeGreaterThanOrEqual(at);
    expect(item.answer.startsWith('HTTP 400: {"error":"unknown camera", "detail":"xxx')).toBe(true);
    expect(item.answer.length).toBeLessThanOrEqual(refusedAnswerMax);
    expect(item.answer).not.toMatch(/[\n\r]/);
    await delivery.stop();
  });

  it('says what a refused tour record was, newest first', () => {
    const run = store.add(
      'tour-run',
      'tour-run-r1',
      {
        type: 'tour-run',
        id: 'tour-run-r1',
        tourId: 'river',
        tourRunId: 'r1',
        tourName: '夜间河道',
        watcher: '李四',
        startedBy: 'schedule',
        startedAt: 0,
        endedAt: 1000,
        status: 'completed',
        stops: [
          { index: 0, cameraId: 'cam-1', outcome: 'missed', at: 1000, by: null, fault: null },
        ],
      },
      1000,
    );
    const mark = store.add(
      'patrol-mark',
      'key-2',
      {
        type: 'patrol-mark',
        id: 'm2',
        cameraId: 'cam-1',
        mark: 'faulty',
        note: '',
        operator: '李四',
        at: 1000,
        tourId: 'river',
        tourRunId: 'r1',
        stopIndex: 0,
      },
      1000,
    );
    store.markRejected(run, 'HTTP 422: stops: too many', 2000);
    store.markRejected(mark, 'HTTP 400: bad fault', 3000);
    expect(store.status().refused).toBe(2);
    expect(store.rejected().map(refusedItem)).toEqual([
      {
        id: mark,
        kind: 'patrol-mark',
        cameraId: 'cam-1',
        mark: 'faulty',
        tourName: null,
        tourRunId: 'r1',
        operator: '李四',
        createdAt: 1000,
        refusedAt: 3000,
        answer: 'HTTP 400: bad fault',
        notedAt: null,
        notedBy: null,
      },
      {
        id: run,
        kind: 'tour-run',
        cameraId: null,
        mark: null,
        tourName: '夜间河道',
        tourRunId: 'r1',
        operator: '李四',
        createdAt: 1000,
        refusedAt: 2000,
        answer: 'HTTP 422: stops: too many',
        notedAt: null,
        notedBy: null,
      },
    ]);
  });

  it('a refusal an operator noted no longer counts, stays listed after the others with who noted it', async () => {
    const first = store.add('patrol-mark', 'key-a', mark('ma'), 1000);
    const second = store.add('patrol-mark', 'key-b', mark('mb'), 1000);
    const pending = store.add('patrol-mark', 'key-c', mark('mc'), 1000);
    store.markRejected(first, 'HTTP 400: a', 2000);
    store.markRejected(second, 'HTTP 400: b', 3000);
    expect(store.status().refused).toBe(2);

    let changed = 0;
    const handlers = outboxHandlers(
      store,
      () => changed++,
      () => 5000,
    );
    // The newest refusal is noted; a pending item and an unknown id are left alone.
    expect(await handlers['outbox.noteRefused']({ ids: [second, pending, 999] }, desk)).toEqual({
      noted: 1,
    });
    expect(changed).toBe(1);
    expect(store.status()).toMatchObject({ pending: 1, refused: 1 });
    const listed = await handlers['outbox.refused']({ limit: 100 }, desk);
    expect(listed.map((i) => [i.id, i.notedAt, i.notedBy])).toEqual([
      [first, null, null],
      [second, 5000, '值机员甲'],
    ]);
    // Noting it again changes nothing and tells nobody.
    expect(await handlers['outbox.noteRefused']({ ids: [second] }, desk)).toEqual({ noted: 0 });
    expect(changed).toBe(1);
  });

  it('cuts an answer to one line of at most the limit, never splitting a character', () => {
    expect(cutAnswer('HTTP 400:\r\n  bad\u0000 body\t')).toBe('HTTP 400: bad body');
    expect(cutAnswer('abcdef', 4)).toBe('abc…');
    expect(cutAnswer('ab😀cd', 4)).toBe('ab…');
    expect(cutAnswer('x'.repeat(1000))).toHaveLength(refusedAnswerMax);
  });

  it('posts to the events URL and names it (without credentials) as the destination', async () => {
    const urls: string[] = [];
    const fetchImpl = vi.fn(async (url: string | URL | Request) => {
      urls.push(String(url));
      return new Response(null, { status: 201 });
    });
    store.add('patrol-mark', 'key-3', mark('m3'), Date.now());
    const url = 'http://hall:secret@10.1.2.3:8080/events/in?token=abc';
    const delivery = service(fetchImpl as typeof fetch, url);
    delivery.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(urls).toEqual([url]);
    expect(store.status()).toEqual({
      pending: 0,
      delivered: 1,
      lastError: null,
      refused: 0,
      destination: 'http://10.1.2.3:8080/events/in',
    });
    expect(destinationOf('not a url?x=1')).toBe('not a url');
    await delivery.stop();
  });

  it('with no events URL keeps items here and says the destination is null', async () => {
    const fetchImpl = vi.fn(async () => new Response(null, { status: 201 }));
    store.add('patrol-mark', 'key-4', mark('m4'), Date.now());
    const delivery = service(fetchImpl as typeof fetch, null);
    delivery.start();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(fetchImpl).not.toHaveBeenCalled();
    expect(store.status()).toMatchObject({ pending: 1, refused: 0, destination: null });
    expect(statuses.at(-1)?.destination).toBeNull();
    await delivery.stop();
  });
});
