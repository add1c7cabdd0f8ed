/** The Dispatch tab's pure logic (issue #13): queue order and filters, words, order timers, summaries. */
import { describe, expect, it } from 'vitest';
import type {
  CordonPlan,
  Incident,
  OrderView,
  ReinforcementProposal,
  Recommendation,
} from '../../../../shared/contract/dispatch';
import {
  ageMinutes,
  arrivals,
  categoriesOf,
  compareQueue,
  cordonAssignments,
  defaultCordon,
  filterQueue,
  formatEta,
  formatKm,
  lateFlag,
  markerOpacity,
  orderTimer,
  rowBadges,
  sortOrders,
  summarizeCordon,
  summarizeProposal,
  unitsOnIncident,
  emptyFilter,
  playbackRange,
  stillPlaying,
  playbackWhere,
  tileNumbers,
  defaultPlaybackMinutes,
  timelineDetail,
} from '../../../../renderer/desk/dispatch/dispatch-model';
import { formatTimeNear } from '../../../../shared/domain/time/hall-time';
import { mergeIncidents } from '../../../../renderer/state/use-incidents';
import { mergeOrders } from '../../../../renderer/state/use-orders';

const T0 = Date.UTC(2026, 11, 3, 2, 0, 0); // 10:00 in Beijing

function incident(over: Partial<Incident> & { id: string }): Incident {
  return {
    number: `J${over.id}`,
    rev: 1,
    category: '盗窃',
    level: 1,
    lat: 35.4,
    lng: 116.97,
    address: '钢山街 1 号',
    source: 'call',
    status: 'new',
    reportedAt: T0,
    updatedAt: T0,
    summary: '',
    units: [],
    pictures: [],
    timeline: [],
    receivedAt: T0,
    provisional: false,
    pending: 0,
    refused: null,
    zoneId: 'z1',
    gridId: 'g1',
    ...over,
  };
}

function order(over: Partial<OrderView> & { orderId: string }): OrderView {
  return {
    incidentId: 'a',
    unitId: 'u1',
    callSign: '巡001',
    orderedAt: T0,
    by: '值班长',
    state: 'sent',
    acknowledgedAt: null,
    arrivedAt: null,
    ackDueAt: T0 + 60_000,
    arrivalDueAt: T0 + 300_000,
    late: null,
    refusal: null,
    reinforcement: null,
    ...over,
  };
}

