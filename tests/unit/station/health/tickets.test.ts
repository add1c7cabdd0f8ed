/**
 * Fault tickets at the station (issue #16 item 4): a fault that persists opens one through the
 * outbox (a provisional ticket shown at once, replaced by the platform's record); a flapping
 * camera opens none per flap; the lifecycle's acts, their refusals in the table's words, the
 * event + audit row + pending in one transaction, a 409 kept on the ticket; auto-verify.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultTicket } from '../../../../shared/contract/health';
import { ticketRefusal } from '../../../../shared/domain/health/tickets';
import type { OutboxItem } from '../../../../electron/station/cache/outbox-store';
import { HOUR, MIN, T0, harness, watcher, type Harness } from './harness';

let h: Harness;
afterEach(() => h.close());

const at = (ms: number) => {
  h.clock.now = T0 + ms;
};
const tickets = (status: 'open' | 'all' = 'open') =>
  h.cap.handlers['health.tickets']({ status, limit: 500 }, watcher) as FaultTicket[];
const act = (input: { ticketId: string; action: string; contractor?: string; note?: string }) =>
  h.cap.handlers['health.ticketAct']({ note: '', ...input } as never, watcher) as FaultTicket;
const auditRows = () =>
  h.db.prepare('SELECT operator, action, subject FROM audit ORDER BY id').all() as {
    operator: string;
    action: string;
    subject: string;
  }[];

/** A station (ticket after 10 s) whose cam-1 tile has shown `state` long enough for a ticket. */
const faultOpened = (state = 'black-picture') => {
  h = harness({ health: { ticketAfterSeconds: 10 } });
  h.cap.health.start();
  h.cap.onTiles([{ cameraId: 'cam-1', state }]);
  at(10_000);
  h.cap.scan();
};
/** The platform refuses the outbox's item of `kind` with `error` (as the delivery says it). */
const refuse = (kind: string, error: string) => {
  const row = h.db.prepare('SELECT * FROM outbox WHERE kind = ?').get(kind) as {
    id: number;
    payload: string;
  };
  h.db.prepare('UPDATE outbox SET rejected_at = 1 WHERE id = ?').run(row.id);
  h.cap.onSettled(
    { id: row.id, kind, payload: JSON.parse(row.payload) } as OutboxItem,
    'rejected',
    error,
  );
};

