/**
 * The faults an operator or a test injects into the simulated platform (docs/protocol.md §6),
 * and what each camera's stream looks like because of them.
 *
 * A camera's look (live, black, frozen) is kept as a short timeline by segment number, so the
 * segments already in a live window never change their file when a fault starts or clears.
 */
import { z } from 'zod';
import type { Look } from './media-library';

const cameraId = z.string().trim().min(1, 'cameraId must not be empty').max(64);

export const cameraFaultKinds = [
  'camera-offline',
  'black',
  'frozen',
  'stalled',
  'h265',
  'fmp4',
  'status-offline',
  'http-503',
] as const;
export type CameraFaultKind = (typeof cameraFaultKinds)[number];

export const FaultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('camera-offline'), cameraId }),
  z.object({ kind: z.literal('black'), cameraId }),
  z.object({ kind: z.literal('frozen'), cameraId }),
  z.object({ kind: z.literal('stalled'), cameraId }),
  /** The camera sends H.265: its live playlist becomes a master naming CODECS="hvc1…". */
  z.object({ kind: z.literal('h265'), cameraId }),
  /** The camera packs its H.264 in fMP4: playlists with EXT-X-MAP and .m4s segments. */
  z.object({ kind: z.literal('fmp4'), cameraId }),
  /**
   * The platform reports the camera offline (MQTT status, catalog) while its stream keeps
   * serving: a status that lags the camera, or a camera that streams but is held offline.
   */
  z.object({ kind: z.literal('status-offline'), cameraId }),
  /**
   * The camera's live playlists answer 503 (an offline camera on such a media server); its
   * status is left as it was (a status that has not caught up, or a station without one).
   */
  z.object({ kind: z.literal('http-503'), cameraId }),
  z.object({ kind: z.literal('platform-down') }),
]);
export type Fault = z.infer<typeof FaultSchema>;
export type CameraFault = Extract<Fault, { cameraId: string }>;

interface CameraFaults {
  offline: boolean;
  /** Look changes, oldest first: from segment `from` on, the camera shows `look`. */
  looks: { from: number; look: Look }[];
  /** The newest segment the playlist shows while stalled, or null. */
  stalledAt: number | null;
  /** Sends H.265 (a camera attribute more than a fault; set and cleared like one). */
  h265: boolean;
  /** Serves fMP4 rather than MPEG-TS (an attribute too, set and cleared like a fault). */
  fmp4: boolean;
  /** Reported offline while the stream keeps serving. */
  statusOffline: boolean;
  /** Live playlists answer 503. */
  http503: boolean;
}

export interface FaultState {
  platformDown: boolean;
  /**
   * Applies a camera fault. `nextSegment` is the first segment not yet published in any live
   * window, so a look change never rewrites a segment a player may have seen.
   */
  setCameraFault(fault: CameraFault, nextSegment: number): void;
  /**
   * Clears one fault of a camera (camera-offline, black or frozen: what the failure process
   * sets), leaving its others; returns true if it is no longer offline because of it.
   */
  clearCameraFault(
    cameraId: string,
    kind: 'camera-offline' | 'black' | 'frozen',
    nextSegment: number,
  ): boolean;
  /** Clears one camera's faults; returns true if it was reported offline. */
  clearCamera(cameraId: string, nextSegment: number): boolean;
  /** Clears everything; returns the cameras that were reported offline. */
  clearAll(nextSegment: number): string[];
  list(): Fault[];
  isOffline(cameraId: string): boolean;
  /** Reported offline while its stream serves on (`status-offline`). */
  isStatusOffline(cameraId: string): boolean;
  /** Its live playlists answer 503 (`http-503`). */
  isHttp503(cameraId: string): boolean;
  lookAt(cameraId: string, segment: number): Look;
  stalledAt(cameraId: string): number | null;
  isH265(cameraId: string): boolean;
  isFmp4(cameraId: string): boolean;
}

const maxLookHistory = 8;

