/**
 * Realtime from the platform over MQTT (docs/protocol.md §3): camera status (QoS 1, retained, so
 * a late client learns every camera's last status at once), unit positions (QoS 0, 1 Hz) and
 * alerts (QoS 1, not retained); incidents, unit statuses and fault tickets (QoS 1, retained). Client id `vigil-<station>`, clean session. mqtt.js reconnects
 * on its own; we report up/down to the link state.
 *
 * Every payload is validated (./realtime-payloads.ts); bad ones are dropped and counted.
 * The topic's id must match the payload's id, or the payload is dropped too. A valid payload
 * whose `at` the station cannot take is refused and counted (never stored): any message dated
 * more than `maxFutureSkewMs` ahead of the station's clock, and a unit position older than the
 * track retention. A late position within those limits is passed on: its track keeps it.
 *
 * The broker may ask for a user name and password and speak TLS (mqtts://, a CA file, a client
 * certificate): `broker`. The password never appears in a detail or a log line, whatever the
 * MQTT library puts in its errors. A refused CONNACK or a TLS failure is said in words.
 *
 * Presence: each client publishes `vigil/stations/<id>/online` (retained, QoS 1, with a random
 * instance nonce; its will says `online: false`). Two stations with one id take the broker's
 * session from each other in turn (client id takeover), so they are never connected at once; each,
 * on reconnecting, finds the other's presence retained on its own topic and knows. Foreign presence
 * is ignored before this process first announced itself (a previous run of the station), and a
 * foreign will arriving live is answered by announcing again (onPresence).
 */
import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { z } from 'zod';
import type { LinkRealtime } from '../../../shared/api';
import type { MqttBrokerOptions } from '../config';
import { describeZodError } from '../contract-host';
import { redactUrlCredentials } from '../text-input';
import {
  AlertMessageSchema,
  CameraStatusMessageSchema,
  IncidentMessageSchema,
  TicketMessageSchema,
  UnitPositionSchema,
  UnitStatusMessageSchema,
  maxFutureSkewMs,
  topics,
  type AlertMessage,
  type CameraStatusMessage,
  type IncidentMessage,
  type TicketMessage,
  type UnitPosition,
  type UnitStatusMessage,
} from './realtime-payloads';

export interface RealtimeClientOptions {
  url: string;
  stationId: string;
  onCameraStatus: (message: CameraStatusMessage) => void;
  onUnit?: (position: UnitPosition) => void;
  onAlert?: (alert: AlertMessage) => void;
  /** An incident's record (vigil/incidents/{id}); `cleared`: the platform emptied its topic. */
  onIncident?: (incident: IncidentMessage) => void;
  onIncidentCleared?: (incidentId: string) => void;
  /** A unit's status (vigil/units/{unitId}/status). */
  onUnitStatus?: (status: UnitStatusMessage) => void;
  /** A fault ticket's record (vigil/tickets/{id}); `cleared`: the platform emptied its topic. */
  onTicket?: (ticket: TicketMessage) => void;
  onTicketCleared?: (ticketId: string) => void;
  /** How long a publish may wait for the broker's PUBACK, ms. Default 10000. */
  publishTimeoutMs?: number;
  onConnection: (up: boolean, detail: string | null) => void;
  log?: (line: string) => void;
  /** ms between reconnect attempts. */
  reconnectMs?: number;
  connectTimeoutMs?: number;
  /** The station's clock (the `at` limits). Default Date.now. */
  now?: () => number;
  /** Positions older than this (ms before now: the track retention) are refused. Default none. */
  maxPositionAgeMs?: number;
  /** The broker's credentials and TLS material (platform.mqttUsername … mqttKeyFile). */
  broker?: MqttBrokerOptions;
  /**
   * The feed's health (counts, the last problem, a duplicate station id) after it changed: at
   * most once per `healthIntervalMs` (default 1000), at once when a duplicate id is found or gone.
   */
  onHealth?: (health: LinkRealtime) => void;
  healthIntervalMs?: number;
  /**
   * A duplicate station id is forgotten once a connection has lasted this long (ms) without the
   * other taking it over (it takes over within its reconnect period). Default 30000.
   */
  duplicateClearMs?: number;
}