describe('auto-open', () => {
  it('a black picture that persists opens one ticket, shown at once, replaced by the record', () => {
    h = harness({ health: { ticketAfterSeconds: 120 } });
    h.cap.health.start();
    h.cap.onTiles([{ cameraId: 'cam-1', state: 'black-picture' }]);
    at(119_000);
    h.cap.scan();
    expect(h.queued('ticket-open')).toEqual([]);
    at(120_000);
    h.cap.scan();
    h.cap.scan(); // a second scan opens no second one
    const opens = h.queued('ticket-open');
    expect(opens).toHaveLength(1);
    expect(opens[0]).toMatchObject({
      type: 'ticket-open',
      cameraId: 'cam-1',
      fault: 'black',
      source: 'tile',
      operator: 'auto',
    });
    const [shown] = tickets();
    expect(shown).toMatchObject({
      id: opens[0]!.ticketId,
      number: '待编号',
      provisional: true,
      pending: 1,
      status: 'new',
      slaHours: 8,
      cameraName: '东关路口1',
      zoneId: 'z1',
      cameraContractor: '鲁通运维',
      breached: false,
    });
    expect(h.cap.health.health('cam-1').openTicketId).toBe(shown!.id);
    expect(auditRows()).toContainEqual({
      operator: 'auto',
      action: 'ticket.open',
      subject: shown!.id,
    });
    // The stream carries it; the mark stays 'picture' while the picture is bad.
    h.cap.flush();
    expect(h.emitted.some((e) => e.stream === 'health.ticket')).toBe(true);

    // The platform's record replaces it in place.
    h.cap.onTicket(h.record({ id: shown!.id, rev: 1, number: 'GD-20261201-0007' }));
    expect(tickets()).toMatchObject([
      { id: shown!.id, number: 'GD-20261201-0007', provisional: false },
    ]);
    // Older revs never undo a newer one.
    h.cap.onTicket(
      h.record({ id: shown!.id, rev: 3, status: 'dispatched', contractor: '鲁通运维' }),
    );
    h.cap.onTicket(h.record({ id: shown!.id, rev: 2, status: 'new' }));
    expect(tickets()[0]!.status).toBe('dispatched');
  });

  it('a checkpoint camera offline by the prober: source prober, its SLA tier', () => {
    h = harness({ health: { ticketAfterSeconds: 60, slaHours: { checkpoint: 2 } } });
    h.cap.health.start();
    h.cap.onProbe({
      cameraId: 'cam-3',
      at: T0,
      outcome: 'unreachable',
      mediaSequence: null,
      detail: '',
    });
    at(61_000);
    h.cap.scan();
    expect(h.queued('ticket-open')).toMatchObject([
      { cameraId: 'cam-3', fault: 'offline', source: 'prober' },
    ]);
    expect(tickets()[0]).toMatchObject({ slaHours: 2, dueAt: T0 + 61_000 + 2 * HOUR });
  });

  it('a flapping camera never opens a ticket per flap', () => {
    h = harness({ health: { ticketAfterSeconds: 120 } });
    h.cap.health.start();
    // Down 90 s, up 30 s, twenty times over: never 120 s unbroken.
    for (let i = 0; i < 20; i++) {
      at(i * 120_000);
      h.cap.onCameraStatus({ cameraId: 'cam-2', status: 'offline', at: h.clock.now });
      for (let s = 10_000; s <= 90_000; s += 10_000) {
        at(i * 120_000 + s);
        h.cap.scan();
      }
      h.cap.onCameraStatus({ cameraId: 'cam-2', status: 'online', at: h.clock.now });
      h.cap.scan();
    }
    expect(h.queued('ticket-open')).toEqual([]);
    // It then stays down: one ticket; flapping on after that opens no other.
    at(40 * MIN);
    h.cap.onCameraStatus({ cameraId: 'cam-2', status: 'offline', at: h.clock.now });
    at(43 * MIN);
    h.cap.scan();
    for (let i = 0; i < 5; i++) {
      at(44 * MIN + i * 5 * MIN);
      h.cap.onCameraStatus({ cameraId: 'cam-2', status: 'online', at: h.clock.now });
      at(44 * MIN + i * 5 * MIN + MIN);
      h.cap.onCameraStatus({ cameraId: 'cam-2', status: 'offline', at: h.clock.now });
      at(44 * MIN + i * 5 * MIN + 4 * MIN);
      h.cap.scan();
    }
    expect(h.queued('ticket-open')).toHaveLength(1);
  });

  it('the platform merged our open into its ticket: the provisional one goes', () => {
    faultOpened('frozen-picture');
    const provisional = tickets()[0]!;
    h.cap.onTicket(
      h.record({ id: 'T-mark-1', rev: 4, fault: 'frozen', source: 'mark', repeats: 1 }),
    );
    expect(tickets().map((t) => t.id)).toEqual(['T-mark-1']);
    expect(provisional.id).not.toBe('T-mark-1');
  });

  it('an open the platform refuses closes the provisional ticket, and opens no other', () => {
    faultOpened();
    refuse('ticket-open', 'HTTP 409: {"error":"unknown camera cam-1"}');
    expect(tickets()).toEqual([]);
    expect(tickets('all')[0]).toMatchObject({
      status: 'withdrawn',
      provisional: true,
      refused: { action: 'open', answer: 'unknown camera cam-1' },
    });
    at(60_000);
    h.cap.scan();
    expect(h.queued('ticket-open')).toHaveLength(1);
  });

  it('a ticket withdrawn while the fault goes on does not reopen at once', () => {
    faultOpened();
    const id = tickets()[0]!.id;
    at(20_000);
    h.cap.onTicket(h.record({ id, rev: 2, status: 'withdrawn', closedAt: T0 + 20_000 }));
    at(60_000);
    h.cap.scan();
    expect(h.queued('ticket-open')).toHaveLength(1);
  });
});

