/**
 * Each camera's health as the station sees it (issue #16 item 2), from three feeds:
 *
 * - the platform's status (`vigil/cameras/+/status`): online or offline;
 * - the walls' tile reports (`wall.reportTiles`): a tile 'playing' saw a good picture (online,
 *   `lastPictureAt`), 'black-picture' / 'frozen-picture' / 'obstructed-picture' a picture fault
 *   (frames arrive: online), 'offline-camera' offline; other states say nothing of the camera;
 * - the background prober: 'ok' online, 'stalled' / 'unreachable' offline; a 'timeout' says
 *   nothing (a slow platform is not a dead camera) but is kept as the last probe.
 *
 * The newest word wins. It records down intervals in the cache (one opens when a fault starts and
 * closes when it ends; a flap closes and reopens, never leaving two open) and the time it covers
 * (its running time: a span started at start and extended by a heartbeat each minute, so a crash
 * leaves a gap of a minute at most; intervals a crash left open are closed at the last heartbeat).
 * A camera's HealthMark that changed is collected for the `health.mark` stream.
 */
import type { CameraHealth, HealthMark, ProbeOutcome } from '../../../shared/contract/health';
import type { DownKind } from '../../../shared/contract/platform-health';
import type { HealthStore } from '../cache/health-store';

export type PictureFault = Exclude<DownKind, 'offline'>;

/** What a tile state says of its camera; undefined: nothing. */
export function tileVerdict(
  state: string,
): { online: boolean; picture?: PictureFault | null } | undefined {
  switch (state) {
    case 'playing':
      return { online: true, picture: null };
    case 'black-picture':
      return { online: true, picture: 'black' };
    case 'frozen-picture':
      return { online: true, picture: 'frozen' };
    case 'obstructed-picture':
      return { online: true, picture: 'obstructed' };
    case 'offline-camera':
      return { online: false };
    default:
      return undefined;
  }
}

/** What a probe says of the camera being online; null: nothing. */
export function probeVerdict(outcome: ProbeOutcome): boolean | null {
  if (outcome === 'ok') return true;
  if (outcome === 'stalled' || outcome === 'unreachable') return false;
  return null;
}

interface State {
  online: boolean | null;
  onlineSince: number | null;
  picture: PictureFault | null;
  pictureSince: number | null;
  lastPictureAt: number | null;
  lastProbeAt: number | null;
  lastProbe: ProbeOutcome | null;
  /** The `at` of the platform's last status taken (an older one redelivered is not). */
  statusAt: number;
  /** Which feed said the camera's online state, and its picture fault, last. */
  onlineBy: FaultSource;
  pictureBy: FaultSource;
  mark: HealthMark;
}

/** The feed that saw a fault (a ticket's source). */
export type FaultSource = 'platform' | 'tile' | 'prober';

/** A fault a camera has now, and since when. */
export interface CurrentFault {
  cameraId: string;
  kind: DownKind;
  since: number;
  source: FaultSource;
}

export interface HealthServiceOptions {
  store: HealthStore;
  now: () => number;
  /** The camera's open ticket id (the ticket service), null: none. */
  openTicketOf: (cameraId: string) => string | null;
  log?: (line: string) => void;
}

export class HealthService {
  private readonly cameras = new Map<string, State>();
  /** Cameras whose mark changed since the last take. */
  private readonly changedMarks = new Set<string>();
  /** Cameras a tile last said were playing (a good picture as long as they stay on a tile). */
  private readonly playing = new Set<string>();
  private coverageId: number | null = null;
  private startedAt = 0;

  constructor(private readonly options: HealthServiceOptions) {}

  /**
   * Starts a span of running time. Intervals the run before left open (a crash) are closed at
   * its last heartbeat: what happened after it is not known. Cameras seeded from the catalog
   * (`status`) start from what it says, their offline intervals opened now.
   */
  start(seed: readonly { id: string; status: string }[] = []): void {
    if (this.coverageId !== null) return;
    const now = this.options.now();
    const last = this.options.store.lastCoverageEnd();
    const closed = this.options.store.closeAllOpen(last ?? now);
    if (closed > 0) {
      this.options.log?.(`health: closed ${closed} intervals left open at the last heartbeat`);
    }
    this.startedAt = now;
    this.coverageId = this.options.store.startCoverage(now);
    this.seed(seed);
  }