export interface RealtimeCounters {
  received: number;
  dropped: number;
  /** Why the last payload was dropped. */
  lastDropped: string | null;
  /** Valid payloads refused for their `at` (future-dated, or a position past the retention). */
  refused: number;
  /** Why the last payload was refused. */
  lastRefused: string | null;
}

/** The presence topic of a station id (retained; docs/protocol.md §3). */
export const presenceTopic = (stationId: string): string => `vigil/stations/${stationId}/online`;

const tlsTrustCodes = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
]);

/**
 * An MQTT connection error in words: a refused CONNACK (MQTT 3.1.1 return codes) or a TLS
 * failure says what is wrong and which key to look at; a socket error keeps its code.
 */
export function describeMqttError(error: Error & { code?: unknown }): string {
  const code = error.code;
  if (typeof code === 'number') {
    switch (code) {
      case 1:
        return 'the broker refused: unacceptable MQTT protocol version';
      case 2:
        return 'the broker refused the client id (does another workstation use the same station.id?)';
      case 3:
        return 'the broker refused: server unavailable';
      case 4:
        return 'MQTT: not authorized: bad user name or password (platform.mqttUsername, platform.mqttPassword)';
      case 5:
        return 'MQTT: not authorized: the broker refused these credentials (platform.mqttUsername, platform.mqttPassword)';
      default:
        return `the broker refused: ${error.message} (code ${code})`;
    }
  }
  if (typeof code === 'string') {
    if (tlsTrustCodes.has(code)) {
      return `TLS: the broker's certificate is not signed by a trusted CA (platform.mqttCaFile) (${code})`;
    }
    if (code === 'CERT_HAS_EXPIRED') return `TLS: the broker's certificate has expired (${code})`;
    if (code === 'CERT_NOT_YET_VALID')
      return `TLS: the broker's certificate is not valid yet (${code})`;
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      return `TLS: the broker's certificate is not for this host name (${code})`;
    }
    if (code.startsWith('ERR_SSL_') || code === 'EPROTO') return `TLS: ${error.message}`;
    return code;
  }
  if (error.message === 'TLS not authorized') return "TLS: the broker's certificate is not trusted";
  return error.message;
}

/** A text with every occurrence of a secret, and the password of any URL in it, blotted out. */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret !== '') out = out.split(secret).join('***');
  return redactUrlCredentials(out);
}

interface Presence {
  instance: string;
  online: boolean;
}

function parsePresence(payload: Buffer): Presence | null {
  try {
    const raw = JSON.parse(payload.toString('utf8')) as unknown;
    if (typeof raw !== 'object' || raw === null) return null;
    const { instance, online } = raw as Record<string, unknown>;
    if (typeof instance !== 'string' || instance === '' || typeof online !== 'boolean') return null;
    return { instance, online };
  } catch {
    return null;
  }
}

export class RealtimeClient {
  private client: MqttClient | null = null;
  private up = false;
  private detail: string | null = 'connecting';
  readonly counters: RealtimeCounters = {
    received: 0,
    dropped: 0,
    lastDropped: null,
    refused: 0,
    lastRefused: null,
  };
  private readonly now: () => number;
  /** This process's presence nonce: another one on our presence topic is another workstation. */
  readonly instance = randomUUID();
  private readonly presence: string;
  /** This process has announced itself on the presence topic (so foreign presence is news). */
  private announced = false;
  /** The first presence message since the current connect is still to come. */
  private firstPresence = true;
  private duplicate = false;
  private lastProblem: string | null = null;
  private healthTimer: ReturnType<typeof setTimeout> | null = null;
  private duplicateTimer: ReturnType<typeof setTimeout> | null = null;
  private connectedAt = 0;
  private healthAt = 0;
  private readonly secrets: string[];

  constructor(private readonly options: RealtimeClientOptions) {
    this.now = options.now ?? Date.now;
    this.presence = presenceTopic(options.stationId);
    const password = options.broker?.password;
    this.secrets = password === undefined ? [] : [password];
  }

