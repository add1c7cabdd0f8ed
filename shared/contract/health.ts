/**
 * Camera health at the desk (issue #16): each camera's state as the station knows it, the online
 * rate and integrity (在线率 / 完好率) by area, kind and contractor, fault tickets (工单) and the
 * weekly report (每周通报). Methods are spread into `methods` in shared/api.ts; payloads in
 * HealthEventPayloads become streams (healthStreams). Who may call what: contract/access.ts.
 *
 * Rates are fractions 0…1 of the time *covered* (the station was running, or the platform's
 * history says): a period with no covered time has rate null, shown as "no data", never 100 %.
 */
import { z } from 'zod';
import { cameraIdSchema, deskOnly, method } from './method';
import type { DownKind, TicketMessage } from './platform-health';
import { ticketActions } from '../domain/health/tickets';

/** What the station knows of one camera now. */
export interface CameraHealth {
  cameraId: string;
  /** Online by the platform's status, the tiles and the prober (the newest of them); null: unknown. */
  online: boolean | null;
  /** Since when (ms) `online` has been what it is; null: unknown. */
  onlineSince: number | null;
  /** The picture fault seen now (a tile's diagnosis, a watcher's mark), null: none seen. */
  picture: Exclude<DownKind, 'offline'> | null;
  pictureSince: number | null;
  /** The last time a tile saw a good picture of it (ms), null: never. */
  lastPictureAt: number | null;
  /** The prober's last check: when, and what it found. */
  lastProbeAt: number | null;
  lastProbe: ProbeOutcome | null;
  /** Its open ticket, if any (one per fault; the newest when several). */
  openTicketId: string | null;
}

/** What one probe of a camera's live playlist found (never decoding: playlists and a segment). */
export const probeOutcomes = ['ok', 'stalled', 'unreachable', 'timeout'] as const;
export type ProbeOutcome = (typeof probeOutcomes)[number];

/** A camera's health in a word, for colouring the tree and the map. */
export const healthMarks = ['ok', 'offline', 'picture', 'ticket', 'unknown'] as const;
export type HealthMark = (typeof healthMarks)[number];

/** The online rate and integrity of a set of cameras over a period. */
export interface HealthRate {
  /** The group's id (zone id, kind, contractor name …), '' for all cameras. */
  key: string;
  /** What the desk shows for it (the zone's name, the kind's word is the desk's to translate). */
  name: string;
  cameras: number;
  /** 在线率: online time ÷ covered expected time (maintenance windows excluded); null: no data. */
  online: number | null;
  /** 完好率: online with a good picture ÷ covered expected time; null: no data. */
  integrity: number | null;
  /** The expected camera-time and how much of it was covered, ms. */
  expectedMs: number;
  coveredMs: number;
}

export const healthGroupings = ['region', 'zone', 'grid', 'kind', 'contractor'] as const;
export type HealthGrouping = (typeof healthGroupings)[number];

/** One day (hall time) of the trend. */
export interface HealthDay {
  /** YYYY-MM-DD in the hall's time zone. */
  day: string;
  online: number | null;
  integrity: number | null;
}

/** A camera among the worst of a period. */
export interface WorstCamera {
  cameraId: string;
  name: string;
  zoneId: string | null;
  contractor: string | null;
  online: number | null;
  integrity: number | null;
  /** Down time in the period, ms. */
  downMs: number;
  openTicketId: string | null;
  /** The last time a tile saw a good picture of it, null: never. */
  lastPictureAt: number | null;
}

export interface HealthSummary {
  from: number;
  to: number;
  /** The line the reports hold the network to (0.98). */
  target: number;
  overall: HealthRate;
  groupBy: HealthGrouping;
  groups: HealthRate[];
  daily: HealthDay[];
  worst: WorstCamera[];
  /** Cameras by their health mark now. */
  now: Record<HealthMark, number>;
}

/** A fault ticket as the station holds it: the platform's record and what this station knows. */
export interface FaultTicket extends TicketMessage {
  /** Opened at this station and not yet confirmed by the platform (number is '待编号'). */
  provisional: boolean;
  /** This station's actions on it still in the outbox. */
  pending: number;
  /** The last action of this station the platform refused, and why. */
  refused: { action: string; answer: string; at: number } | null;
  /** Past its SLA (still open past dueAt, or repaired after it). */
  breached: boolean;
  cameraName: string | null;
  zoneId: string | null;
  /** From the catalog, for dispatching (the camera's maintenance contractor). */
  cameraContractor: string | null;
}

/** One row of the weekly report: a zone (or the station) or a contractor. */
export interface ReportRow extends HealthRate {
  /** The same rates the week before, null: no data. */
  onlinePrev: number | null;
  integrityPrev: number | null;
  ticketsOpened: number;
  ticketsClosed: number;
  /** Mean time to repair of the tickets repaired in the week, hours; null: none repaired. */
  mttrHours: number | null;
  slaBreaches: number;
}

