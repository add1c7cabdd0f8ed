/**
 * The district's areas as dispatch sees them (which grid and zone a point is in, which touch) and
 * reinforcement by rings (issue #13 item 6): rings filled by ETA, no unit twice, what a ring lacks
 * counted, and the grids the proposal leaves with no available unit.
 */
import { describe, expect, it } from 'vitest';
import type {
  OrderView,
  Recommendation,
  ReinforcementLevel,
} from '../../../shared/contract/dispatch';
import type { AreaGeometry, MapGeometry } from '../../../shared/contract/map';
import type {
  IncidentMessage,
  UnitAvailability,
  UnitKind,
} from '../../../shared/contract/platform';
import { AreaIndex } from '../../../electron/station/dispatch/area-index';
import type { PlacedUnit } from '../../../electron/station/dispatch/order-service';
import { proposeReinforcement } from '../../../electron/station/dispatch/reinforcement';

/** A box from lng w..e, lat 35.40..35.41 (0.001° of longitude is about 91 m here). */
function box(
  id: string,
  level: AreaGeometry['level'],
  parentId: string | null,
  w: number,
  e: number,
): AreaGeometry {
  return {
    id,
    name: `${id}名`,
    level,
    parentId,
    polygon: [
      [
        [w, 35.4],
        [e, 35.4],
        [e, 35.41],
        [w, 35.41],
      ],
    ],
    labelAt: { lat: 35.405, lng: (w + e) / 2 },
  };
}

// Zones Z1 | Z2 touch; Z3 is 100 m east of Z2. Grids: G1a | G1b | G2a, then G2b 27 m east of
// G2a (hand-drawn outlines that do not quite meet), then G3a 100 m east of G2b.
const geometry: MapGeometry = {
  version: 'g1',
  source: 'platform',
  areas: [
    box('R1', 'region', null, 116.9, 116.95),
    box('Z1', 'zone', 'R1', 116.9, 116.92),
    box('Z2', 'zone', 'R1', 116.92, 116.94),
    box('Z3', 'zone', 'R1', 116.9411, 116.95),
    box('G1a', 'grid', 'Z1', 116.9, 116.91),
    box('G1b', 'grid', 'Z1', 116.91, 116.92),
    box('G2a', 'grid', 'Z2', 116.92, 116.93),
    box('G2b', 'grid', 'Z2', 116.9303, 116.94),
    box('G3a', 'grid', 'Z3', 116.9411, 116.95),
  ],
  mustPatrolLines: [],
  mustReachPoints: [],
  checkpoints: [],
  dutyPosts: [],
  bounds: { south: 35.4, west: 116.9, north: 35.41, east: 116.95 },
};

describe('area index', () => {
  const areas = new AreaIndex(geometry);

  it('locates a point in its grid, zone and region; nulls outside', () => {
    expect(areas.locate({ lat: 35.405, lng: 116.915 })).toEqual({
      gridId: 'G1b',
      zoneId: 'Z1',
      regionId: 'R1',
    });
    expect(areas.locate({ lat: 35.405, lng: 116.945 })).toEqual({
      gridId: 'G3a',
      zoneId: 'Z3',
      regionId: 'R1',
    });
    expect(areas.locate({ lat: 35.5, lng: 116.915 })).toEqual({
      gridId: null,
      zoneId: null,
      regionId: null,
    });
  });

  it('grids that share a border or come within 50 m are neighbours, across zones too', () => {
    expect([...areas.neighboursOf('G1b')].sort()).toEqual(['G1a', 'G2a']);
    expect([...areas.neighboursOf('G2a')].sort()).toEqual(['G1b', 'G2b']);
    // 27 m apart: neighbours; 100 m apart: not.
    expect(areas.neighboursOf('G2b').has('G2a')).toBe(true);
    expect(areas.neighboursOf('G2b').has('G3a')).toBe(false);
    expect(areas.neighboursOf('G3a').size).toBe(0);
    expect(areas.neighboursOf('G1a').has('G2a')).toBe(false);
  });

  it('zones are neighbours among zones only', () => {
    expect([...areas.neighboursOf('Z1')]).toEqual(['Z2']);
    expect([...areas.neighboursOf('Z2')]).toEqual(['Z1']);
    expect(areas.neighboursOf('Z3').size).toBe(0);
    expect(areas.neighboursOf('nowhere').size).toBe(0);
  });
});

// ---- reinforcement ---------------------------------------------------------------------------

const incident: IncidentMessage = {
  id: 'inc-1',
  number: 'J1',
  rev: 1,
  category: '聚众斗殴',
  level: 3,
  lat: 35.405,
  lng: 116.915, // in G1b, Z1
  address: '',
  source: 'call',
  status: 'accepted',
  reportedAt: 0,
  updatedAt: 0,
  summary: '',
  units: [],
  pictures: [],
  timeline: [],
};

interface U {
  id: string;
  grid: string;
  eta: number;
  kind?: UnitKind;
  callSign?: string;
  availability?: UnitAvailability;
}

const zoneOf: Record<string, string> = {
  G1a: 'Z1',
  G1b: 'Z1',
  G2a: 'Z2',
  G2b: 'Z2',
  G3a: 'Z3',
};

function unit(u: U): PlacedUnit {
  const at = { lat: 35.405, lng: 116.9 };
  return {
    unit: {
      unitId: u.id,
      callSign: u.callSign ?? `巡${u.id}`,
      kind: u.kind ?? 'car',
      ...at,
      heading: 0,
      speed: 0,
      at: 0,
      status: 'available',
      stale: false,
      cameraId: null,
    },
    availability: u.availability ?? 'available',
    activity: 'patrol',
    incidentId: null,
    orderId: null,
    statusAt: null,
    fresh: true,
    at,
    fromPost: false,
    zoneId: zoneOf[u.grid] ?? null,
    gridId: u.grid,
  };
}

