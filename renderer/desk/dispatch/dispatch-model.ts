/**
 * The Dispatch tab's pure logic (issue #13): the queue's order and filters, how ETAs, ages and
 * distances are written, where an order stands and whether it is late, and summaries of a
 * reinforcement proposal and a cordon plan. Plain values in, plain values out: the components
 * only put words (i18n) on what this decides.
 */
import type {
  CordonPlan,
  Incident,
  OrderView,
  ReinforcementProposal,
} from '../../../shared/contract/dispatch';
import type {
  DispositionCode,
  IncidentStatus,
  IncidentSource,
} from '../../../shared/contract/platform';
import {
  dispositionCodes,
  incidentSources,
  openIncidentStatuses,
} from '../../../shared/contract/platform';

// ---------------------------------------------------------------------------------------------
// The queue
// ---------------------------------------------------------------------------------------------

/** The status filter's choices: the groups a chief asks for, then each status. */
export const statusFilters = ['open', 'unhandled', 'all', 'closed-any'] as const;
export type StatusFilter = (typeof statusFilters)[number] | IncidentStatus;

export interface QueueFilter {
  status: StatusFilter;
  /** '' = every category. */
  category: string;
  /** '' = every zone; '-' = outside every zone. */
  zoneId: string;
  /** Free text: number, address, plate, phone, summary. */
  search: string;
}

export const emptyFilter: QueueFilter = { status: 'open', category: '', zoneId: '', search: '' };

export function isOpen(status: IncidentStatus): boolean {
  return openIncidentStatuses.includes(status);
}

/** Nobody has taken it in hand yet: not accepted, or accepted and no unit sent. */
export function isUnhandled(incident: Pick<Incident, 'status'>): boolean {
  return incident.status === 'new' || incident.status === 'accepted';
}

/** 0: new, 1: accepted (no unit yet), 2: units on it, 3: finished. */
export function queueRank(incident: Pick<Incident, 'status'>): number {
  if (incident.status === 'new') return 0;
  if (incident.status === 'accepted') return 1;
  if (isOpen(incident.status)) return 2;
  return 3;
}

/**
 * The queue's order: oldest unhandled first (new before accepted before those with units), the
 * finished last and newest first; a tie goes to the higher level, then the number.
 */
export function compareQueue(a: Incident, b: Incident): number {
  const rank = queueRank(a) - queueRank(b);
  if (rank !== 0) return rank;
  if (queueRank(a) === 3) {
    const closed = (b.closedAt ?? b.updatedAt) - (a.closedAt ?? a.updatedAt);
    if (closed !== 0) return closed;
  } else if (a.reportedAt !== b.reportedAt) {
    return a.reportedAt - b.reportedAt;
  }
  if (a.level !== b.level) return b.level - a.level;
  return a.number.localeCompare(b.number);
}

export function matchesStatus(status: IncidentStatus, filter: StatusFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'open':
      return isOpen(status);
    case 'unhandled':
      return status === 'new' || status === 'accepted';
    case 'closed-any':
      return !isOpen(status);
    default:
      return status === filter;
  }
}

export function matchesSearch(incident: Incident, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  const hay = [
    incident.number,
    incident.address,
    incident.category,
    incident.summary,
    incident.callerPhone ?? '',
    incident.plate?.plate ?? '',
    ...incident.units.map((u) => u.callSign),
  ]
    .join('\n')
    .toLowerCase();
  return hay.includes(needle);
}

export function filterQueue(incidents: Iterable<Incident>, filter: QueueFilter): Incident[] {
  const out: Incident[] = [];
  for (const incident of incidents) {
    if (!matchesStatus(incident.status, filter.status)) continue;
    if (filter.category !== '' && incident.category !== filter.category) continue;
    if (filter.zoneId === '-' && incident.zoneId !== null) continue;
    if (filter.zoneId !== '' && filter.zoneId !== '-' && incident.zoneId !== filter.zoneId)
      continue;
    if (!matchesSearch(incident, filter.search)) continue;
    out.push(incident);
  }
  return out.sort(compareQueue);
}

