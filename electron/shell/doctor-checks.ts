/**
 * The checks only the Electron app can make for `vigil --doctor` (electron/station/doctor does the
 * rest): the displays it finds and the walls the display planner gives them, and hardware video
 * decode and H.265 from Chromium's GPU report. Plain functions over what Electron returns, so
 * they are unit-tested without Electron.
 */
import { fail, pass, warn, type CheckResult } from '../station/doctor/report';
import type { DisplayInfo, WindowPlan } from './display-planner';

const size = (r: { width: number; height: number }) => `${r.width}×${r.height}`;

/** "3 displays; desk on display 1; wall 1 on display 2 (fullscreen) …", numbered as the planner does. */
export function displaysResult(displays: readonly DisplayInfo[], plan: WindowPlan): CheckResult {
  if (displays.length === 0) return fail('displays', 'displays', 'the OS reports no display');
  const real = (id: number | null) => displays.find((d) => d.id === id);
  const where = (id: number | null): string => {
    const d = real(id);
    if (d) return `display ${id} (${size(d.bounds)} at ${d.bounds.x},${d.bounds.y})`;
    if (id === null) return 'no display';
    // A logical monitor's id is -(realId × 64 + index + 1) (display-planner.ts logicalDisplayId).
    const n = -id - 1;
    return `part ${(n % 64) + 1} of split display ${Math.floor(n / 64)}`;
  };
  const walls = plan.walls.map((w) =>
    w.mode === 'parked'
      ? `wall ${w.wallId} parked (${w.note ?? 'its display is gone'})`
      : `wall ${w.wallId} ${w.mode} on ${where(w.displayId)}`,
  );
  const text =
    `${displays.length} display${displays.length === 1 ? '' : 's'}; desk on ${where(plan.desk.displayId)}; ` +
    (walls.length ? walls.join('; ') : 'no wall');
  const shown = plan.walls.filter((w) => w.mode === 'fullscreen' || w.mode === 'panel').length;
  if (displays.length === 1) {
    return warn(
      'displays',
      'displays',
      `${text}. One display: the desk and a wall share it (a hall PC has one per wall, plus the desk's)`,
    );
  }
  if (shown === 0) return warn('displays', 'displays', `${text}. No wall has a display of its own`);
  return pass('displays', 'displays', text);
}

/** Chromium's feature status words: "enabled", "enabled_on", "disabled_software", "unavailable_off" … */
const hardware = (status: string | undefined) =>
  status !== undefined && status.startsWith('enabled');

/** media::VideoCodecProfile numbers of HEVC (main, main 10, main still picture; range extensions). */
const HEVC_PROFILES = new Set([16, 17, 18, 31, 32, 33, 34, 35, 36, 37]);

/**
 * Whether the GPU report lists a hardware decoder for HEVC: any `profile` under a key about
 * decoding, named "hevc…"/"h265" or numbered as one (Electron's app.getGPUInfo('complete')).
 */
export function findHevcDecode(info: unknown, decoding = false): boolean {
  if (Array.isArray(info)) return info.some((v) => findHevcDecode(v, decoding));
  if (info === null || typeof info !== 'object') return false;
  for (const [key, value] of Object.entries(info)) {
    const inDecode = decoding || /decod/i.test(key);
    if (inDecode && /profile/i.test(key)) {
      if (typeof value === 'string' && /hevc|h\.?265/i.test(value)) return true;
      if (typeof value === 'number' && HEVC_PROFILES.has(value)) return true;
    }
    if (typeof value === 'object' && findHevcDecode(value, inDecode)) return true;
  }
  return false;
}

export function videoDecodeResults(
  featureStatus: Readonly<Record<string, string>>,
  gpuInfo: unknown,
): CheckResult[] {
  const decode = featureStatus['video_decode'];
  const decodeResult = hardware(decode)
    ? pass('video-decode', 'video decode', `hardware video decode is on (${decode})`)
    : warn(
        'video-decode',
        'video decode',
        `hardware video decode is off (${decode ?? 'not reported'}): every stream is decoded by the CPU, so a wall plays fewer tiles; check the graphics driver`,
      );
  const hevc = findHevcDecode(gpuInfo);
  const hevcResult = hevc
    ? pass('h265', 'H.265', 'the GPU reports an H.265 (HEVC) hardware decoder: H.265 cameras play')
    : warn(
        'h265',
        'H.265',
        'no H.265 (HEVC) hardware decoder reported: an H.265 camera shows a tile naming its codec instead of video; ask the platform for an H.264 stream',
      );
  return [decodeResult, hevcResult];
}