/** 每周通报: one week (Monday 00:00 to Monday 00:00, hall time). */
export interface WeeklyReport {
  /** The Monday it starts on, YYYY-MM-DD (hall time). */
  weekStart: string;
  from: number;
  to: number;
  generatedAt: number;
  /** Scheduled (Monday 08:00 by default) or asked for. */
  trigger: 'schedule' | 'demand';
  target: number;
  station: ReportRow;
  zones: ReportRow[];
  contractors: ReportRow[];
  /** The station's rates for this week and the 7 before it, oldest first. */
  weeks: { weekStart: string; online: number | null; integrity: number | null }[];
  daily: HealthDay[];
  worst: WorstCamera[];
  /** True when nothing of the week was covered: the report says so instead of rates. */
  noData: boolean;
}

/** The background prober (item 2): its budget and how far round it is. */
export interface ProberStatus {
  enabled: boolean;
  /** Requests per second at most (config `health.probe.ratePerSecond`). */
  ratePerSecond: number;
  /** Every camera checked within this period (config), minutes. */
  periodMinutes: number;
  /** Cameras to check (those not on any wall tile), and done in this round. */
  due: number;
  checkedThisRound: number;
  /** The last complete round: how long it took, when it ended; null: none yet. */
  lastRoundMs: number | null;
  lastRoundAt: number | null;
  inFlight: number;
  /** In the last round. */
  timeouts: number;
  failures: number;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD');

export const healthMethods = {
  /** Rates over [from, to) (default: the last 7 days) grouped, with the daily trend and the worst. */
  'health.summary': method<HealthSummary>()(
    z.strictObject({
      from: z.number().int().min(0).optional(),
      to: z.number().int().min(0).optional(),
      groupBy: z.enum(healthGroupings).default('zone'),
      worst: z.number().int().min(0).max(100).default(20),
    }),
    deskOnly,
  ),
  /** One camera's health and its down intervals in the last `days` days. */
  'health.camera': method<
    CameraHealth & { intervals: { kind: DownKind; start: number; end: number | null }[] }
  >()(
    z.strictObject({ cameraId: cameraIdSchema, days: z.number().int().min(1).max(62).default(7) }),
    deskOnly,
  ),
  /** Every camera that is not plainly healthy, by mark (the tree and the map colour by it). */
  'health.marks': method<{ cameraId: string; mark: HealthMark }[]>()(z.strictObject({}), deskOnly),
  /** Tickets, newest first: the open ones, or all (closed too) opened since `sinceMs`. */
  'health.tickets': method<FaultTicket[]>()(
    z.strictObject({
      status: z.enum(['open', 'all']).default('open'),
      cameraId: cameraIdSchema.optional(),
      sinceMs: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(2000).default(500),
    }),
    deskOnly,
  ),
  /** A step of a ticket's lifecycle (through the outbox; the platform's record follows on MQTT). */
  'health.ticketAct': method<FaultTicket>()(
    z.strictObject({
      ticketId: z.string().trim().min(1).max(100),
      action: z.enum(ticketActions),
      contractor: z.string().trim().min(1).max(100).optional(),
      note: z.string().trim().max(2000).default(''),
    }),
    deskOnly,
  ),
  /** The ticket's picture (a watcher's mark) as a data: URL, null: it has none. */
  'health.ticketPicture': method<{ dataUrl: string } | null>()(
    z.strictObject({ ticketId: z.string().trim().min(1).max(100) }),
    deskOnly,
  ),
  /** The weekly report of the week starting `weekStart` (a Monday; default: the last full week). */
  'health.report': method<WeeklyReport>()(z.strictObject({ weekStart: day.optional() }), deskOnly),
  /** Reports made on schedule, newest first (their week and when). */
  'health.reports': method<{ weekStart: string; generatedAt: number }[]>()(
    z.strictObject({}),
    deskOnly,
  ),
  'health.prober': method<ProberStatus>()(z.strictObject({}), deskOnly),
  /**
   * Saves the weekly report page the desk shows now as a PDF (A4), where the operator picks in a
   * save dialog: the app only (Electron's printToPDF). `savedTo` null: the dialog was cancelled.
   * The browser host answers `unavailable` (its page prints, and Chromium's dialog saves a PDF).
   */
  'health.reportPdf': method<{ savedTo: string | null }>()(
    z.strictObject({ weekStart: day }),
    deskOnly,
  ),
} as const;

export interface HealthEventPayloads {
  /** A ticket changed (opened, an action, the platform's record). */
  'health.ticket': FaultTicket;
  /** A camera's health mark changed. */
  'health.mark': { cameraId: string; mark: HealthMark };
  /** A scheduled report was made. */
  'health.report': { weekStart: string; generatedAt: number };
}

export const healthStreams = ['health.ticket', 'health.mark', 'health.report'] as const;