  start(): void {
    if (this.client) return;
    const { broker, stationId } = this.options;
    const client = mqtt.connect(this.options.url, {
      clientId: `vigil-${stationId}`,
      clean: true,
      reconnectPeriod: this.options.reconnectMs ?? 2000,
      // A broker that refuses us ("server unavailable" while the platform restarts) is a passing
      // state on a police network: keep trying. mqtt.js's default gives up after a refused CONNACK.
      reconnectOnConnackError: true,
      connectTimeout: this.options.connectTimeoutMs ?? 5000,
      protocolVersion: 4,
      // onConnect subscribes on every connect, in the order presence needs.
      resubscribe: false,
      ...(broker?.username !== undefined && { username: broker.username }),
      ...(broker?.password !== undefined && { password: broker.password }),
      ...(broker?.ca !== undefined && { ca: broker.ca }),
      ...(broker?.cert !== undefined && { cert: broker.cert }),
      ...(broker?.key !== undefined && { key: broker.key }),
      // Sent by the broker when the connection ends without a DISCONNECT (a crash, a takeover,
      // stop()): the presence topic then says this instance is offline.
      will: {
        topic: this.presence,
        payload: Buffer.from(this.presencePayload(false)),
        qos: 1,
        retain: true,
      },
    });
    this.client = client;
    client.on('connect', () => this.onConnect(client));
    client.on('close', () => {
      this.stopDuplicateTimer();
      this.setUp(false, this.up ? 'disconnected' : null);
    });
    client.on('offline', () => this.setUp(false, this.up ? 'disconnected' : null));
    client.on('error', (error) => this.setUp(false, describeMqttError(error)));
    client.on('message', (topic, payload, packet) => this.onMessage(topic, payload, packet.retain));
  }

  /**
   * Presence first: subscribe to our own presence topic (its retained message is whoever held
   * this id last), then announce ourselves, then the platform's topics.
   */
  private onConnect(client: MqttClient): void {
    this.firstPresence = true;
    this.connectedAt = Date.now();
    this.armDuplicateTimer();
    client.subscribe(this.presence, { qos: 1 }, (error, granted) => {
      if (error) return; // the connection closed: the next connect starts again
      if (granted?.some((g) => g.qos === 128)) {
        this.log(
          `realtime: the broker refused the subscription to ${this.presence}: a second workstation with the same station.id cannot be detected`,
        );
      }
      client.publish(this.presence, this.presencePayload(true), { qos: 1, retain: true }, (e) => {
        if (e && client.connected) this.log(`realtime: presence publish failed: ${e.message}`);
      });
      client.subscribe(
        {
          [topics.cameraStatus]: { qos: 1 },
          [topics.unitPosition]: { qos: 0 },
          [topics.alerts]: { qos: 1 },
          [topics.incidents]: { qos: 1 },
          [topics.unitStatus]: { qos: 1 },
          [topics.tickets]: { qos: 1 },
        },
        (subscribeError) => {
          if (subscribeError) this.setUp(false, `subscribe failed: ${subscribeError.message}`);
          else this.setUp(true, null);
        },
      );
    });
  }

  private presencePayload(online: boolean): string {
    return JSON.stringify({
      stationId: this.options.stationId,
      instance: this.instance,
      online,
      at: this.now(),
    });
  }

  /**
   * A message on our presence topic: ours, an earlier run's, or another workstation's. Retained
   * (found at a connect) or saying online, a foreign one after we announced ourselves is another
   * workstation. Live and offline it is a will arriving late (an earlier run's connection the
   * broker dropped only now): we announce ourselves again, so the retained word stays ours.
   */
  private onPresence(payload: Buffer, retained: boolean): void {
    const first = this.firstPresence;
    this.firstPresence = false;
    const presence = parsePresence(payload);
    if (!presence) return this.drop(this.presence, 'not a presence message');
    if (presence.instance === this.instance) {
      this.announced = true;
      // Ours is still the last word on the topic: nobody else took the id since we last spoke.
      if (first) this.setDuplicate(false);
      return;
    }
    // Before we first announced ourselves, a foreign presence is an earlier run of this station.
    if (!this.announced) return;
    if (retained || presence.online) return this.setDuplicate(true);
    const client = this.client;
    if (client?.connected) {
      client.publish(this.presence, this.presencePayload(true), { qos: 1, retain: true });
    }
  }

  private setDuplicate(duplicate: boolean): void {
    if (duplicate === this.duplicate) return;
    this.duplicate = duplicate;
    const clientId = `vigil-${this.options.stationId}`;
    this.log(
      duplicate
        ? `realtime: another workstation uses the same station.id "${this.options.stationId}" (MQTT client id ${clientId}): the broker logs each out when the other connects; give each workstation its own station.id`
        : `realtime: no other workstation uses station.id "${this.options.stationId}" any more`,
    );
    this.emitHealth(true);
    this.armDuplicateTimer();
  }

