/**
 * The upstream link as the operator sees it: online, degraded or offline, with what is wrong.
 * A pure state machine: `reduceLink(model, input, now)` folds facts (an HTTP request succeeded
 * or failed, MQTT connected or dropped, where the catalog came from) into a model, and
 * `linkView(model)` says what to show. `LinkMonitor` wraps both and reports only real changes.
 *
 * - online:   HTTP answers and realtime is up (or there is no realtime configured).
 * - degraded: part of it works: HTTP answers but realtime is down or still connecting; HTTP is
 *             failing (1-2 failures in a row after working) while the rest works; realtime is up
 *             but HTTP is down; or the catalog cannot be used (the platform's is rejected, the
 *             catalog file is missing or rejected).
 * - offline:  nothing answers: HTTP is down (3 failures in a row, or failing since start) and
 *             realtime is not up.
 * A station on a catalog file with no MQTT has no upstream to lose: online while its file is
 * good, degraded (saying why) while it is missing or rejected.
 *
 * Another workstation using this station's id (the realtime client finds it by presence) makes
 * the link degraded at best, and says so first, whether MQTT is up or down at that moment: the
 * two log each other out of the broker in turn. The realtime counters (received, dropped,
 * refused, the last problem) ride along in `realtime`; a new drop or refusal is a change the
 * windows are told of, a new message received is not (it is in the next view).
 */
import type { LinkRealtime, LinkState, LinkStateName } from '../../../shared/api';

/**
 * What the link says when another workstation uses this station's id, in both languages: the
 * installer reading the log and the watcher reading the desk must both understand it.
 */
export const DUPLICATE_STATION_ID =
  '另一台工作站使用相同的 station.id / another workstation uses the same station.id';

/** Failures in a row after which HTTP counts as down (before: a blip, degraded). */
export const HTTP_DOWN_AFTER = 3;

export type ChannelState = 'none' | 'unknown' | 'up' | 'down';

export interface LinkModel {
  /** 'none' when there is no HTTP platform (a catalog file). */
  http: ChannelState;
  httpFailures: number;
  httpDetail: string | null;
  /** 'none' when no MQTT URL is configured. */
  mqtt: ChannelState;
  mqttDetail: string | null;
  /** The platform sent a catalog we rejected (kept until the next good one). */
  catalogProblem: string | null;
  catalogSource: LinkState['catalogSource'];
  /** The realtime feed's health; null without MQTT. */
  realtime: LinkRealtime | null;
  /** The view at the last change. */
  state: LinkStateName;
  since: number;
}

export type LinkInput =
  | { kind: 'http-ok' }
  | { kind: 'http-failed'; detail: string }
  | { kind: 'mqtt-up' }
  | { kind: 'mqtt-down'; detail: string }
  | { kind: 'catalog-rejected'; detail: string }
  | { kind: 'catalog-accepted'; source: LinkState['catalogSource'] }
  | { kind: 'catalog-source'; source: LinkState['catalogSource'] }
  | { kind: 'realtime-health'; health: LinkRealtime };

export function initialLink(
  channels: { http: boolean; mqtt: boolean },
  catalogSource: LinkState['catalogSource'],
  now: number,
): LinkModel {
  const model: LinkModel = {
    http: channels.http ? 'unknown' : 'none',
    httpFailures: 0,
    httpDetail: channels.http ? 'connecting' : null,
    mqtt: channels.mqtt ? 'unknown' : 'none',
    mqttDetail: channels.mqtt ? 'connecting' : null,
    catalogProblem: null,
    catalogSource,
    realtime: channels.mqtt
      ? { received: 0, dropped: 0, refused: 0, lastProblem: null, duplicateStationId: false }
      : null,
    state: 'offline',
    since: now,
  };
  model.state = computeState(model);
  return model;
}

