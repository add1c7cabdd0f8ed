/**
 * A snapshot of a tile: the <video>'s current frame drawn to a canvas and downloaded as a PNG
 * named `<camera name>_<YYYYMMDD-HHMMSS>.png` (the hall's time zone, as it reads its clocks); or
 * taken as a JPEG with a tour mark (the evidence of what the watcher saw).
 */
import { fileStamp } from '../../shared/domain/time/hall-time';

/** Characters no file system accepts become "_"; the camera's Chinese name stays. */
export function snapshotFileName(cameraName: string, at: number, zone: string): string {
  const safe = cameraName.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^_+|_+$/g, '') || 'camera';
  return `${safe}_${fileStamp(at, zone)}.png`;
}

/** The video's current frame on a canvas at most `maxWidth` wide; null with no frame yet. */
function frameCanvas(video: HTMLVideoElement, maxWidth = Infinity): HTMLCanvasElement | null {
  if (video.readyState < 2 || video.videoWidth === 0) return null;
  const scale = Math.min(1, maxWidth / video.videoWidth);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  return canvas;
}

/**
 * The frame a watcher's abnormal or faulty mark carries: a JPEG as base64 (no `data:` prefix),
 * smaller and coarser until it fits `maxBase64`; null with no frame (the mark goes without).
 */
export function captureJpeg(video: HTMLVideoElement, maxBase64: number): string | null {
  for (const [width, quality] of [
    [960, 0.8],
    [640, 0.7],
    [480, 0.5],
  ] as const) {
    const canvas = frameCanvas(video, width);
    if (!canvas) return null;
    const data = canvas.toDataURL('image/jpeg', quality).replace(/^data:image\/jpeg;base64,/, '');
    if (data.startsWith('/9j/') && data.length <= maxBase64) return data;
  }
  return null;
}

/** Draws the video's current frame and starts the download; false when there is no frame yet. */
export async function saveSnapshot(
  video: HTMLVideoElement,
  cameraName: string,
  zone: string,
): Promise<boolean> {
  const canvas = frameCanvas(video);
  if (!canvas) return false;
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) return false;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = snapshotFileName(cameraName, Date.now(), zone);
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked after the download has started; created and released here.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}