describe('the queue', () => {
  const list = [
    incident({ id: 'late-new', reportedAt: T0 + 60_000 }),
    incident({ id: 'old-new', reportedAt: T0 }),
    incident({ id: 'accepted', status: 'accepted', reportedAt: T0 - 600_000 }),
    incident({ id: 'on-scene', status: 'on-scene', reportedAt: T0 - 900_000 }),
    incident({ id: 'closed-old', status: 'closed', closedAt: T0 - 10_000 }),
    incident({ id: 'closed-new', status: 'closed', closedAt: T0 }),
    incident({ id: 'major-new', reportedAt: T0, level: 3 }),
  ];

  it('puts the oldest unhandled first, then the accepted, those with units, and the finished last', () => {
    const order = [...list].sort(compareQueue).map((i) => i.id);
    expect(order).toEqual([
      'major-new', // same age as old-new: the higher level first
      'old-new',
      'late-new',
      'accepted',
      'on-scene',
      'closed-new',
      'closed-old',
    ]);
  });

  it('filters by status group, category, zone and search', () => {
    expect(filterQueue(list, emptyFilter).map((i) => i.id)).not.toContain('closed-old');
    expect(filterQueue(list, { ...emptyFilter, status: 'unhandled' }).map((i) => i.id)).toEqual([
      'major-new',
      'old-new',
      'late-new',
      'accepted',
    ]);
    expect(filterQueue(list, { ...emptyFilter, status: 'closed-any' })).toHaveLength(2);
    expect(filterQueue(list, { ...emptyFilter, status: 'on-scene' }).map((i) => i.id)).toEqual([
      'on-scene',
    ]);
    const more = [
      ...list,
      incident({
        id: 'plate',
        category: '布控车辆',
        zoneId: null,
        plate: { plate: '鲁H12345', reason: '盗抢', checkpointId: 'c1', direction: '东向西' },
        callerPhone: undefined,
      }),
      incident({ id: 'phone', callerPhone: '13800001111', address: '金乡县城东市场' }),
    ];
    expect(filterQueue(more, { ...emptyFilter, search: 'h123' }).map((i) => i.id)).toEqual([
      'plate',
    ]);
    expect(filterQueue(more, { ...emptyFilter, search: '1111' }).map((i) => i.id)).toEqual([
      'phone',
    ]);
    expect(filterQueue(more, { ...emptyFilter, search: '东市场' }).map((i) => i.id)).toEqual([
      'phone',
    ]);
    expect(filterQueue(more, { ...emptyFilter, zoneId: '-' }).map((i) => i.id)).toEqual(['plate']);
    expect(filterQueue(more, { ...emptyFilter, category: '布控车辆' })).toHaveLength(1);
    expect(categoriesOf(more)[0]).toBe('盗窃');
  });

  it('hears only open incidents that were not there before', () => {
    const before = new Set(['old-new']);
    expect(arrivals(before, list)).toEqual(['late-new', 'accepted', 'on-scene', 'major-new']);
  });

  it('keeps the higher revision of an incident', () => {
    const state = mergeIncidents(new Map(), [incident({ id: 'a', rev: 3, status: 'accepted' })]);
    const stale = mergeIncidents(state, [incident({ id: 'a', rev: 2, status: 'new' })]);
    expect(stale.get('a')?.status).toBe('accepted');
    const same = mergeIncidents(state, [
      incident({ id: 'a', rev: 3, status: 'accepted', pending: 1 }),
    ]);
    expect(same.get('a')?.pending).toBe(1);
  });

  it('badges a row with pending, refused, provisional and late orders', () => {
    const i = incident({
      id: 'a',
      pending: 2,
      provisional: true,
      refused: { action: 'incident-close', answer: '已在其他台结案', at: T0 },
    });
    const orders = [order({ orderId: 'o1' }), order({ orderId: 'o2', incidentId: 'b' })];
    expect(rowBadges(i, orders, T0 + 120_000)).toEqual({
      pending: 2,
      refused: true,
      provisional: true,
      late: 1,
    });
  });
});

describe('words and numbers', () => {
  it('writes an ETA as m:ss or h:mm:ss', () => {
    expect(formatEta(0)).toBe('0:00');
    expect(formatEta(65)).toBe('1:05');
    expect(formatEta(599.6)).toBe('10:00');
    expect(formatEta(3725)).toBe('1:02:05');
    expect(formatEta(-1)).toBe('—');
    expect(formatEta(Number.NaN)).toBe('—');
  });

  it('writes kilometres with one decimal below 10 km', () => {
    expect(formatKm(1234)).toBe('1.2');
    expect(formatKm(80)).toBe('0.1');
    expect(formatKm(12_600)).toBe('13');
  });

  it("counts whole minutes of age and writes the hall's time whatever the machine zone", () => {
    expect(ageMinutes(T0, T0 + 119_000)).toBe(1);
    expect(ageMinutes(T0 + 5000, T0)).toBe(0);
    expect(formatTimeNear(T0, T0, 'Asia/Shanghai')).toBe('10:00:00');
    expect(formatTimeNear(T0 - 86_400_000, T0, 'Asia/Shanghai')).toBe('12-02 10:00:00');
    expect(formatTimeNear(T0, T0, 'Asia/Urumqi')).toBe('08:00:00');
  });

  it('fades a marker with age, the finished faint', () => {
    const open = incident({ id: 'a' });
    expect(markerOpacity(open, T0 + 5 * 60_000)).toBe(1);
    expect(markerOpacity(open, T0 + 65 * 60_000)).toBe(0.68);
    expect(markerOpacity(open, T0 + 300 * 60_000)).toBe(0.35);
    expect(markerOpacity({ ...open, status: 'closed' }, T0)).toBe(0.25);
  });
});

