/**
 * Realtime from the platform over MQTT (docs/protocol.md §3): camera status (QoS 1, retained, so
 * a late client learns every camera's last status at once), unit positions (QoS 0, 1 Hz) and
 * alerts (QoS 1, not retained). Client id `vigil-<station>`, clean session. mqtt.js reconnects
 * on its own; we report up/down to the link state.
 *
 * Every payload is validated (./realtime-payloads.ts); bad ones are dropped and counted.
 * The topic's id must match the payload's id, or the payload is dropped too. A valid payload
 * whose `at` the station cannot take is refused and counted (never stored): any message dated
 * more than `maxFutureSkewMs` ahead of the station's clock, and a unit position older than the
 * track retention. A late position within those limits is passed on: its track keeps it.
 */
import mqtt, { type MqttClient } from 'mqtt';
import type { z } from 'zod';
import { describeZodError } from '../contract-host';
import {
  AlertMessageSchema,
  CameraStatusMessageSchema,
  UnitPositionSchema,
  maxFutureSkewMs,
  topics,
  type AlertMessage,
  type CameraStatusMessage,
  type UnitPosition,
} from './realtime-payloads';

export interface RealtimeClientOptions {
  url: string;
  stationId: string;
  onCameraStatus: (message: CameraStatusMessage) => void;
  onUnit?: (position: UnitPosition) => void;
  onAlert?: (alert: AlertMessage) => void;
  onConnection: (up: boolean, detail: string | null) => void;
  log?: (line: string) => void;
  /** ms between reconnect attempts. */
  reconnectMs?: number;
  connectTimeoutMs?: number;
  /** The station's clock (the `at` limits). Default Date.now. */
  now?: () => number;
  /** Positions older than this (ms before now: the track retention) are refused. Default none. */
  maxPositionAgeMs?: number;
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

const MAX_ALERTS = 500;

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
  /** The most recent alerts, newest last. */
  readonly alerts: AlertMessage[] = [];
  private readonly now: () => number;

  constructor(private readonly options: RealtimeClientOptions) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (this.client) return;
    const client = mqtt.connect(this.options.url, {
      clientId: `vigil-${this.options.stationId}`,
      clean: true,
      reconnectPeriod: this.options.reconnectMs ?? 2000,
      // A broker that refuses us ("server unavailable" while the platform restarts) is a passing
      // state on a police network: keep trying. mqtt.js's default gives up after a refused CONNACK.
      reconnectOnConnackError: true,
      connectTimeout: this.options.connectTimeoutMs ?? 5000,
      protocolVersion: 4,
    });
    this.client = client;
    client.on('connect', () => {
      client.subscribe(
        {
          [topics.cameraStatus]: { qos: 1 },
          [topics.unitPosition]: { qos: 0 },
          [topics.alerts]: { qos: 1 },
        },
        (error) => {
          if (error) this.setUp(false, `subscribe failed: ${error.message}`);
          else this.setUp(true, null);
        },
      );
    });
    client.on('close', () => this.setUp(false, this.up ? 'disconnected' : null));
    client.on('offline', () => this.setUp(false, this.up ? 'disconnected' : null));
    client.on('error', (error) => {
      const code = (error as { code?: string | number }).code;
      this.setUp(false, typeof code === 'string' ? code : error.message);
    });
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
  }

  isUp(): boolean {
    return this.up;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    await new Promise<void>((resolve) => client.end(true, {}, () => resolve()));
  }

  /**
   * Reports a change once: mqtt.js fires error + close on every failed reconnect, so a down
   * link keeps its first useful reason (ECONNREFUSED) instead of flapping to "disconnected".
   */
  private setUp(up: boolean, detail: string | null): void {
    if (!this.client) return; // stopped: the close that follows end() is not news
    if (up === this.up && (up || detail === null || detail === this.detail)) return;
    this.up = up;
    this.detail = up ? null : (detail ?? 'disconnected');
    this.options.onConnection(up, this.detail);
  }

  /** Public for tests: what happens to one message. */
  onMessage(topic: string, payload: Buffer): void {
    this.counters.received++;
    let raw: unknown;
    try {
      raw = JSON.parse(payload.toString('utf8'));
    } catch {
      return this.drop(topic, 'not JSON');
    }
    const parts = topic.split('/');
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
    } else if (topic === topics.alerts) {
      const alert = this.validate(topic, AlertMessageSchema, raw);
      if (!alert) return;
      this.alerts.push(alert);
      if (this.alerts.length > MAX_ALERTS) this.alerts.splice(0, this.alerts.length - MAX_ALERTS);
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
    if (this.counters.refused <= 5 || this.counters.refused % 100 === 0) {
      this.options.log?.(`realtime: refused payload #${this.counters.refused} on ${topic}: ${why}`);
    }
  }

  private drop(topic: string, why: string): void {
    this.counters.dropped++;
    this.counters.lastDropped = `${topic}: ${why}`;
    // Log the first few and then every 100th, so a flood of bad payloads does not flood the log.
    if (this.counters.dropped <= 5 || this.counters.dropped % 100 === 0) {
      this.options.log?.(`realtime: dropped payload #${this.counters.dropped} on ${topic}: ${why}`);
    }
  }
}
