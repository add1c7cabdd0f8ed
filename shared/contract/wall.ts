/**
 * The video wall's contract (issue #3: layouts, views, displays, playback, camera to camera):
 * methods added here are spread into `methods` in shared/api.ts; event payloads added to
 * WallEventPayloads become streams (list their names in wallStreams).
 *
 * Layouts: a wall's layout is a grid (cols × rows) and its cells, merged cells spanning several
 * squares (shared/domain/layouts). Tile i is cell i. A preset's id is its tile count ('16');
 * custom layouts are saved by name. A view is, per wall, a layout and the camera of every tile;
 * loading one sets every wall it names in one transaction.
 *
 * Only the desk changes walls. Wall windows report what their tiles are doing
 * (`wall.reportTiles`, for the desk's miniatures) and nothing else.
 */
import { z } from 'zod';
import type { WallState } from '../api';
import {
  GridLayoutSchema,
  LayoutChoiceSchema,
  OperatorNameSchema,
  type GridLayout,
} from '../domain/layouts';
import type { ProductPin } from './analysis';
import { both, cameraIdSchema, deskOnly, method, tileIndexSchema, wallIdSchema } from './method';

// ---------------------------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------------------------

/** A wall's layout as WallState carries it: the grid, its cells, and where it came from. */
export interface WallLayoutState extends GridLayout {
  /** A preset id ('16'), `custom:<name>` for a saved custom layout, or null (cells given inline). */
  layoutId: string | null;
  /** The analysis product the wall shows full-screen (layoutId `product`), absent otherwise. */
  product?: ProductPin;
}

/** A custom layout saved by name. */
export interface SavedLayout extends GridLayout {
  name: string;
  /** ms since epoch. */
  updatedAt: number;
}

/** One wall in a view: its layout and the camera of every tile (null: empty). */
export interface ViewWall {
  wallId: number;
  layout: WallLayoutState;
  cameras: (string | null)[];
}

/** A named view: what every wall it names showed when it was saved. */
export interface WallView {
  name: string;
  /** ms since epoch. */
  savedAt: number;
  walls: ViewWall[];
}

/**
 * What a wall tile says it is doing (the wall's TileDisplayState: 'playing', 'stalled',
 * 'offline-camera' …). A short kebab-case word so the tile's state machine can grow.
 */
export const TileReportStateSchema = z
  .string()
  .regex(/^[a-z][a-z-]{0,31}$/, 'a tile state is a short kebab-case word, e.g. "playing"');

export interface TileReport {
  index: number;
  state: string;
}

/** Why a wall's decoder budget is what it is (issue #14): its start, or the run-time controller. */
export const budgetReasons = [
  'default',
  'calibrated',
  'learned',
  'forced',
  'fell-behind',
  /** Lowered because something else took the processor (the pictures stalled, the page waited). */
  'machine-busy',
  'kept-up',
] as const;
export type BudgetReason = (typeof budgetReasons)[number];

/**
 * A wall window's decoder budget as its corner shows it: the most tiles at full rate, how many
 * play so and how many are paused for it, why and since when. Optional in a report (older walls).
 */
export const WallBudgetReportSchema = z.strictObject({
  budget: z.number().int().min(1).max(64),
  playing: z.number().int().min(0).max(256),
  held: z.number().int().min(0).max(256),
  /** The budget the playing tiles use (a main stream counts its weight). Optional (older walls). */
  used: z.number().int().min(0).max(256).optional(),
  /** Of the tiles playing, those on their main stream. Optional (older walls). */
  main: z.number().int().min(0).max(256).optional(),
  reason: z.enum(budgetReasons),
  /** ms since epoch. */
  changedAt: z.number().int().min(0),
});
export type WallBudgetReport = z.infer<typeof WallBudgetReportSchema>;

export interface WallTileReports {
  wallId: number;
  tiles: TileReport[];
  /** The wall's decoder budget, when its window says (issue #14). */
  budget?: WallBudgetReport;
  /** ms since epoch, when the core received it. */
  at: number;
}

/**
 * What `wall.sendGroup` did with the cameras it was given (issue #15: "send 12" placed 4 and said
 * nothing of the 8 others): the wall as it is now, what was placed where, and what was not, why.
 */
