/**
 * The zod schemas of layouts, for the contract and for rows read back from the cache: a layout
 * that overlaps, leaves a gap or reaches outside its grid is refused with the cell named.
 */
import { z } from 'zod';
import { ProductPinSchema } from '../../contract/analysis';
import { layoutErrors, MAX_GRID, type GridLayout } from './layout';
import { presetIds } from './presets';

export const LayoutCellSchema = z.strictObject({
  col: z
    .number()
    .int()
    .min(0)
    .max(MAX_GRID - 1),
  row: z
    .number()
    .int()
    .min(0)
    .max(MAX_GRID - 1),
  colSpan: z.number().int().min(1).max(MAX_GRID),
  rowSpan: z.number().int().min(1).max(MAX_GRID),
});

export const GridLayoutSchema = z
  .strictObject({
    cols: z.number().int().min(1).max(MAX_GRID),
    rows: z.number().int().min(1).max(MAX_GRID),
    cells: z
      .array(LayoutCellSchema)
      .min(1)
      .max(MAX_GRID * MAX_GRID),
  })
  .superRefine((layout: GridLayout, ctx) => {
    for (const message of layoutErrors(layout)) ctx.addIssue({ code: 'custom', message });
  });

/** A name an operator gives a layout or a view: trimmed, 1..64 characters, no control chars. */
export const OperatorNameSchema = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(64, 'a name is at most 64 characters')
  .refine((s) => !/\p{Cc}/u.test(s), { message: 'a name may not contain control characters' });

export const PresetIdSchema = z.enum(presetIds);

/** The layoutId of a wall that shows the tactical map full-screen (issue #5) instead of tiles. */
export const MAP_LAYOUT_ID = 'map';

/** The layoutId of a wall that shows an analysis product full-screen (issue #17 item 6). */
export const PRODUCT_LAYOUT_ID = 'product';

/**
 * Which layout a wall takes: a preset, a saved custom layout by name, cells given inline, or the
 * map (one cell, layoutId `map`: the wall draws the map read-only; tile 0 keeps its camera for
 * when a tile layout comes back), or an analysis product pinned as a dashboard (the same, layoutId
 * `product`, the pin in the layout's `product`).
 */
export const LayoutChoiceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('preset'), id: PresetIdSchema }),
  z.strictObject({ kind: z.literal('saved'), name: OperatorNameSchema }),
  z.strictObject({ kind: z.literal('custom'), layout: GridLayoutSchema }),
  z.strictObject({ kind: z.literal('map') }),
  z.strictObject({ kind: z.literal('product'), product: ProductPinSchema }),
]);
export type LayoutChoice = z.infer<typeof LayoutChoiceSchema>;