describe('pictureFault (the rotation passes such cameras over)', () => {
  it('a bad picture on a tile now, or an open ticket for a picture fault', () => {
    h = harness();
    h.cap.health.start([{ id: 'cam-1', status: 'online' }]);
    expect(h.cap.pictureFault('cam-1')).toBe(false);
    h.cap.onTiles([{ cameraId: 'cam-1', state: 'frozen-picture' }]);
    expect(h.cap.pictureFault('cam-1')).toBe(true);
    h.cap.onTiles([{ cameraId: 'cam-1', state: 'playing' }]);
    expect(h.cap.pictureFault('cam-1')).toBe(false);
    h.cap.onTicket(h.record({ id: 'T1', rev: 1, cameraId: 'cam-2', fault: 'obstructed' }));
    h.cap.onTicket(h.record({ id: 'T2', rev: 1, cameraId: 'cam-3', fault: 'offline' }));
    expect(h.cap.pictureFault('cam-2')).toBe(true);
    expect(h.cap.pictureFault('cam-3')).toBe(false);
    h.cap.onTicket(h.record({ id: 'T1', rev: 2, cameraId: 'cam-2', status: 'closed' }));
    expect(h.cap.pictureFault('cam-2')).toBe(false);
  });
});

describe('the health.ticket stream', () => {
  it('a burst of records is one event per ticket; an open ticket marks a healthy camera', () => {
    h = harness();
    h.cap.health.start([{ id: 'cam-2', status: 'online' }]);
    h.cap.flush();
    h.emitted.length = 0;
    for (let rev = 1; rev <= 5; rev++) {
      h.cap.onTicket(h.record({ id: 'T1', rev, cameraId: 'cam-2', repeats: rev }));
    }
    h.cap.flush();
    const ticketEvents = h.emitted.filter((e) => e.stream === 'health.ticket');
    expect(ticketEvents).toHaveLength(1);
    expect(ticketEvents[0]!.payload).toMatchObject({ id: 'T1', rev: 5, repeats: 5 });
    expect(h.emitted).toContainEqual({
      stream: 'health.mark',
      payload: { cameraId: 'cam-2', mark: 'ticket' },
    });
    // Closed: the camera is plainly healthy again.
    h.cap.onTicket(h.record({ id: 'T1', rev: 6, cameraId: 'cam-2', status: 'withdrawn' }));
    h.cap.flush();
    expect(h.cap.health.mark('cam-2')).toBe('ok');
  });
});

describe('health.ticketAct', () => {
  const opened = (status = 'new') => {
    h = harness();
    h.cap.health.start();
    h.cap.onTicket(h.record({ id: 'T1', rev: 1, status: status as never }));
  };

  it('dispatch names the contractor: event, audit row and pending together', () => {
    opened();
    const answer = act({ ticketId: 'T1', action: 'dispatch', contractor: '鲁通运维' });
    expect(answer).toMatchObject({ id: 'T1', pending: 1, status: 'new' });
    expect(h.queued('ticket-action')).toMatchObject([
      {
        type: 'ticket-action',
        ticketId: 'T1',
        action: 'dispatch',
        contractor: '鲁通运维',
        operator: '值机员甲',
      },
    ]);
    expect(auditRows()).toContainEqual({
      operator: '值机员甲',
      action: 'ticket.dispatch',
      subject: 'T1',
    });
  });

  it('refuses what the lifecycle forbids in its words, and what lacks a contractor or a reason', () => {
    opened();
    expect(() => act({ ticketId: 'T1', action: 'verify' })).toThrow(ticketRefusal('new', 'verify'));
    expect(() => act({ ticketId: 'T1', action: 'dispatch' })).toThrow(/names the contractor/);
    expect(() => act({ ticketId: 'T1', action: 'withdraw', note: '  ' })).toThrow(/says why/);
    expect(() => act({ ticketId: 'nope', action: 'dispatch', contractor: 'x' })).toThrow(
      /no ticket nope/,
    );
    expect(h.queued('ticket-action')).toEqual([]);
    try {
      act({ ticketId: 'T1', action: 'start' });
    } catch (error) {
      expect((error as { code?: string }).code).toBe('bad-input');
    }
  });

  it('goes new → dispatched → repairing → suspended → repairing → repaired → closed', () => {
    opened();
    const steps: [string, string, Record<string, string>][] = [
      ['dispatch', 'dispatched', { contractor: '鲁通运维' }],
      ['start', 'repairing', {}],
      ['suspend', 'suspended', { note: '等备件' }],
      ['resume', 'repairing', {}],
      ['repaired', 'repaired', {}],
      ['verify', 'closed', {}],
    ];
    steps.forEach(([action, next, extra], i) => {
      act({ ticketId: 'T1', action, ...extra });
      // The platform's record follows.
      h.cap.onTicket(h.record({ id: 'T1', rev: i + 2, status: next as never }));
    });
    expect(h.queued('ticket-action').map((e) => e.action)).toEqual(steps.map((s) => s[0]));
    expect(tickets('all')[0]).toMatchObject({ status: 'closed' });
    expect(tickets('open')).toEqual([]);
  });

  it('a 409 is kept on the ticket as refused, and cleared by the next act', () => {
    opened();
    act({ ticketId: 'T1', action: 'dispatch', contractor: '鲁通运维' });
    refuse(
      'ticket-action',
      'HTTP 409: {"error":"a closed ticket cannot take the action \\"dispatch\\""}',
    );
    expect(tickets()[0]).toMatchObject({
      pending: 0,
      refused: { action: 'dispatch', answer: 'a closed ticket cannot take the action "dispatch"' },
    });
    act({ ticketId: 'T1', action: 'dispatch', contractor: '鲁通运维' });
    expect(tickets()[0]!.refused).toBeNull();
  });

  it('an SLA past due is flagged breached', () => {
    opened();
    at(9 * HOUR);
    expect(tickets()[0]!.breached).toBe(true);
  });
});

