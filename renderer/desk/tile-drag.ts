/** HTML5 drag of one wall tile onto another (a swap), with our own data type. */
export const TILE_DRAG_TYPE = 'application/x-vigil-tile';

export interface DraggedTile {
  wallId: number;
  tileIndex: number;
}

export const hasTileDrag = (types: readonly string[]): boolean => types.includes(TILE_DRAG_TYPE);

export const encodeTile = (tile: DraggedTile): string => JSON.stringify(tile);

/** The dragged tile, or null for anything that is not one (drag data is outside input). */
export function decodeTile(text: string): DraggedTile | null {
  try {
    const v = JSON.parse(text) as Partial<DraggedTile> | null;
    if (
      v &&
      Number.isInteger(v.wallId) &&
      Number.isInteger(v.tileIndex) &&
      (v.wallId as number) >= 1 &&
      (v.tileIndex as number) >= 0
    ) {
      return { wallId: v.wallId as number, tileIndex: v.tileIndex as number };
    }
  } catch {
    // not ours
  }
  return null;
}