export function createFaultState(): FaultState {
  const cameras = new Map<string, CameraFaults>();

  const entry = (id: string): CameraFaults => {
    let e = cameras.get(id);
    if (!e) {
      e = {
        offline: false,
        looks: [],
        stalledAt: null,
        h265: false,
        fmp4: false,
        statusOffline: false,
        http503: false,
      };
      cameras.set(id, e);
    }
    return e;
  };
  const currentLook = (e: CameraFaults): Look => e.looks[e.looks.length - 1]?.look ?? 'live';
  const changeLook = (e: CameraFaults, look: Look, from: number): void => {
    if (currentLook(e) === look) return;
    e.looks.push({ from, look });
    if (e.looks.length > maxLookHistory) e.looks.splice(0, e.looks.length - maxLookHistory);
  };
  const isClear = (e: CameraFaults): boolean =>
    !e.offline &&
    e.stalledAt === null &&
    !e.h265 &&
    !e.fmp4 &&
    !e.statusOffline &&
    !e.http503 &&
    currentLook(e) === 'live';

  const state: FaultState = {
    platformDown: false,
    setCameraFault(fault, nextSegment) {
      const e = entry(fault.cameraId);
      switch (fault.kind) {
        case 'camera-offline':
          e.offline = true;
          break;
        case 'black':
        case 'frozen':
          changeLook(e, fault.kind, nextSegment);
          break;
        case 'stalled':
          e.stalledAt ??= nextSegment - 1;
          break;
        case 'h265':
          e.h265 = true;
          break;
        case 'fmp4':
          e.fmp4 = true;
          break;
        case 'status-offline':
          e.statusOffline = true;
          break;
        case 'http-503':
          e.http503 = true;
          break;
      }
    },
    clearCameraFault(id, kind, nextSegment) {
      const e = cameras.get(id);
      if (!e) return false;
      if (kind === 'camera-offline') {
        if (!e.offline) return false;
        e.offline = false;
        return !e.statusOffline;
      }
      if (currentLook(e) === kind) changeLook(e, 'live', nextSegment);
      return false;
    },
    clearCamera(id, nextSegment) {
      const e = cameras.get(id);
      if (!e) return false;
      const wasOffline = e.offline || e.statusOffline;
      e.offline = false;
      e.stalledAt = null;
      e.h265 = false;
      e.fmp4 = false;
      e.statusOffline = false;
      e.http503 = false;
      changeLook(e, 'live', nextSegment);
      return wasOffline;
    },
    clearAll(nextSegment) {
      state.platformDown = false;
      const wasOffline: string[] = [];
      for (const id of cameras.keys()) if (state.clearCamera(id, nextSegment)) wasOffline.push(id);
      return wasOffline;
    },
    list() {
      const faults: Fault[] = state.platformDown ? [{ kind: 'platform-down' }] : [];
      for (const [cameraId, e] of cameras) {
        if (isClear(e)) continue;
        if (e.offline) faults.push({ kind: 'camera-offline', cameraId });
        const look = currentLook(e);
        if (look === 'black' || look === 'frozen') faults.push({ kind: look, cameraId });
        if (e.stalledAt !== null) faults.push({ kind: 'stalled', cameraId });
        if (e.h265) faults.push({ kind: 'h265', cameraId });
        if (e.fmp4) faults.push({ kind: 'fmp4', cameraId });
        if (e.statusOffline) faults.push({ kind: 'status-offline', cameraId });
        if (e.http503) faults.push({ kind: 'http-503', cameraId });
      }
      return faults;
    },
    isOffline: (id) => cameras.get(id)?.offline ?? false,
    isStatusOffline: (id) => cameras.get(id)?.statusOffline ?? false,
    isHttp503: (id) => cameras.get(id)?.http503 ?? false,
    lookAt(id, segment) {
      const e = cameras.get(id);
      if (!e) return 'live';
      let look: Look = 'live';
      for (const change of e.looks) if (change.from <= segment) look = change.look;
      return look;
    },
    stalledAt: (id) => cameras.get(id)?.stalledAt ?? null,
    isH265: (id) => cameras.get(id)?.h265 ?? false,
    isFmp4: (id) => cameras.get(id)?.fmp4 ?? false,
  };
  return state;
}
