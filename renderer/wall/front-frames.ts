/**
 * What each tile of this wall window shows in front (its <video> and the camera on it), for the
 * watcher's keys: a tour mark takes the tour tile's picture from here, not by searching the page
 * for a tile's test id. A tile registers itself while mounted.
 */
export interface TileFront {
  /** The camera whose picture is in front (the last one until a new one's first frame). */
  cameraId: string | null;
  video: HTMLVideoElement | null;
}

const fronts = new Map<number, () => TileFront>();

/** Registers tile `index`'s front; returns the unregistering function (for an effect cleanup). */
export function registerFront(index: number, front: () => TileFront): () => void {
  fronts.set(index, front);
  return () => {
    if (fronts.get(index) === front) fronts.delete(index);
  };
}

export function frontOf(index: number): TileFront | null {
  return fronts.get(index)?.() ?? null;
}

/**
 * Where each camera in front on this wall is (camera → tile index), whatever put it there: the
 * wall's own assignment, an alert's pull, a rotation page or a tour stop.
 */
export function shownCameras(): Map<string, number> {
  const shown = new Map<string, number>();
  for (const [index, front] of fronts) {
    const cameraId = front().cameraId;
    if (cameraId !== null && !shown.has(cameraId)) shown.set(cameraId, index);
  }
  return shown;
}