describe('orders', () => {
  it('flags an order late by the clock before the core says so', () => {
    const o = order({ orderId: 'o' });
    expect(lateFlag(o, T0 + 30_000)).toBeNull();
    expect(lateFlag(o, T0 + 61_000)).toBe('ack');
    const ack = order({ orderId: 'o', state: 'acknowledged' });
    expect(lateFlag(ack, T0 + 61_000)).toBeNull();
    expect(lateFlag(ack, T0 + 301_000)).toBe('arrival');
    expect(lateFlag(order({ orderId: 'o', state: 'arrived' }), T0 + 999_000)).toBeNull();
    expect(lateFlag(order({ orderId: 'o', state: 'en-route', late: 'arrival' }), T0)).toBe(
      'arrival',
    );
  });

  it('shows what the order waits for and the time left', () => {
    expect(orderTimer(order({ orderId: 'o' }), T0)).toEqual({ awaiting: 'ack', leftS: 60 });
    expect(orderTimer(order({ orderId: 'o', state: 'en-route' }), T0 + 100_000)).toEqual({
      awaiting: 'arrival',
      leftS: 200,
    });
    expect(orderTimer(order({ orderId: 'o', state: 'cleared' }), T0)).toBeNull();
  });

  it('lists live orders first, newest first, and knows who is on the incident', () => {
    const list = [
      order({ orderId: 'old', orderedAt: T0 }),
      order({ orderId: 'done', state: 'cleared', orderedAt: T0 + 5, unitId: 'u2' }),
      order({ orderId: 'new', orderedAt: T0 + 10, unitId: 'u3' }),
    ];
    expect(sortOrders(list).map((o) => o.orderId)).toEqual(['new', 'old', 'done']);
    expect([...unitsOnIncident(list, 'a')].sort()).toEqual(['u1', 'u3']);
    const merged = mergeOrders(new Map(), list, 'b');
    expect(merged.size).toBe(0);
    expect(mergeOrders(new Map(), list, undefined).size).toBe(3);
  });
});

const rec = (unitId: string, etaS: number): Recommendation => ({
  unitId,
  callSign: unitId,
  kind: 'car',
  availability: 'available',
  activity: 'patrol',
  etaS,
  roadM: etaS * 10,
  straightM: etaS * 7,
  fresh: true,
  fromPost: false,
  zoneId: 'z1',
  gridId: 'g1',
});

describe('reinforcement and cordon', () => {
  it('sums a proposal and sends a unit found in two rings once', () => {
    const proposal: ReinforcementProposal = {
      levelId: 'l2',
      incidentId: 'a',
      rings: [
        { ring: 'grid', wanted: 2, units: [rec('u1', 60), rec('u2', 90)], short: 0 },
        { ring: 'zone', wanted: 3, units: [rec('u2', 90)], short: 2 },
      ],
      holes: [{ gridId: 'g1', name: '钢山一网格' }],
    };
    expect(summarizeProposal(proposal)).toEqual({
      units: 2,
      wanted: 5,
      short: 2,
      holes: 1,
      unitIds: ['u1', 'u2'],
    });
  });

  const plan: CordonPlan = {
    area: [],
    nowArea: [],
    horizonMinutes: 15,
    reachM: 3000,
    graphVersion: 'v1',
    exits: [
      {
        id: 'e-late',
        lat: 1,
        lng: 1,
        road: '东环路',
        suspectEtaS: 400,
        units: [
          { unitId: 'u1', callSign: '巡001', etaS: 100, beats: true },
          { unitId: 'u2', callSign: '巡002', etaS: 200, beats: true },
        ],
        checkpoints: [],
        posts: [],
      },
      {
        id: 'e-first',
        lat: 2,
        lng: 2,
        road: '金山路',
        suspectEtaS: 150,
        units: [
          { unitId: 'u1', callSign: '巡001', etaS: 90, beats: true },
          { unitId: 'u3', callSign: '巡003', etaS: 300, beats: false },
        ],
        checkpoints: ['c1'],
        posts: [],
      },
      {
        id: 'e-lost',
        lat: 3,
        lng: 3,
        road: '西外环',
        suspectEtaS: 120,
        units: [{ unitId: 'u4', callSign: '巡004', etaS: 500, beats: false }],
        checkpoints: [],
        posts: [],
      },
    ],
  };

  it('gives the exit the suspect reaches first its fastest beating unit, one exit per unit', () => {
    const assignment = defaultCordon(plan);
    expect(assignment).toEqual({ 'e-first': 'u1', 'e-late': 'u2', 'e-lost': '' });
    expect(summarizeCordon(plan, assignment)).toEqual({ exits: 3, covered: 2, open: 1 });
    expect(cordonAssignments(plan, assignment)).toEqual([
      { unitId: 'u2', exitId: 'e-late', lat: 1, lng: 1 },
      { unitId: 'u1', exitId: 'e-first', lat: 2, lng: 2 },
    ]);
  });

  it('orders a unit named at two exits to the first only', () => {
    expect(
      cordonAssignments(plan, { 'e-late': 'u1', 'e-first': 'u1', 'e-lost': 'u4' }).map(
        (a) => a.exitId,
      ),
    ).toEqual(['e-late', 'e-lost']);
  });
});