/** Categories present, most frequent first (the filter's list). */
export function categoriesOf(incidents: Iterable<Incident>): string[] {
  const counts = new Map<string, number>();
  for (const i of incidents) counts.set(i.category, (counts.get(i.category) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
}

/** Keeps the higher revision (a late event must not undo a newer record). */
export function newerIncident(known: Incident | undefined, next: Incident): boolean {
  // Same rev: the station's own fields (pending, refused, provisional) may have changed.
  return !known || next.rev >= known.rev || (known.provisional && !next.provisional);
}

/** Ids in `next` that were not in `before`: the arrivals to sound and flash. */
export function arrivals(
  before: ReadonlySet<string>,
  next: Iterable<Pick<Incident, 'id' | 'status'>>,
): string[] {
  const out: string[] = [];
  for (const i of next) if (!before.has(i.id) && isOpen(i.status)) out.push(i.id);
  return out;
}

/** A pending or refused badge on a queue row. */
export interface RowBadges {
  pending: number;
  refused: boolean;
  provisional: boolean;
  /** Orders of the incident past a limit. */
  late: number;
}

export function rowBadges(
  incident: Incident,
  orders: readonly OrderView[],
  now: number,
): RowBadges {
  let late = 0;
  for (const o of orders) if (o.incidentId === incident.id && lateFlag(o, now) !== null) late++;
  return {
    pending: incident.pending,
    refused: incident.refused !== null,
    provisional: incident.provisional,
    late,
  };
}

// ---------------------------------------------------------------------------------------------
// Words and numbers
// ---------------------------------------------------------------------------------------------

/** 一般 / 较大 / 重大 / 特别重大 as the hall's colours: blue, yellow, orange, red. */
export const levelColour: Record<1 | 2 | 3 | 4, string> = {
  1: '#4a90e2',
  2: '#e0c02a',
  3: '#f08a24',
  4: '#e5534b',
};

export const sourceGlyph: Record<IncidentSource, string> = {
  call: '110',
  plate: '卡口',
  mark: '巡查',
  desk: '值班台',
};

/** Seconds as m:ss (under an hour) or h:mm:ss; a negative or NaN value as '—'. */
export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Metres as km with one decimal (two under 10 km is noise on a desk): 1234 → '1.2'. */
export function formatKm(metres: number): string {
  if (!Number.isFinite(metres) || metres < 0) return '—';
  return metres < 10_000 ? (metres / 1000).toFixed(1) : String(Math.round(metres / 1000));
}

/** Whole minutes since `at` (0 for the future). */
export function ageMinutes(at: number, now: number): number {
  return Math.max(0, Math.floor((now - at) / 60_000));
}

/**
 * How an incident fades on the map: full for ten minutes, then down to 0.35 at two hours; a
 * finished one stays faint.
 */
export function markerOpacity(
  incident: Pick<Incident, 'status' | 'reportedAt'>,
  now: number,
): number {
  if (!isOpen(incident.status)) return 0.25;
  const minutes = (now - incident.reportedAt) / 60_000;
  if (minutes <= 10) return 1;
  if (minutes >= 120) return 0.35;
  return Math.round((1 - ((minutes - 10) / 110) * 0.65) * 100) / 100;
}

// ---------------------------------------------------------------------------------------------
// Orders
// ---------------------------------------------------------------------------------------------

export type OrderState = OrderView['state'];

/** The order still waits for the unit's acknowledgement. */
const waitingAck: readonly OrderState[] = ['queued', 'sent'];
/** The order still waits for the unit to arrive. */
const waitingArrival: readonly OrderState[] = ['queued', 'sent', 'acknowledged', 'en-route'];

/**
 * Late as the core says, or by the clock here when the core's last word is older than the limit
 * (the flag must not wait for the next event).
 */
export function lateFlag(
  order: Pick<OrderView, 'state' | 'late' | 'ackDueAt' | 'arrivalDueAt'>,
  now: number,
): 'ack' | 'arrival' | null {
  if (order.state === 'cleared' || order.state === 'refused' || order.state === 'arrived')
    return null;
  if (waitingAck.includes(order.state) && now > order.ackDueAt) return 'ack';
  if (waitingArrival.includes(order.state) && now > order.arrivalDueAt) return 'arrival';
  return order.late;
}

/** The timer a desk shows next to an order: what is awaited and how long is left (negative: late). */
export function orderTimer(
  order: Pick<OrderView, 'state' | 'ackDueAt' | 'arrivalDueAt'>,
  now: number,
): { awaiting: 'ack' | 'arrival'; leftS: number } | null {
  if (waitingAck.includes(order.state))
    return { awaiting: 'ack', leftS: Math.round((order.ackDueAt - now) / 1000) };
  if (waitingArrival.includes(order.state))
    return { awaiting: 'arrival', leftS: Math.round((order.arrivalDueAt - now) / 1000) };
  return null;
}

/** Orders newest first, the live ones before the finished. */
export function sortOrders(orders: Iterable<OrderView>): OrderView[] {
  const done = (o: OrderView): number => (o.state === 'cleared' || o.state === 'refused' ? 1 : 0);
  return [...orders].sort((a, b) => done(a) - done(b) || b.orderedAt - a.orderedAt);
}

/** Units that may not be ordered again to this incident (an order of theirs is live). */
export function unitsOnIncident(orders: Iterable<OrderView>, incidentId: string): Set<string> {
  const out = new Set<string>();
  for (const o of orders)
    if (o.incidentId === incidentId && o.state !== 'cleared' && o.state !== 'refused')
      out.add(o.unitId);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reinforcement and cordon
// ---------------------------------------------------------------------------------------------

export interface ProposalSummary {
  units: number;
  wanted: number;
  short: number;
  holes: number;
  /** Every unit id proposed, once (a unit may be found in two rings: sent once). */
  unitIds: string[];
}

export function summarizeProposal(proposal: ReinforcementProposal): ProposalSummary {
  const ids = new Set<string>();
  let wanted = 0;
  let short = 0;
  for (const ring of proposal.rings) {
    wanted += ring.wanted;
    short += ring.short;
    for (const u of ring.units) ids.add(u.unitId);
  }
  return {
    units: ids.size,
    wanted,
    short,
    holes: proposal.holes.length,
    unitIds: [...ids],
  };
}

/** One unit per exit, an exit per unit: the cordon's assignment (exitId → unitId, '' for none). */
export type CordonAssignment = Record<string, string>;

/**
 * The default assignment: exits the suspect reaches first are served first, each by its fastest
 * unit that beats the suspect and is not already placed; an exit nobody beats gets none.
 */
export function defaultCordon(plan: CordonPlan): CordonAssignment {
  const used = new Set<string>();
  const out: CordonAssignment = {};
  const exits = [...plan.exits].sort((a, b) => a.suspectEtaS - b.suspectEtaS);
  for (const exit of exits) {
    const unit = [...exit.units]
      .filter((u) => u.beats && !used.has(u.unitId))
      .sort((a, b) => a.etaS - b.etaS)[0];
    out[exit.id] = unit?.unitId ?? '';
    if (unit) used.add(unit.unitId);
  }
  return out;
}

export interface CordonSummary {
  exits: number;
  covered: number;
  /** Exits no unit can reach before the suspect. */
  open: number;
}

export function summarizeCordon(plan: CordonPlan, assignment: CordonAssignment): CordonSummary {
  let covered = 0;
  let open = 0;
  for (const exit of plan.exits) {
    if ((assignment[exit.id] ?? '') !== '') covered++;
    if (!exit.units.some((u) => u.beats)) open++;
  }
  return { exits: plan.exits.length, covered, open };
}

/** The order inputs for an assignment (units named twice go to their first exit only). */
export function cordonAssignments(
  plan: CordonPlan,
  assignment: CordonAssignment,
): { unitId: string; exitId: string; lat: number; lng: number }[] {
  const used = new Set<string>();
  const out: { unitId: string; exitId: string; lat: number; lng: number }[] = [];
  for (const exit of plan.exits) {
    const unitId = assignment[exit.id] ?? '';
    if (unitId === '' || used.has(unitId)) continue;
    used.add(unitId);
    out.push({ unitId, exitId: exit.id, lat: exit.lat, lng: exit.lng });
  }
  return out;
}

/** The suspect's usual speed for a mode, km/h. */
export function defaultSpeed(mode: 'vehicle' | 'foot'): number {
  return mode === 'vehicle' ? 40 : 6;
}

// ---------------------------------------------------------------------------------------------
// The incident on the wall: synchronized playback (story 2)
// ---------------------------------------------------------------------------------------------

/** How far back the incident's playback goes, minutes (story 2 says the last 30). */
export const playbackMinutes = [5, 10, 30] as const;
export type PlaybackMinutes = (typeof playbackMinutes)[number];
export const defaultPlaybackMinutes: PlaybackMinutes = 30;

/**
 * The last `minutes`, ending 10 s before `now` (the newest segment may not be recorded yet), as
 * the wall's own "last N minutes" does: one range for every tile, so they play in sync.
 */
export function playbackRange(minutes: number, now: number): { startMs: number; endMs: number } {
  const endMs = now - 10_000;
  return { startMs: endMs - minutes * 60_000, endMs };
}

/** Tiles as the hall counts them (1-based), in order, once each: [4, 2, 3] → [3, 4, 5]. */
export function tileNumbers(tileIndexes: readonly number[]): number[] {
  return [...new Set(tileIndexes)].sort((a, b) => a - b).map((i) => i + 1);
}

/**
 * Whether the wall still plays the range this desk asked for on those tiles: each tile in
 * playback of that start, in one sync group (or alone when there is one tile). An operator at
 * the wall who put a tile back to live, or a new playback, ends it.
 */
export function stillPlaying(
  modes: readonly {
    tileIndex: number;
    mode: { startMs: number; endMs: number; syncGroup: string | null };
  }[],
  tileIndexes: readonly number[],
  range: { startMs: number; endMs: number },
): boolean {
  if (tileIndexes.length === 0) return false;
  const groups = new Set<string | null>();
  for (const index of tileIndexes) {
    const mode = modes.find((m) => m.tileIndex === index)?.mode;
    if (!mode || mode.startMs !== range.startMs || mode.endMs !== range.endMs) return false;
    groups.add(mode.syncGroup);
  }
  return groups.size === 1;
}

/**
 * Where each of the pushed tiles is now, as hall tile numbers: still in the range asked for, in
 * one group (`inSync`: the largest group when they split); playing back on a timeline of their own
 * (`ownTime`: a watcher followed the suspect from there, so the tile went on from its moment, or
 * another range was chosen); back to live (`live`). A wall where one tile followed still plays the
 * incident back on the others: the desk says that, not that the playback ended.
 */
export function playbackWhere(
  modes: readonly {
    tileIndex: number;
    mode: { startMs: number; endMs: number; syncGroup: string | null };
  }[],
  tileIndexes: readonly number[],
  range: { startMs: number; endMs: number },
): { inSync: number[]; ownTime: number[]; live: number[] } {
  const tiles = [...new Set(tileIndexes)].sort((a, b) => a - b);
  const byGroup = new Map<string | null, number[]>();
  const ownTime: number[] = [];
  const live: number[] = [];
  for (const index of tiles) {
    const mode = modes.find((m) => m.tileIndex === index)?.mode;
    if (!mode) live.push(index + 1);
    else if (mode.startMs !== range.startMs || mode.endMs !== range.endMs) ownTime.push(index + 1);
    else byGroup.set(mode.syncGroup, [...(byGroup.get(mode.syncGroup) ?? []), index + 1]);
  }
  const groups = [...byGroup.values()].sort((a, b) => b.length - a.length);
  const inSync = groups[0] ?? [];
  for (const other of groups.slice(1)) ownTime.push(...other);
  return { inSync, ownTime: ownTime.sort((a, b) => a - b), live };
}

// ---------------------------------------------------------------------------------------------
// The timeline's details
// ---------------------------------------------------------------------------------------------

/**
 * A timeline detail that starts with a code the desk has words for: the platform writes a
 * closing as "arrested: note" and an opening as "plate: category". The code is split off so
 * the desk says it in its language; any other detail is shown as it came.
 */
export function timelineDetail(
  what: string,
  detail: string,
):
  | { kind: 'disposition'; code: DispositionCode; rest: string }
  | { kind: 'source'; code: IncidentSource; rest: string }
  | { kind: 'text'; rest: string } {
  const match = /^([a-z-]+)(?::\s*(.*))?$/s.exec(detail);
  if (match) {
    const code = match[1]!;
    const rest = match[2] ?? '';
    if (what === 'closed') {
      const disposition = dispositionCodes.find((c) => c === code);
      if (disposition) return { kind: 'disposition', code: disposition, rest };
    }
    if (what === 'opened') {
      const source = incidentSources.find((c) => c === code);
      if (source) return { kind: 'source', code: source, rest };
    }
  }
  return { kind: 'text', rest: detail };
}
