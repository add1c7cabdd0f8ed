/** HTML5 drag and drop of a camera from the tree onto a wall tile, with our own data type. */
export const CAMERA_DRAG_TYPE = 'application/x-vigil-camera';

export function hasCameraDrag(types: readonly string[]): boolean {
  return types.includes(CAMERA_DRAG_TYPE);
}
