/**
 * `vigil/tickets/{id}` on MQTT (issue #16): a valid record is passed on; a malformed one, one
 * whose id is not the topic's, or one dated far ahead is dropped (or refused) and counted; an
 * empty retained payload says the platform cleared it, and clears nothing here.
 */
import { describe, expect, it } from 'vitest';
import type { TicketMessage } from '../../../../shared/contract/platform-health';
import { RealtimeClient } from '../../../../electron/station/upstream/realtime-client';
import { T0 } from './harness';

function setup() {
  const got: TicketMessage[] = [];
  const cleared: string[] = [];
  const realtime = new RealtimeClient({
    url: 'mqtt://unused',
    stationId: 't',
    now: () => T0,
    onCameraStatus: () => {},
    onTicket: (t) => got.push(t),
    onTicketCleared: (id) => cleared.push(id),
    onConnection: () => {},
  });
  const send = (id: string, body: unknown) =>
    realtime.onMessage(
      `vigil/tickets/${id}`,
      Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
      true,
    );
  return { realtime, got, cleared, send };
}

const ticket = {
  id: 'T1',
  number: 'GD-20261201-0001',
  cameraId: 'cam-1',
  fault: 'black',
  source: 'tile',
  status: 'new',
  openedAt: T0,
  openedBy: 'auto',
  slaHours: 8,
  dueAt: T0 + 8 * 3_600_000,
  lastSeenAt: T0,
  rev: 1,
};

describe('ticket messages', () => {
  it('passes a valid record on, with the schema defaults', () => {
    const s = setup();
    s.send('T1', ticket);
    expect(s.got).toMatchObject([{ id: 'T1', contractor: null, repeats: 0, timeline: [] }]);
    expect(s.realtime.counters).toMatchObject({ dropped: 0, refused: 0 });
  });

  it('drops and counts the malformed, the mismatched id; refuses one dated far ahead', () => {
    const s = setup();
    s.send('T1', '{not json');
    s.send('T1', { ...ticket, status: 'lost' });
    s.send('T1', { ...ticket, rev: -1 });
    s.send('T2', ticket);
    s.send('T1', { ...ticket, lastSeenAt: T0 + 86_400_000 });
    expect(s.got).toEqual([]);
    expect(s.realtime.counters).toMatchObject({ dropped: 4, refused: 1 });
    expect(s.realtime.counters.lastDropped).toMatch(/^vigil\/tickets\/T2: id does not match topic/);
    // The good one after them still goes through.
    s.send('T1', ticket);
    expect(s.got).toHaveLength(1);
  });

  it('an empty retained payload is a clearing, never a record', () => {
    const s = setup();
    s.realtime.onMessage('vigil/tickets/T1', Buffer.alloc(0), true);
    expect(s.cleared).toEqual(['T1']);
    expect(s.got).toEqual([]);
    expect(s.realtime.counters.dropped).toBe(0);
  });
});