  /**
   * Cameras no feed has spoken of yet start from the catalog's status (a catalog loaded after
   * the start, a new camera); those already known keep what the feeds said.
   */
  seed(cameras: readonly { id: string; status: string }[]): void {
    if (this.coverageId === null) return;
    const now = this.options.now();
    for (const c of cameras) {
      if (this.cameras.get(c.id)?.online != null) continue;
      if (c.status === 'online' || c.status === 'offline') {
        this.setOnline(c.id, c.status === 'online', now, 'platform');
      }
    }
  }

  /** Extends the running span to now (each minute). */
  heartbeat(): void {
    if (this.coverageId !== null)
      this.options.store.extendCoverage(this.coverageId, this.options.now());
  }

  /** A last heartbeat; the open intervals stay open (closed at it by the next start). */
  stop(): void {
    this.heartbeat();
    this.coverageId = null;
  }

  // ---- feeds ---------------------------------------------------------------------------------

  /**
   * The platform's status, in the order of its `at` (an older one is ignored); the interval's
   * time is `at` taken within [start, now] (a retained message may be old).
   */
  onCameraStatus(message: { cameraId: string; status: 'online' | 'offline'; at: number }): void {
    const s = this.state(message.cameraId);
    if (message.at < s.statusAt) return; // a redelivered older status does not undo a newer one
    s.statusAt = message.at;
    const now = this.options.now();
    const at = Math.min(now, Math.max(this.startedAt, message.at));
    this.setOnline(message.cameraId, message.status === 'online', at, 'platform');
  }

  /** A wall's tiles, each with the camera it shows (null: none). */
  onTiles(tiles: readonly { cameraId: string | null; state: string }[]): void {
    const now = this.options.now();
    for (const t of tiles) {
      if (t.cameraId === null) continue;
      const verdict = tileVerdict(t.state);
      if (!verdict) continue;
      this.setOnline(t.cameraId, verdict.online, now, 'tile');
      if (verdict.picture !== undefined) this.setPicture(t.cameraId, verdict.picture, now, 'tile');
      // A wall reports when a tile's state changes: one still playing is seeing a good picture now.
      if (verdict.picture === null) {
        this.state(t.cameraId).lastPictureAt = now;
        this.playing.add(t.cameraId);
      } else {
        this.playing.delete(t.cameraId);
      }
    }
  }

  onProbe(result: { cameraId: string; at: number; outcome: ProbeOutcome }): void {
    const s = this.state(result.cameraId);
    s.lastProbeAt = result.at;
    s.lastProbe = result.outcome;
    const online = probeVerdict(result.outcome);
    if (online !== null)
      this.setOnline(result.cameraId, online, Math.min(result.at, this.options.now()), 'prober');
  }

  /**
   * A picture fault only a tile can see ends when no tile shows the camera any more: what its
   * picture is after that is not known (its interval says how long it was seen bad).
   */
  unwatched(watched: ReadonlySet<string>): void {
    const now = this.options.now();
    for (const cameraId of this.playing) {
      if (watched.has(cameraId)) continue;
      this.playing.delete(cameraId);
      this.state(cameraId).lastPictureAt = now; // seen good up to now
    }
    for (const [cameraId, s] of this.cameras) {
      if (s.picture !== null && !watched.has(cameraId))
        this.setPicture(cameraId, null, now, 'tile');
    }
  }

  /** A ticket of the camera opened or closed: its mark may change. */
  ticketChanged(cameraId: string): void {
    this.remark(cameraId, this.state(cameraId));
  }

  // ---- reads ---------------------------------------------------------------------------------

  health(cameraId: string): CameraHealth {
    const s = this.cameras.get(cameraId);
    return {
      cameraId,
      online: s?.online ?? null,
      onlineSince: s?.onlineSince ?? null,
      picture: s?.picture ?? null,
      pictureSince: s?.pictureSince ?? null,
      lastPictureAt: this.playing.has(cameraId) ? this.options.now() : (s?.lastPictureAt ?? null),
      lastProbeAt: s?.lastProbeAt ?? null,
      lastProbe: s?.lastProbe ?? null,
      openTicketId: this.options.openTicketOf(cameraId),
    };
  }

