/**
 * Fault tickets (工单, issue #16 item 4): the lifecycle, who opens them, and the SLA. Pure: the
 * simulated platform (electron/sim) applies the same table as the station checks before it posts,
 * so a refused transition is refused with the same words at both ends.
 *
 *   新建 new ──dispatch──▶ 已派单 dispatched ──start──▶ 维修中 repairing
 *                              │  ▲                         │
 *                     suspend  │  │ resume          suspend │   (挂起 suspended: spare parts,
 *                              ▼  │                         ▼    power, carrier; with a reason)
 *   any open ──repaired──▶ 已修复待验证 repaired ──verify──▶ 验证关闭 closed
 *                                      └──reject──▶ 维修中 repairing (驳回重开)
 *   any open but repaired ──withdraw──▶ 误报撤销 withdrawn
 */
import { faultKinds, type FaultKind } from '../watch/tour-run';

export { faultKinds, type FaultKind };

export const ticketStatuses = [
  'new',
  'dispatched',
  'repairing',
  'suspended',
  'repaired',
  'closed',
  'withdrawn',
] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

/** Statuses of a ticket still open (the camera not yet confirmed repaired). */
export const openTicketStatuses: readonly TicketStatus[] = [
  'new',
  'dispatched',
  'repairing',
  'suspended',
  'repaired',
];
export const isOpenTicket = (status: TicketStatus): boolean => openTicketStatuses.includes(status);

export const ticketActions = [
  'dispatch',
  'start',
  'suspend',
  'resume',
  'repaired',
  'verify',
  'reject',
  'withdraw',
] as const;
export type TicketAction = (typeof ticketActions)[number];

/** Where a ticket came from: a watcher's faulty mark, a tile's diagnosis, the prober, the platform. */
export const ticketSources = ['mark', 'tile', 'prober', 'platform'] as const;
export type TicketSource = (typeof ticketSources)[number];

const transitions: Readonly<Record<TicketStatus, Partial<Record<TicketAction, TicketStatus>>>> = {
  new: { dispatch: 'dispatched', repaired: 'repaired', withdraw: 'withdrawn' },
  dispatched: {
    start: 'repairing',
    suspend: 'suspended',
    repaired: 'repaired',
    withdraw: 'withdrawn',
  },
  repairing: { suspend: 'suspended', repaired: 'repaired', withdraw: 'withdrawn' },
  suspended: { resume: 'repairing', repaired: 'repaired', withdraw: 'withdrawn' },
  repaired: { verify: 'closed', reject: 'repairing' },
  closed: {},
  withdrawn: {},
};

/** The status `action` leads to from `status`, or null when the lifecycle forbids it. */
export function nextTicketStatus(status: TicketStatus, action: TicketAction): TicketStatus | null {
  return transitions[status][action] ?? null;
}

/** The actions the lifecycle allows from `status` (the desk offers exactly these). */
export function ticketActionsFrom(status: TicketStatus): TicketAction[] {
  return ticketActions.filter((a) => transitions[status][a] !== undefined);
}

/** Why an action is refused, in words (the platform's 409 and the station's error say this). */
export function ticketRefusal(status: TicketStatus, action: TicketAction): string {
  return `a ${status} ticket cannot take the action "${action}"`;
}

/** Actions that need a reason (挂起 names what it waits for; 驳回 and 撤销 say why). */
export const actionsNeedingReason: readonly TicketAction[] = ['suspend', 'reject', 'withdraw'];
/** The action that needs a contractor (派单 names who repairs). */
export const actionsNeedingContractor: readonly TicketAction[] = ['dispatch'];

/** SLA hours by camera kind (configurable in the station's config: `health.slaHours`). */
export interface SlaHours {
  checkpoint: number;
  fixed: number;
  vehicle: number;
  body: number;
}
export const defaultSlaHours: SlaHours = { checkpoint: 3, fixed: 8, vehicle: 24, body: 24 };

const hourMs = 3_600_000;

/** When a ticket opened at `openedAt` must be repaired by. */
export const slaDueAt = (openedAt: number, hours: number): number => openedAt + hours * hourMs;

/**
 * Has the ticket breached its SLA at `now`: still unrepaired past its due time, or repaired (or
 * closed) after it. A withdrawn ticket (a false report) never breaches.
 */
export function slaBreached(
  t: { status: TicketStatus; dueAt: number; repairedAt: number | null },
  now: number,
): boolean {
  if (t.status === 'withdrawn') return false;
  if (t.repairedAt !== null) return t.repairedAt > t.dueAt;
  return now > t.dueAt;
}
