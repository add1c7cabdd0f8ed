/**
 * The realtime feed's health as the link shows it (issue #10): broker errors in words and
 * without the password, dropped and refused payloads counted into `LinkState.realtime`, a new
 * drop told to the windows (a new message received is not), and the presence rule that finds
 * another workstation with this station's id. No broker: RealtimeClient.onMessage and the pure
 * link state (the brokers are in tests/integration/station/mqtt-broker.test.ts).
 */
import { describe, expect, it, vi } from 'vitest';
import type { LinkRealtime, LinkState } from '../../../../shared/api';
import {
  DUPLICATE_STATION_ID,
  initialLink,
  LinkMonitor,
  linkView,
  reduceLink,
} from '../../../../electron/station/upstream/link-state';
import {
  describeMqttError,
  presenceTopic,
  RealtimeClient,
  withoutSecrets,
} from '../../../../electron/station/upstream/realtime-client';

const error = (message: string, code?: string | number) =>
  Object.assign(new Error(message), { code });

describe('broker errors in words', () => {
  it('names a refused CONNACK and the keys to look at', () => {
    expect(describeMqttError(error('Connection refused: Not authorized', 5))).toMatch(
      /^MQTT: not authorized: .*platform\.mqttUsername, platform\.mqttPassword/,
    );
    expect(describeMqttError(error('Connection refused: Bad username or password', 4))).toMatch(
      /^MQTT: not authorized: bad user name or password/,
    );
    expect(describeMqttError(error('Connection refused: Identifier rejected', 2))).toMatch(
      /client id .*same station\.id/,
    );
    expect(describeMqttError(error('Connection refused: Server unavailable', 3))).toBe(
      'the broker refused: server unavailable',
    );
  });

  it('says which TLS check failed, and keeps a socket code as it was', () => {
    for (const code of ['SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']) {
      expect(describeMqttError(error('x', code))).toBe(
        `TLS: the broker's certificate is not signed by a trusted CA (platform.mqttCaFile) (${code})`,
      );
    }
    expect(describeMqttError(error('x', 'ERR_TLS_CERT_ALTNAME_INVALID'))).toMatch(/host name/);
    expect(describeMqttError(error('x', 'CERT_HAS_EXPIRED'))).toMatch(/expired/);
    expect(describeMqttError(error('connect ECONNREFUSED', 'ECONNREFUSED'))).toBe('ECONNREFUSED');
  });

  it('blots out the password wherever an error puts it, and URL credentials', () => {
    expect(
      withoutSecrets('auth failed for vigil/pa$$word (mqtt://vigil:pa$$word@10.1.2.3)', [
        'pa$$word',
      ]),
    ).toBe('auth failed for vigil/*** (mqtt://vigil:***@10.1.2.3)');
    expect(withoutSecrets('mqtts://u:other@host:8883 down', [])).toBe(
      'mqtts://u:***@host:8883 down',
    );
  });
});