  /** While a duplicate is known and we are connected: forget it after a quiet duplicateClearMs. */
  private armDuplicateTimer(): void {
    this.stopDuplicateTimer();
    if (!this.duplicate || !this.client?.connected) return;
    const quiet = this.options.duplicateClearMs ?? 30_000;
    const timer = setTimeout(
      () => {
        this.duplicateTimer = null;
        if (this.client?.connected) this.setDuplicate(false);
      },
      Math.max(0, this.connectedAt + quiet - Date.now()),
    );
    timer.unref?.();
    this.duplicateTimer = timer;
  }

  private stopDuplicateTimer(): void {
    if (this.duplicateTimer) clearTimeout(this.duplicateTimer);
    this.duplicateTimer = null;
  }

  isUp(): boolean {
    return this.up;
  }

  /** The feed's health as the link shows it. */
  health(): LinkRealtime {
    return {
      received: this.counters.received,
      dropped: this.counters.dropped,
      refused: this.counters.refused,
      lastProblem: this.lastProblem,
      duplicateStationId: this.duplicate,
    };
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (this.healthTimer) clearTimeout(this.healthTimer);
    this.healthTimer = null;
    this.stopDuplicateTimer();
    if (!client) return;
    // Forced: no DISCONNECT, so the broker sends our will (presence: offline).
    await new Promise<void>((resolve) => client.end(true, {}, () => resolve()));
  }

  /** Tells onHealth, at most once per interval (or now), and never after stop(). */
  private emitHealth(now = false): void {
    const onHealth = this.options.onHealth;
    if (!onHealth) return;
    const fire = () => {
      this.healthTimer = null;
      this.healthAt = Date.now();
      onHealth(this.health());
    };
    if (now) {
      if (this.healthTimer) clearTimeout(this.healthTimer);
      return fire();
    }
    if (this.healthTimer) return;
    const wait = Math.max(0, this.healthAt + (this.options.healthIntervalMs ?? 1000) - Date.now());
    this.healthTimer = setTimeout(fire, wait);
    this.healthTimer.unref?.();
  }

  private log(line: string): void {
    this.options.log?.(withoutSecrets(line, this.secrets));
  }

  /**
   * Reports a change once: mqtt.js fires error + close on every failed reconnect, so a down
   * link keeps its first useful reason (ECONNREFUSED) instead of flapping to "disconnected".
   */
  private setUp(up: boolean, detail: string | null): void {
    if (!this.client) return; // stopped: the close that follows end() is not news
    if (detail !== null) detail = withoutSecrets(detail, this.secrets);
    if (up === this.up && (up || detail === null || detail === this.detail)) return;
    this.up = up;
    this.detail = up ? null : (detail ?? 'disconnected');
    this.options.onConnection(up, this.detail);
  }