describe('the incident on the wall (story 2)', () => {
  it('plays back the last 30 minutes by default, one range ending 10 s ago', () => {
    expect(defaultPlaybackMinutes).toBe(30);
    expect(playbackRange(30, T0)).toEqual({
      startMs: T0 - 10_000 - 30 * 60_000,
      endMs: T0 - 10_000,
    });
  });

  it('counts tiles as the hall does, once each and in order', () => {
    expect(tileNumbers([4, 2, 3, 2])).toEqual([3, 4, 5]);
    expect(tileNumbers([])).toEqual([]);
  });

  it('says the wall still plays the range only while every tile plays it in one group', () => {
    const range = { startMs: 1000, endMs: 2000 };
    const tile = (tileIndex: number, syncGroup: string | null, startMs = 1000) => ({
      tileIndex,
      mode: { startMs, endMs: 2000, syncGroup },
    });
    expect(stillPlaying([tile(4, 'g1'), tile(5, 'g1')], [4, 5], range)).toBe(true);
    expect(stillPlaying([tile(4, null)], [4], range)).toBe(true);
    // A tile taken back to live at the wall, another range, another group, no tiles.
    expect(stillPlaying([tile(4, 'g1')], [4, 5], range)).toBe(false);
    expect(stillPlaying([tile(4, 'g1'), tile(5, 'g1', 500)], [4, 5], range)).toBe(false);
    expect(stillPlaying([tile(4, 'g1'), tile(5, 'g2')], [4, 5], range)).toBe(false);
    expect(stillPlaying([], [], range)).toBe(false);
  });

  it('says where each pushed tile is: still in sync, on its own time (followed), or live', () => {
    const range = { startMs: 1000, endMs: 2000 };
    const tile = (tileIndex: number, syncGroup: string | null, startMs = 1000) => ({
      tileIndex,
      mode: { startMs, endMs: 2000, syncGroup },
    });
    // Story 2: four tiles in sync, then the suspect followed from tile 1 (index 0) in the past.
    expect(
      playbackWhere(
        [tile(0, null, 1500), tile(1, 'g1'), tile(2, 'g1'), tile(3, 'g1')],
        [0, 1, 2, 3],
        range,
      ),
    ).toEqual({ inSync: [2, 3, 4], ownTime: [1], live: [] });
    // One back to live; the rest split into two groups: the larger is the incident's.
    expect(
      playbackWhere([tile(1, 'g1'), tile(2, 'g1'), tile(3, 'g2')], [0, 1, 2, 3], range),
    ).toEqual({ inSync: [2, 3], ownTime: [4], live: [1] });
    expect(playbackWhere([], [0, 1], range)).toEqual({ inSync: [], ownTime: [], live: [1, 2] });
  });
});

describe("the timeline's details", () => {
  it('splits off a disposition on a closing and a source on an opening', () => {
    expect(timelineDetail('closed', 'arrested: 于卡口拦截')).toEqual({
      kind: 'disposition',
      code: 'arrested',
      rest: '于卡口拦截',
    });
    expect(timelineDetail('closed', 'false-alarm')).toEqual({
      kind: 'disposition',
      code: 'false-alarm',
      rest: '',
    });
    expect(timelineDetail('opened', 'plate: 布控车辆预警')).toEqual({
      kind: 'source',
      code: 'plate',
      rest: '布控车辆预警',
    });
  });

  it('leaves any other detail as it came', () => {
    expect(timelineDetail('note', 'arrested: 不是结案')).toEqual({
      kind: 'text',
      rest: 'arrested: 不是结案',
    });
    expect(timelineDetail('closed', 'unknown: x')).toEqual({ kind: 'text', rest: 'unknown: x' });
    expect(timelineDetail('dispatched', '巡079: 嫌疑人男')).toEqual({
      kind: 'text',
      rest: '巡079: 嫌疑人男',
    });
  });
});