export function reduceLink(model: LinkModel, input: LinkInput, now: number): LinkModel {
  const next: LinkModel = { ...model };
  switch (input.kind) {
    case 'http-ok':
      next.http = 'up';
      next.httpFailures = 0;
      next.httpDetail = null;
      break;
    case 'http-failed':
      next.httpFailures = model.httpFailures + 1;
      next.httpDetail = input.detail;
      // Never worked since start, or failed often enough: down. Otherwise a blip.
      if (model.http !== 'up' || next.httpFailures >= HTTP_DOWN_AFTER) next.http = 'down';
      break;
    case 'mqtt-up':
      next.mqtt = 'up';
      next.mqttDetail = null;
      break;
    case 'mqtt-down':
      next.mqtt = 'down';
      next.mqttDetail = input.detail;
      break;
    case 'catalog-rejected':
      next.catalogProblem = input.detail;
      break;
    case 'catalog-accepted':
      next.catalogProblem = null;
      next.catalogSource = input.source;
      break;
    case 'catalog-source':
      next.catalogSource = input.source;
      break;
    case 'realtime-health':
      next.realtime = { ...input.health };
      break;
  }
  const state = computeState(next);
  if (state !== model.state) {
    next.state = state;
    next.since = now;
  }
  return next;
}

function computeState(m: LinkModel): LinkStateName {
  const httpOk = m.http === 'none' || (m.http === 'up' && m.httpFailures === 0);
  const httpDown = m.http === 'down' || m.http === 'unknown';
  const mqttOk = (m.mqtt === 'none' || m.mqtt === 'up') && !m.realtime?.duplicateStationId;
  if (m.http === 'none' && m.mqtt === 'none')
    return m.catalogProblem === null ? 'online' : 'degraded';
  if (httpOk && mqttOk && m.catalogProblem === null) return 'online';
  if (httpDown && m.mqtt !== 'up') return 'offline';
  return 'degraded';
}

export function linkView(m: LinkModel): LinkState {
  const problems: string[] = [];
  if (m.httpDetail !== null && m.http !== 'up') problems.push(`platform: ${m.httpDetail}`);
  else if (m.httpDetail !== null) problems.push(`platform: ${m.httpDetail} (retrying)`);
  if (m.realtime?.duplicateStationId) problems.unshift(`realtime: ${DUPLICATE_STATION_ID}`);
  if (m.mqttDetail !== null) problems.push(`realtime: ${m.mqttDetail}`);
  if (m.catalogProblem !== null) problems.push(`catalog rejected: ${m.catalogProblem}`);
  const view: LinkState = {
    state: m.state,
    since: m.since,
    detail: problems.length > 0 ? problems.join('; ') : null,
    catalogSource: m.catalogSource,
  };
  if (m.realtime) view.realtime = { ...m.realtime };
  return view;
}

/** What of the realtime health is news to a window (not `received`: that grows every second). */
const realtimeNews = (r: LinkRealtime | undefined): string =>
  r ? `${r.dropped}/${r.refused}/${r.duplicateStationId}/${r.lastProblem}` : '';

/** Holds the model; calls `onChange` when what the operator sees changes. */
export class LinkMonitor {
  private model: LinkModel;
  private view: LinkState;

  constructor(
    channels: { http: boolean; mqtt: boolean },
    catalogSource: LinkState['catalogSource'],
    private readonly onChange: (view: LinkState, previous: LinkState) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.model = initialLink(channels, catalogSource, now());
    this.view = linkView(this.model);
  }

  get(): LinkState {
    return this.view;
  }

  update(input: LinkInput): void {
    this.model = reduceLink(this.model, input, this.now());
    const view = linkView(this.model);
    const previous = this.view;
    const news =
      view.state !== previous.state ||
      view.detail !== previous.detail ||
      view.catalogSource !== previous.catalogSource ||
      realtimeNews(view.realtime) !== realtimeNews(previous.realtime);
    this.view = view; // the received count is current in get(), news or not
    if (news) this.onChange(view, previous);
  }
}