function order(unitId: string, state: OrderView['state']): OrderView {
  return {
    orderId: `o-${unitId}`,
    incidentId: incident.id,
    unitId,
    callSign: unitId,
    orderedAt: 0,
    by: '值班长甲',
    state,
    acknowledgedAt: null,
    arrivedAt: null,
    ackDueAt: 0,
    arrivalDueAt: 0,
    late: null,
    refusal: null,
    reinforcement: null,
  };
}

const units: U[] = [
  { id: 'g1', grid: 'G1b', eta: 60 },
  { id: 'ref1', grid: 'G1b', eta: 70 }, // its earlier order was refused: may go again
  { id: 'g2', grid: 'G1b', eta: 90 },
  { id: 'busy1', grid: 'G1b', eta: 10, availability: 'conditional' }, // already on it
  { id: 'n1', grid: 'G1a', eta: 100 },
  { id: 'n2', grid: 'G2a', eta: 120 },
  { id: 'n3', grid: 'G2b', eta: 50 }, // Z2, but not a grid touching G1b
  { id: 'z2foot', grid: 'G2b', eta: 40, kind: 'foot' },
  { id: 'sp', grid: 'G3a', eta: 400, callSign: '特警1' },
  { id: 'off', grid: 'G3a', eta: 5, availability: 'unavailable' },
];

/** The order service as reinforcement uses it: units, orders, ETA ranking (by the table). */
const orders = {
  placed: () => units.map(unit),
  orders: (incidentId?: string) =>
    incidentId === incident.id ? [order('busy1', 'en-route'), order('ref1', 'refused')] : [],
  rank: (_point: { lat: number; lng: number }, candidates: PlacedUnit[]) => {
    const eta = new Map(units.map((u) => [u.id, u.eta]));
    const ranked: Recommendation[] = candidates
      .map((p) => ({
        unitId: p.unit.unitId,
        callSign: p.unit.callSign,
        kind: p.unit.kind,
        availability: p.availability,
        activity: p.activity,
        etaS: eta.get(p.unit.unitId) ?? 9999,
        roadM: 0,
        straightM: 0,
        fresh: true,
        fromPost: false,
        zoneId: p.zoneId,
        gridId: p.gridId,
      }))
      .sort((a, b) => a.etaS - b.etaS);
    return Promise.resolve({ units: ranked, graphVersion: 'test', computeMs: 1 });
  },
};

const level: ReinforcementLevel = {
  id: 'L2',
  name: '二级',
  rings: [
    { ring: 'grid', units: 1 },
    { ring: 'neighbour-grids', units: 2 },
    { ring: 'zone', units: 3 },
    { ring: 'neighbour-zones', units: 2, kinds: ['car'] },
    { ring: 'special', units: 1 },
  ],
};

describe('reinforcement proposal', () => {
  it('fills each ring by ETA, never a unit twice, counts what is short, names the holes', async () => {
    const p = await proposeReinforcement({
      level,
      incident,
      areas: new AreaIndex(geometry),
      orders,
    });
    const ids = (ring: string) =>
      p.rings.find((r) => r.ring === ring)?.units.map((u) => u.unitId) ?? [];
    // The grid: its fastest (busy1 is already on the incident).
    expect(ids('grid')).toEqual(['g1']);
    // Grids touching G1b: G1a and G2a (n3's G2b does not touch it, however fast).
    expect(ids('neighbour-grids')).toEqual(['n1', 'n2']);
    // The zone: what is left in Z1, by ETA; n1 (in Z1) was already taken. Wanted 3, found 2.
    expect(ids('zone')).toEqual(['ref1', 'g2']);
    // Z2 touches Z1; cars only (the faster foot patrol is left); wanted 2, found 1.
    expect(ids('neighbour-zones')).toEqual(['n3']);
    expect(ids('special')).toEqual(['sp']);
    expect(p.rings.map((r) => [r.ring, r.wanted, r.short])).toEqual([
      ['grid', 1, 0],
      ['neighbour-grids', 2, 0],
      ['zone', 3, 1],
      ['neighbour-zones', 2, 1],
      ['special', 1, 0],
    ]);
    const all = p.rings.flatMap((r) => r.units.map((u) => u.unitId));
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain('busy1');
    expect(all).not.toContain('off');
    // G2b keeps its foot patrol; every other grid is emptied (G3a's other unit is unavailable).
    expect(p.holes).toEqual([
      { gridId: 'G1a', name: 'G1a名' },
      { gridId: 'G1b', name: 'G1b名' },
      { gridId: 'G2a', name: 'G2a名' },
      { gridId: 'G3a', name: 'G3a名' },
    ]);
    expect(p).toMatchObject({ levelId: 'L2', incidentId: 'inc-1' });
  });

  it('an incident outside every grid: the area rings are empty and short, specials still come', async () => {
    const p = await proposeReinforcement({
      level,
      incident: { ...incident, lat: 36, lng: 118 },
      areas: new AreaIndex(geometry),
      orders,
    });
    expect(p.rings.map((r) => [r.ring, r.units.length, r.short])).toEqual([
      ['grid', 0, 1],
      ['neighbour-grids', 0, 2],
      ['zone', 0, 3],
      ['neighbour-zones', 0, 2],
      ['special', 1, 0],
    ]);
    // Only the special unit goes: G3a is emptied, the others keep theirs.
    expect(p.holes.map((h) => h.gridId)).toEqual(['G3a']);
  });
});
