/**
 * The watch modes' contract (issue #4: automatic rotation, scheduled patrol tours, focus watch):
 * methods added here are spread into `methods` in shared/api.ts; event payloads added to
 * WatchEventPayloads become streams (list their names in watchStreams).
 *
 * Changes are desk-only; walls may read state. Exceptions a wall needs: `rotation.hold`
 * (a wall enlarges a tile or plays back: rotation pauses itself), `tour.mark` (the watcher's
 * keys on the wall), and `rotation.pause/resume/next/previous` for the wall's OWN rotation (the
 * watcher's Space and PageDown/PageUp keys at the wall; the core refuses another wall's).
 * Times are ms since the Unix epoch; tour windows are wall-clock in the hall's `station.timeZone`.
 *
 * How a wall follows a rotation: the core does NOT rewrite wall assignments every page. It emits
 * `rotation` with, per rotating wall, the page (tile → camera), the next page, `prewarmAt` and
 * `swapAt`; the wall warms the next page in hidden players from `prewarmAt` and swaps every tile
 * of the page together at `swapAt`. Rotating tiles overlay the wall's own assignments; pinned
 * tiles (focus.pin writes them through wall.assign) are never among them.
 *
 * Rotation has two streams, each paired with the method that loads its state: `rotation.groups`
 * (the groups, `rotation.list`; an event per group saved or deleted) and `rotation` (the running
 * rotations, `rotation.state`; an event carries only the walls whose view changed, never a
 * group's camera list). Both are deltas keyed by id / wallId, so applying one twice, or on top of
 * a fetch that already holds it, is harmless; a `reset` refetches.
 */
import { z } from 'zod';
import type {
  CoveragePlan,
  CoverageReport,
  RotationGroup,
  RotationView,
  TourRunState,
  TourStop,
  TourWindow,
} from '../domain/watch';
import { faultKinds, pauseReasons, stopMarks } from '../domain/watch';
import { both, cameraIdSchema, deskOnly, method, tileIndexSchema, wallIdSchema } from './method';

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id is 1-64 letters, digits, _ or -');
const nameSchema = z.string().trim().min(1).max(100);
/**
 * A picture taken with a tour mark: a JPEG as base64, at most ~150 KB so a mark fits a WebSocket
 * message and a platform's request (docs/protocol.md §4). Every JPEG's base64 starts "/9j/".
 */
export const SNAPSHOT_MAX_BASE64 = 200_000;
export const MarkSnapshotSchema = z.strictObject({
  mime: z.literal('image/jpeg'),
  data: z
    .string()
    .max(SNAPSHOT_MAX_BASE64, `a snapshot is at most ${SNAPSHOT_MAX_BASE64} base64 characters`)
    .regex(/^\/9j\/[A-Za-z0-9+/]*={0,2}$/, 'a snapshot is a JPEG as base64'),
});
export type MarkSnapshot = z.infer<typeof MarkSnapshotSchema>;
const dwellSchema = z.number().int().min(1000).max(3600_000);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day is HH:MM');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');

export const RotationGroupSchema = z.strictObject({
  id: idSchema,
  name: nameSchema,
  cameraIds: z.array(cameraIdSchema).min(1).max(2000),
  dwellMs: dwellSchema,
  dwellOverrides: z.record(cameraIdSchema, dwellSchema).default({}),
  target: z.strictObject({
    wallId: wallIdSchema,
    tileIndices: z.array(tileIndexSchema).min(1).max(256).optional(),
  }),
}) satisfies z.ZodType<RotationGroup, unknown>;

export const TourWindowSchema = z
  .strictObject({
    start: hhmm,
    end: hhmm,
    days: z.union([
      z.enum(['daily', 'weekdays', 'weekends']),
      z.array(z.number().int().min(0).max(6)).min(1).max(7),
    ]),
    from: date.optional(),
    until: date.optional(),
  })
  .refine((w) => w.start !== w.end, { message: 'a window cannot start and end at the same time' })
  .refine((w) => !w.from || !w.until || w.from <= w.until, {
    message: 'from must be on or before until',
  }) satisfies z.ZodType<TourWindow, unknown>;