function client(onHealth?: (h: LinkRealtime) => void, log?: (line: string) => void) {
  return new RealtimeClient({
    url: 'mqtt://unused',
    stationId: 'desk-7',
    broker: { username: 'vigil', password: 'hunter2-secret' },
    onCameraStatus: () => {},
    onConnection: () => {},
    onHealth,
    healthIntervalMs: 0,
    log,
  });
}
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('counters into the link', () => {
  it('counts a bad payload as dropped, with topic and reason as the last problem', async () => {
    const seen: LinkRealtime[] = [];
    const realtime = client((h) => seen.push(h));
    realtime.onMessage(
      'vigil/alerts',
      json({ id: 'a1', title: '', category: 'x', lat: 1, lng: 1, at: 1 }),
    );
    realtime.onMessage('vigil/cameras/c1/status', Buffer.from('{not json'));
    expect(realtime.health()).toMatchObject({
      received: 2,
      dropped: 2,
      refused: 0,
      lastProblem: 'vigil/cameras/c1/status: not JSON',
      duplicateStationId: false,
    });
    await vi.waitFor(() => expect(seen.at(-1)?.dropped).toBe(2));
  });

  it('shows the counts in the link view; a drop is news to the windows, a receipt is not', () => {
    const changes: LinkState[] = [];
    const monitor = new LinkMonitor({ http: false, mqtt: true }, 'file', (v) => changes.push(v));
    expect(monitor.get().realtime).toEqual({
      received: 0,
      dropped: 0,
      refused: 0,
      lastProblem: null,
      duplicateStationId: false,
    });
    monitor.update({ kind: 'mqtt-up' });
    const before = changes.length;
    const health = (h: Partial<LinkRealtime>): LinkRealtime => ({
      received: 0,
      dropped: 0,
      refused: 0,
      lastProblem: null,
      duplicateStationId: false,
      ...h,
    });
    monitor.update({ kind: 'realtime-health', health: health({ received: 500 }) });
    expect(changes.length).toBe(before);
    expect(monitor.get().realtime?.received).toBe(500); // current in link.get all the same
    monitor.update({
      kind: 'realtime-health',
      health: health({ received: 501, dropped: 1, lastProblem: 'vigil/alerts: title: too short' }),
    });
    expect(changes.length).toBe(before + 1);
    expect(changes.at(-1)?.realtime).toMatchObject({ dropped: 1, received: 501 });
    // A station without a broker has no realtime in its link.
    expect(linkView(initialLink({ http: true, mqtt: false }, 'none', 0)).realtime).toBeUndefined();
  });

  it('a duplicate station id makes the link degraded and says so first, MQTT up or down', () => {
    let m = initialLink({ http: false, mqtt: true }, 'file', 0);
    m = reduceLink(m, { kind: 'mqtt-up' }, 1);
    expect(linkView(m).state).toBe('online');
    const duplicate: LinkRealtime = {
      received: 0,
      dropped: 0,
      refused: 0,
      lastProblem: null,
      duplicateStationId: true,
    };
    m = reduceLink(m, { kind: 'realtime-health', health: duplicate }, 2);
    expect(linkView(m)).toMatchObject({
      state: 'degraded',
      detail: `realtime: ${DUPLICATE_STATION_ID}`,
    });
    m = reduceLink(m, { kind: 'mqtt-down', detail: 'disconnected' }, 3);
    expect(linkView(m).detail).toBe(`realtime: ${DUPLICATE_STATION_ID}; realtime: disconnected`);
    m = reduceLink(m, { kind: 'mqtt-up' }, 4);
    m = reduceLink(
      m,
      { kind: 'realtime-health', health: { ...duplicate, duplicateStationId: false } },
      5,
    );
    expect(linkView(m)).toMatchObject({ state: 'online', detail: null });
  });
});

describe('presence: another workstation with this id', () => {
  const presence = (instance: string, online = true) =>
    json({ stationId: 'desk-7', instance, online, at: 1 });

  it('ignores an earlier run, then knows a foreign instance on its own topic for a duplicate', () => {
    const seen: LinkRealtime[] = [];
    const lines: string[] = [];
    const realtime = client(
      (h) => seen.push(h),
      (l) => lines.push(l),
    );
    const topic = presenceTopic('desk-7');
    expect(topic).toBe('vigil/stations/desk-7/online');
    // Retained from the previous run of this station (it crashed): not a duplicate.
    realtime.onMessage(topic, presence('previous-run', true), true);
    expect(realtime.health().duplicateStationId).toBe(false);
    // Our own announcement comes back: from now on a foreign one is another workstation.
    realtime.onMessage(topic, presence(realtime.instance));
    // A will arriving live (an earlier run's connection dropped late) is not another desk.
    realtime.onMessage(topic, presence('previous-run', false));
    expect(realtime.health().duplicateStationId).toBe(false);
    // Found retained at a reconnect: whoever held the id since was another workstation.
    realtime.onMessage(topic, presence('the-other-desk', false), true);
    expect(realtime.health().duplicateStationId).toBe(true);
    expect(seen.at(-1)?.duplicateStationId).toBe(true); // told at once, not throttled
    expect(lines.join('\n')).toMatch(
      /another workstation uses the same station\.id "desk-7" \(MQTT client id vigil-desk-7\)/,
    );
    // Presence is not platform data: not received, not dropped.
    expect(realtime.health()).toMatchObject({ received: 0, dropped: 0 });
  });

  it('never logs the password, even where a line would carry it', () => {
    const lines: string[] = [];
    const realtime = client(undefined, (l) => lines.push(l));
    realtime.onMessage('vigil/hunter2-secret', json({}));
    expect(lines).toEqual(['realtime: dropped payload #1 on vigil/***: unknown topic']);
  });
});