  mark(cameraId: string): HealthMark {
    return this.cameras.get(cameraId)?.mark ?? this.markOf(cameraId, undefined);
  }

  /** The mark of a camera any feed has spoken of, null: none has. */
  knownMark(cameraId: string): HealthMark | null {
    return this.cameras.get(cameraId)?.mark ?? null;
  }

  /** Every camera known whose mark is not 'ok'. */
  marks(): { cameraId: string; mark: HealthMark }[] {
    const out: { cameraId: string; mark: HealthMark }[] = [];
    for (const [cameraId, s] of this.cameras)
      if (s.mark !== 'ok') out.push({ cameraId, mark: s.mark });
    return out;
  }

  /** Every fault now (offline, a picture fault), with its start. */
  faults(): CurrentFault[] {
    const out: CurrentFault[] = [];
    for (const [cameraId, s] of this.cameras) {
      if (s.online === false && s.onlineSince !== null) {
        out.push({ cameraId, kind: 'offline', since: s.onlineSince, source: s.onlineBy });
      }
      if (s.picture !== null && s.pictureSince !== null) {
        out.push({ cameraId, kind: s.picture, since: s.pictureSince, source: s.pictureBy });
      }
    }
    return out;
  }

  /** Healthy now (online, no picture fault), and since when (null: not healthy or unknown). */
  healthySince(cameraId: string): number | null {
    const s = this.cameras.get(cameraId);
    if (!s || s.online !== true || s.picture !== null || s.onlineSince === null) return null;
    return Math.max(s.onlineSince, s.pictureSince ?? 0);
  }

  lastPictures(): Map<string, number> {
    const out = new Map<string, number>();
    const now = this.options.now();
    for (const [id, s] of this.cameras) {
      if (this.playing.has(id)) out.set(id, now);
      else if (s.lastPictureAt !== null) out.set(id, s.lastPictureAt);
    }
    return out;
  }

  /** Cameras whose mark changed since the last call. */
  takeMarks(): { cameraId: string; mark: HealthMark }[] {
    const out = [...this.changedMarks].map((cameraId) => ({ cameraId, mark: this.mark(cameraId) }));
    this.changedMarks.clear();
    return out;
  }

  // ---- inside --------------------------------------------------------------------------------

  private state(cameraId: string): State {
    let s = this.cameras.get(cameraId);
    if (!s) {
      s = {
        online: null,
        onlineSince: null,
        picture: null,
        pictureSince: null,
        lastPictureAt: null,
        lastProbeAt: null,
        lastProbe: null,
        statusAt: 0,
        onlineBy: 'platform',
        pictureBy: 'tile',
        mark: 'unknown',
      };
      this.cameras.set(cameraId, s);
    }
    return s;
  }

  private setOnline(cameraId: string, online: boolean, at: number, by: FaultSource): void {
    const s = this.state(cameraId);
    if (s.online === online) return;
    s.onlineBy = by;
    const store = this.options.store;
    if (online) store.closeInterval(cameraId, 'offline', at);
    else store.openInterval(cameraId, 'offline', at);
    s.online = online;
    s.onlineSince = at;
    this.remark(cameraId, s);
  }

  private setPicture(
    cameraId: string,
    picture: PictureFault | null,
    at: number,
    by: FaultSource,
  ): void {
    const s = this.state(cameraId);
    if (s.picture === picture) return;
    s.pictureBy = by;
    const store = this.options.store;
    if (s.picture !== null) store.closeInterval(cameraId, s.picture, at);
    if (picture !== null) store.openInterval(cameraId, picture, at);
    s.picture = picture;
    s.pictureSince = at;
    this.remark(cameraId, s);
  }

  private markOf(cameraId: string, s: State | undefined): HealthMark {
    if (s?.online === false) return 'offline';
    if (s?.picture) return 'picture';
    if (this.options.openTicketOf(cameraId) !== null) return 'ticket';
    if (s?.online === true) return 'ok';
    return 'unknown';
  }

  private remark(cameraId: string, s: State): void {
    const mark = this.markOf(cameraId, s);
    if (mark === s.mark) return;
    s.mark = mark;
    this.changedMarks.add(cameraId);
  }
}