export const TourStopSchema = z.strictObject({
  cameraId: cameraIdSchema,
  dwellMs: dwellSchema,
  check: z.string().max(500).default(''),
}) satisfies z.ZodType<TourStop, unknown>;

export const TourSchema = z.strictObject({
  id: idSchema,
  name: nameSchema,
  stops: z.array(TourStopSchema).min(1).max(2000),
  windows: z.array(TourWindowSchema).max(20).default([]),
  /** The watcher (operator name) the tour is for; told by the `tour` event. */
  watcher: z.string().trim().min(1).max(200),
  /** The display the tour runs on. */
  wallId: wallIdSchema,
  /** The tile of that wall that shows the current stop. */
  tileIndex: tileIndexSchema.default(0),
  enabled: z.boolean().default(true),
});
export type Tour = z.infer<typeof TourSchema>;

export const FocusPinInputSchema = z.strictObject({
  wallId: wallIdSchema,
  tileIndex: tileIndexSchema,
  cameraId: cameraIdSchema,
  reason: z.string().max(200).default(''),
  expiresAt: z.number().int().min(0).nullable().default(null),
});

export interface FocusPin {
  wallId: number;
  tileIndex: number;
  cameraId: string;
  reason: string;
  expiresAt: number | null;
  pinnedBy: string;
  pinnedAt: number;
}

/** Cameras an alert pulled onto focus tiles. */
export interface FocusPull {
  alertId: string;
  title: string;
  lat: number;
  lng: number;
  wallId: number;
  tiles: { tileIndex: number; cameraId: string; distanceM: number; reason: string }[];
  pulledAt: number;
  /** null once kept. */
  expiresAt: number | null;
  /**
   * Cameras that see the alert but were not put up: their linkage tiles were arranged by the
   * operator minutes ago, and a pull does not take those without asking (absent: none).
   */
  heldBack?: number;
}

/**
 * Why an alert is not on the wall: every linkage tile pinned or kept (`no-free-tile`), the free
 * ones all arranged by the operator minutes ago (`arranged`), no online camera sees the place
 * (`no-camera`), the linkage wall does not exist (`no-wall`), or a newer alert took its tiles
 * (`replaced`).
 */
export const unshownReasons = [
  'no-free-tile',
  'arranged',
  'no-camera',
  'no-wall',
  'replaced',
] as const;
export type UnshownReason = (typeof unshownReasons)[number];

/** An alert the wall does not show: the desk lists it (to show or dismiss), the wall counts it. */
export interface UnshownAlert {
  alertId: string;
  title: string;
  lat: number;
  lng: number;
  /** The wall it was for. */
  wallId: number;
  /** The camera the platform named with it (ranked first when it is shown). */
  cameraId?: string;
  reason: UnshownReason;
  /** Cameras that see it, held back because the operator just arranged their tiles. */
  heldBack: number;
  /** When it was found it could not be shown (or was taken off). */
  at: number;
  /** When it leaves the list by itself (the pull's time on the wall, from `at`). */
  expiresAt: number;
}

export interface FocusState {
  pins: FocusPin[];
  pulls: FocusPull[];
  /** Alerts not on the wall, oldest first (absent from an older core: none). */
  unshown?: UnshownAlert[];
}

/** One wall's running rotation as windows follow it: its group's name and size, not its cameras. */
export interface RunningRotation extends RotationView {
  /** The group's name (the wall's status line). */
  name: string;
  /** How many cameras the group pages through (page x of y). */
  cameraCount: number;
}

/** Every running rotation, one per rotating wall, by wallId (`rotation.state`). */
export interface RotationState {
  running: RunningRotation[];
}

/** A `rotation` event: the walls whose running rotation changed, and the walls that stopped. */
export interface RotationChange {
  running: RunningRotation[];
  stopped: number[];
}

/** A `rotation.groups` event: a group saved (as the core holds it), or a group deleted (its id). */
export type RotationGroupChange = { saved: RotationGroup } | { deleted: string };

