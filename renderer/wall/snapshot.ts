/**
 * A snapshot of a tile: the <video>'s current frame drawn to a canvas and downloaded as a PNG
 * named `<camera name>_<YYYYMMDD-HHMMSS>.png` (local time, as the hall reads its clocks).
 */

const pad = (n: number): string => String(n).padStart(2, '0');

/** Characters no file system accepts become "_"; the camera's Chinese name stays. */
export function snapshotFileName(cameraName: string, at: Date): string {
  const safe = cameraName.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^_+|_+$/g, '') || 'camera';
  const stamp =
    `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-` +
    `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `${safe}_${stamp}.png`;
}

/** Draws the video's current frame and starts the download; false when there is no frame yet. */
export async function saveSnapshot(video: HTMLVideoElement, cameraName: string): Promise<boolean> {
  if (video.readyState < 2 || video.videoWidth === 0) return false;
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const context = canvas.getContext('2d');
  if (!context) return false;
  context.drawImage(video, 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) return false;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = snapshotFileName(cameraName, new Date());
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked after the download has started; created and released here.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}