  /**
   * Publishes `body` as JSON with QoS 1 (the outbox's unit orders): resolves when the broker
   * acknowledged it (PUBACK), rejects at once when not connected, or after `publishTimeoutMs`
   * (the outbox then tries again; the unit de-duplicates by the order's id).
   */
  publish(topic: string, body: unknown, qos: 1 = 1): Promise<void> {
    const client = this.client;
    if (!client?.connected) return Promise.reject(new Error('not connected to the broker'));
    const timeoutMs = this.options.publishTimeoutMs ?? 10_000;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no PUBACK within ${timeoutMs} ms`)),
        timeoutMs,
      );
      timer.unref?.();
      client.publish(topic, JSON.stringify(body), { qos }, (error) => {
        clearTimeout(timer);
        if (error) reject(new Error(withoutSecrets(error.message, this.secrets)));
        else resolve();
      });
    });
  }

  /** Public for tests: what happens to one message (`retained`: the broker's retained copy). */
  onMessage(topic: string, payload: Buffer, retained = false): void {
    if (topic === this.presence) return this.onPresence(payload, retained);
    this.counters.received++;
    this.emitHealth();
    const parts = topic.split('/');
    // A closed incident's (or ticket's) retained message cleared by the platform: we keep ours.
    if (payload.length === 0 && parts[0] === 'vigil' && parts.length === 3 && parts[2]) {
      if (parts[1] === 'incidents') return this.options.onIncidentCleared?.(parts[2]);
      if (parts[1] === 'tickets') return this.options.onTicketCleared?.(parts[2]);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(payload.toString('utf8'));
    } catch {
      return this.drop(topic, 'not JSON');
    }
    if (parts[0] !== 'vigil') return this.drop(topic, 'unknown topic');
    if (parts[1] === 'cameras' && parts[3] === 'status' && parts.length === 4) {
      const message = this.validate(topic, CameraStatusMessageSchema, raw);
      if (!message) return;
      if (message.cameraId !== parts[2]) return this.drop(topic, 'cameraId does not match topic');
      if (this.refuseFuture(topic, message.at)) return;
      this.options.onCameraStatus(message);
    } else if (parts[1] === 'units' && parts[3] === 'position' && parts.length === 4) {
      const position = this.validate(topic, UnitPositionSchema, raw);
      if (!position) return;
      if (position.unitId !== parts[2]) return this.drop(topic, 'unitId does not match topic');
      if (this.refuseFuture(topic, position.at)) return;
      const maxAge = this.options.maxPositionAgeMs;
      if (maxAge !== undefined && position.at < this.now() - maxAge) {
        return this.refuse(topic, `at ${position.at} is older than the track retention`);
      }
      // A late fix (older than the unit's latest) is passed on too: the unit service stores it in
      // the track and keeps the latest where it is.
      this.options.onUnit?.(position);
    } else if (parts[1] === 'units' && parts[3] === 'status' && parts.length === 4) {
      const status = this.validate(topic, UnitStatusMessageSchema, raw);
      if (!status) return;
      if (status.unitId !== parts[2]) return this.drop(topic, 'unitId does not match topic');
      if (this.refuseFuture(topic, status.at)) return;
      this.options.onUnitStatus?.(status);
    } else if (parts[1] === 'incidents' && parts.length === 3) {
      const incident = this.validate(topic, IncidentMessageSchema, raw);
      if (!incident) return;
      if (incident.id !== parts[2]) return this.drop(topic, 'id does not match topic');
      if (this.refuseFuture(topic, incident.updatedAt)) return;
      this.options.onIncident?.(incident);
    } else if (parts[1] === 'tickets' && parts.length === 3) {
      const ticket = this.validate(topic, TicketMessageSchema, raw);
      if (!ticket) return;
      if (ticket.id !== parts[2]) return this.drop(topic, 'id does not match topic');
      if (this.refuseFuture(topic, ticket.lastSeenAt)) return;
      this.options.onTicket?.(ticket);
    } else if (topic === topics.alerts) {
      const alert = this.validate(topic, AlertMessageSchema, raw);
      if (!alert) return;
      this.options.onAlert?.(alert);
    } else {
      this.drop(topic, 'unknown topic');
    }
  }

  private validate<T extends z.ZodType>(
    topic: string,
    schema: T,
    raw: unknown,
  ): z.output<T> | null {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.drop(topic, describeZodError(parsed.error));
    return null;
  }

  /** True (and counted) when `at` is further ahead of the station's clock than the skew allows. */
  private refuseFuture(topic: string, at: number): boolean {
    if (at <= this.now() + maxFutureSkewMs) return false;
    this.refuse(topic, `at ${at} is in the future`);
    return true;
  }

  private refuse(topic: string, why: string): void {
    this.counters.refused++;
    this.counters.lastRefused = `${topic}: ${why}`;
    this.lastProblem = withoutSecrets(this.counters.lastRefused, this.secrets);
    this.emitHealth();
    if (this.counters.refused <= 5 || this.counters.refused % 100 === 0) {
      this.log(`realtime: refused payload #${this.counters.refused} on ${topic}: ${why}`);
    }
  }

  private drop(topic: string, why: string): void {
    this.counters.dropped++;
    this.counters.lastDropped = `${topic}: ${why}`;
    this.lastProblem = withoutSecrets(this.counters.lastDropped, this.secrets);
    this.emitHealth();
    // Log the first few and then every 100th, so a flood of bad payloads does not flood the log.
    if (this.counters.dropped <= 5 || this.counters.dropped % 100 === 0) {
      this.log(`realtime: dropped payload #${this.counters.dropped} on ${topic}: ${why}`);
    }
  }
}
