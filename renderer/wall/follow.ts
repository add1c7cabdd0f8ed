/**
 * Following a suspect camera to camera (NeighbourPanel): what the wall asks of the core. A tile
 * that plays back a range sends its timeline's moment, so the next camera continues the past
 * from there; a live tile's follow is live.
 */
/** `tile.follow`'s input: with `atMs` (whole ms) when the tile plays back, without when live. */
export function followInput(
  wallId: number,
  tileIndex: number,
  cameraId: string,
  atMs: number | null | undefined,
): { wallId: number; tileIndex: number; cameraId: string; atMs?: number } {
  return atMs === null || atMs === undefined || !Number.isFinite(atMs)
    ? { wallId, tileIndex, cameraId }
    : { wallId, tileIndex, cameraId, atMs: Math.max(0, Math.round(atMs)) };
}