describe('auto-verify', () => {
  it('a repaired ticket whose camera stayed healthy autoVerifyHours is verified by auto', () => {
    h = harness({ health: { autoVerifyHours: 24 } });
    h.cap.health.start([{ id: 'cam-1', status: 'online' }]);
    h.cap.onTicket(h.record({ id: 'T1', rev: 5, status: 'repaired', repairedAt: T0 }));
    at(23 * HOUR);
    h.cap.scan();
    expect(h.queued('ticket-action')).toEqual([]);
    at(24 * HOUR);
    h.cap.scan();
    h.cap.scan(); // pending: not twice
    const [verify] = h.queued('ticket-action');
    expect(h.queued('ticket-action')).toHaveLength(1);
    expect(verify).toMatchObject({ action: 'verify', operator: 'auto' });
    expect(String(verify!.note)).toMatch(/自动验证.*verified by itself/);
  });

  it('a camera that went down since the repair is not verified', () => {
    h = harness({ health: { autoVerifyHours: 1 } });
    h.cap.health.start([{ id: 'cam-1', status: 'online' }]);
    h.cap.onTicket(h.record({ id: 'T1', rev: 5, status: 'repaired', repairedAt: T0 }));
    at(30 * MIN);
    h.cap.onCameraStatus({ cameraId: 'cam-1', status: 'offline', at: h.clock.now });
    at(2 * HOUR);
    h.cap.scan();
    expect(h.queued('ticket-action')).toEqual([]);
  });
});

describe('health.ticketPicture', () => {
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
  it('fetches the picture as a data URL; not a JPEG or over 2 MB is null', async () => {
    const answers: Response[] = [
      new Response(jpeg, { status: 200 }),
      new Response('<html>', { status: 200 }),
      new Response('x', { status: 200, headers: { 'content-length': String(3 * 1024 * 1024) } }),
    ];
    h = harness({}, { fetch: () => Promise.resolve(answers.shift()!) });
    h.cap.onTicket(
      h.record({ id: 'T1', rev: 1, source: 'mark', pictureUrl: 'http://p.test/1.jpg' }),
    );
    h.cap.onTicket(h.record({ id: 'T2', rev: 1, cameraId: 'cam-2' }));
    const picture = (ticketId: string) =>
      h.cap.handlers['health.ticketPicture']({ ticketId }, watcher) as Promise<unknown>;
    expect(await picture('T1')).toEqual({
      dataUrl: `data:image/jpeg;base64,${jpeg.toString('base64')}`,
    });
    expect(await picture('T1')).toBeNull();
    expect(await picture('T1')).toBeNull();
    expect(await picture('T2')).toBeNull(); // it has none
  });
});