export interface TourSummary extends Tour {
  /** When its next window opens (null: no window ahead, or disabled). */
  nextOpensAt: number | null;
}

/**
 * A stop held on screen: the watcher marked it abnormal at the wall and is typing the note, so
 * its dwell stops counting (`tour.hold`) until the mark comes, the hold is let go, or `until`
 * passes (then the dwell counts on from where it stopped).
 */
export interface TourHold {
  stopIndex: number;
  /** When the hold began. */
  at: number;
  /** When the wall's countdown ends (it sends the mark then); the core lets go a moment later. */
  until: number;
  by: string;
}

/** A hold's length when `tour.hold` names none (the station may set another). */
export const TOUR_HOLD_MS = 8000;

export interface TourState {
  /** Runs in progress; `hold` while the open stop is held (absent from an older core: never). */
  runs: (TourRunState & { deadline: number | null; hold?: TourHold })[];
}

// ---------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------

const wall = z.strictObject({ wallId: wallIdSchema });
const groupRef = z.strictObject({ id: idSchema });

export const watchMethods = {
  /** Every group, by id (then the `rotation.groups` stream). */
  'rotation.list': method<RotationGroup[]>()(z.strictObject({}), both),
  /** Create or replace a group (a running group's changes apply from its next page). */
  'rotation.save': method<RotationGroup>()(RotationGroupSchema, deskOnly),
  'rotation.delete': method<{ deleted: boolean }>()(groupRef, deskOnly),
  /** Start a group on its target wall (replacing whatever rotated there). */
  'rotation.start': method<RunningRotation>()(groupRef, deskOnly),
  'rotation.stop': method<{ stopped: boolean }>()(wall, deskOnly),
  /** Pause, resume and page by hand: the desk, or a wall for its own rotation (its keys). */
  'rotation.pause': method<RunningRotation>()(wall, both),
  'rotation.resume': method<RunningRotation>()(wall, both),
  'rotation.next': method<RunningRotation>()(wall, both),
  'rotation.previous': method<RunningRotation>()(wall, both),
  /** A wall enlarges a tile or plays back (on: true) and stops doing so (on: false). */
  'rotation.hold': method<{ view: RunningRotation | null }>()(
    z.strictObject({
      wallId: wallIdSchema,
      reason: z.enum(pauseReasons.filter((r) => r !== 'operator') as ['enlarge', 'playback']),
      on: z.boolean(),
    }),
    both,
  ),
  /** Every running rotation, without the groups' cameras (a reloaded wall resumes from this). */
  'rotation.state': method<RotationState>()(z.strictObject({}), both),

  'tour.list': method<TourSummary[]>()(z.strictObject({}), both),
  'tour.save': method<TourSummary>()(TourSchema, deskOnly),
  'tour.delete': method<{ deleted: boolean }>()(groupRef, deskOnly),
  /** Start a tour now, outside its windows. */
  'tour.start': method<TourRunState>()(groupRef, deskOnly),
  /** End a run early; its unmarked stops are recorded missed. */
  'tour.stop': method<TourRunState>()(z.strictObject({ runId: idSchema }), deskOnly),
  'tour.state': method<TourState>()(z.strictObject({}), both),
  /** One mark per call, for the open stop only. */
  'tour.mark': method<TourRunState>()(
    z
      .strictObject({
        runId: idSchema,
        stopIndex: z.number().int().min(0).max(1999),
        mark: z.enum(stopMarks),
        note: z.string().max(2000).default(''),
        fault: z.enum(faultKinds).optional(),
        /** What the watcher saw, for an abnormal (the event's evidence) or faulty mark. */
        snapshot: MarkSnapshotSchema.optional(),
      })
      .refine((m) => m.mark === 'faulty' || m.fault === undefined, {
        message: 'fault is only for a faulty mark',
        path: ['fault'],
      })
      .refine((m) => m.mark !== 'normal' || m.snapshot === undefined, {
        message: 'a snapshot goes with an abnormal or faulty mark',
        path: ['snapshot'],
      }),
    both,
  ),
  /**
   * Hold the open stop on screen while the watcher confirms an abnormal mark and types its note
   * (on: true), or let it go without a mark (on: false). The run's timer for that stop pauses;
   * the mark (`tour.mark`) ends the hold and moves on. `ms`: the hold's length (default: the
   * station's, TOUR_HOLD_MS). Holding a held stop again changes nothing.
   */
  'tour.hold': method<{ hold: TourHold | null }>()(
    z.strictObject({
      runId: idSchema,
      stopIndex: z.number().int().min(0).max(1999),
      on: z.boolean(),
      ms: z.number().int().min(1000).max(60_000).optional(),
    }),
    both,
  ),
  /** The picture taken with a stop's mark (the stop's `snapshot` flag says there is one). */
  'tourRun.snapshot': method<MarkSnapshot & { cameraId: string; takenAt: number }>()(
    z.strictObject({ runId: idSchema, stopIndex: z.number().int().min(0).max(1999) }),
    both,
  ),

  'tourRun.list': method<TourRunState[]>()(
    z.strictObject({
      tourId: idSchema.optional(),
      since: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    both,
  ),
  'tourRun.get': method<TourRunState>()(z.strictObject({ runId: idSchema }), both),
  /** CSV text (UTF-8 with BOM, one line per stop, times in the hall's time zone). */
  'tourRun.exportCsv': method<{ filename: string; csv: string }>()(
    z.strictObject({
      runIds: z.array(idSchema).min(1).max(1000).optional(),
      since: z.number().int().min(0).optional(),
      until: z.number().int().min(0).optional(),
    }),
    deskOnly,
  ),

  'coverage.plan': method<CoveragePlan>()(
    z.strictObject({
      periodMs: z
        .number()
        .int()
        .min(60_000)
        .max(7 * 86_400_000),
      watchers: z.array(z.string().trim().min(1).max(200)).min(1).max(1000),
      stopDwellMs: dwellSchema.default(10_000),
      focusVisits: z.number().int().min(1).max(6).default(2),
      /** Focus cameras (seen focusVisits times); default: every checkpoint and pinned camera. */
      focusCameraIds: z.array(cameraIdSchema).max(30_000).optional(),
    }),
    deskOnly,
  ),
  'coverage.report': method<CoverageReport>()(
    z.strictObject({
      periodMs: z
        .number()
        .int()
        .min(60_000)
        .max(31 * 86_400_000),
    }),
    both,
  ),

  'focus.pin': method<FocusState>()(FocusPinInputSchema, deskOnly),
  'focus.unpin': method<FocusState>()(
    z.strictObject({ wallId: wallIdSchema, tileIndex: tileIndexSchema }),
    deskOnly,
  ),
  'focus.list': method<FocusState>()(z.strictObject({}), both),
  /** Keep an alert's pulled tiles (they no longer expire). */
  'focus.keep': method<FocusState>()(
    z.strictObject({ alertId: z.string().min(1).max(100) }),
    deskOnly,
  ),
  'focus.dismiss': method<FocusState>()(
    z.strictObject({ alertId: z.string().min(1).max(100) }),
    deskOnly,
  ),
  /**
   * Put an alert that is not on the wall (`unshown`) onto its linkage tiles now: the operator
   * asks, so tiles he arranged minutes ago may be taken (pinned and kept ones never are).
   */
  'focus.show': method<FocusState>()(
    z.strictObject({ alertId: z.string().min(1).max(100) }),
    deskOnly,
  ),
} as const;

export const watchStreams = ['rotation', 'rotation.groups', 'tour', 'focus'] as const;

export interface WatchEventPayloads {
  /** The running rotations that changed (a page, a pause, a start, a stop, their group's edit). */
  rotation: RotationChange;
  /** A group saved or deleted. */
  'rotation.groups': RotationGroupChange;
  /** Runs in progress (a started run tells its watcher; each mark and missed stop). */
  tour: TourState & { started?: string; ended?: string };
  /** Pins and alert pulls. */
  focus: FocusState;
}