export interface SendGroupResult extends WallState {
  /** How many cameras are on the wall now (placedIds.length). */
  placed: number;
  /** The wall's tile count when the group was sent. */
  tileCount: number;
  /** Tile i shows placedIds[i]. */
  placedIds: string[];
  /** Cameras beyond the wall's tile count, in the order given: not shown. */
  notPlaced: string[];
  /** Ids given more than once (each placed once). */
  duplicates: number;
}

const tileRef = z.strictObject({ wallId: wallIdSchema, tileIndex: tileIndexSchema });

/** `{ wallId, a, b }` within one wall, or `{ from, to }` across walls. */
export const SwapInputSchema = z.union([
  z.strictObject({ wallId: wallIdSchema, a: tileIndexSchema, b: tileIndexSchema }),
  z.strictObject({ from: tileRef, to: tileRef }),
]);

// ---------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------

export const wallMethods = {
  /**
   * Change a wall's layout. Cameras stay in the first tiles (tile i keeps its camera while the
   * new layout has a tile i); tiles beyond the new count are dropped.
   */
  'wall.setLayout': method<WallState>()(
    z.strictObject({ wallId: wallIdSchema, layout: LayoutChoiceSchema }),
    deskOnly,
  ),
  /** Swap what two tiles show, on one wall or across two. Returns every wall that changed. */
  'wall.swap': method<WallState[]>()(SwapInputSchema, deskOnly),
  /**
   * Put a group of cameras on a wall from tile 0, in order; the wall's other tiles are cleared.
   * Cameras beyond the wall's tile count are not shown: `placed` says how many were, `notPlaced`
   * which were not (the caller offers the next wall or a rotation for them).
   */
  'wall.sendGroup': method<SendGroupResult>()(
    z.strictObject({
      wallId: wallIdSchema,
      cameraIds: z.array(cameraIdSchema).min(1).max(64),
    }),
    deskOnly,
  ),
  /** The operator names a wall ("入口大屏"), or removes its name with null. */
  'wall.rename': method<WallState>()(
    z.strictObject({ wallId: wallIdSchema, name: OperatorNameSchema.nullable() }),
    deskOnly,
  ),
  /** Every wall window shows its number big for a few seconds (the `wall.identify` event). */
  'wall.identify': method<{ until: number }>()(
    z.strictObject({ seconds: z.number().int().min(1).max(30).default(5) }),
    deskOnly,
  ),
  /** A wall window says what its tiles are doing (throttled by the window). Own wall only. */
  'wall.reportTiles': method<{ accepted: number }>()(
    z.strictObject({
      wallId: wallIdSchema,
      tiles: z
        .array(z.strictObject({ index: tileIndexSchema, state: TileReportStateSchema }))
        .max(256),
      budget: WallBudgetReportSchema.optional(),
    }),
    ['wall'],
  ),
  /** The latest tile reports of every wall (then follow the `wall.tiles` stream). */
  'wall.tileReports': method<WallTileReports[]>()(z.strictObject({}), both),

  /** Custom layouts saved by name. */
  'layout.list': method<SavedLayout[]>()(z.strictObject({}), both),
  'layout.save': method<SavedLayout>()(
    z.strictObject({ name: OperatorNameSchema, layout: GridLayoutSchema }),
    deskOnly,
  ),
  'layout.delete': method<{ deleted: boolean }>()(
    z.strictObject({ name: OperatorNameSchema }),
    deskOnly,
  ),

  /** Named views. */
  'view.list': method<WallView[]>()(z.strictObject({}), both),
  /** Save what the walls show now (every wall, or those named) under a name; replaces a view. */
  'view.save': method<WallView>()(
    z.strictObject({
      name: OperatorNameSchema,
      wallIds: z.array(wallIdSchema).min(1).max(64).optional(),
    }),
    deskOnly,
  ),
  /** Restore every wall of a view in one transaction. Returns the walls it set. */
  'view.load': method<WallState[]>()(z.strictObject({ name: OperatorNameSchema }), deskOnly),
  'view.delete': method<{ deleted: boolean }>()(
    z.strictObject({ name: OperatorNameSchema }),
    deskOnly,
  ),
} as const;

export const wallStreams = ['wall.tiles', 'wall.identify', 'layouts', 'views'] as const;

export interface WallEventPayloads {
  /** A wall's tiles reported new states. */
  'wall.tiles': WallTileReports;
  /** Show wall numbers until `until` (ms since epoch). */
  'wall.identify': { until: number };
  /** The saved layouts changed (the full list). */
  layouts: SavedLayout[];
  /** The saved views changed (the full list). */
  views: WallView[];
}
