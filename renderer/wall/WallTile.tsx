/**
 * One tile of the wall: the camera's video, its name (large), its zone, a clock, and what the
 * tile is doing in words and colour. The overlay is never absent while the picture is not live.
 *
 * Live: the camera's sub-stream in a small tile, its main stream in a tile much larger than the
 * sub-stream's picture (a 2×2 wall, an enlarged tile: stream-choice.ts) when the decoder budget
 * affords it, changed without a black gap (use-stream-swap.ts) as the layout or the budget
 * changes; decoded only when this window's decoder budget gives it a slot. Playback: a recorded range on a sync group's clock, with a
 * badge that says so. Tools: snapshot, enlarge, playback, nearby cameras.
 */
import { memo, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera, CameraStatus, LinkStateName } from '../../shared/api';
import { parseRoute } from '../app/route';
import { useClient } from '../transport/use-client';
import { useConnectionState } from '../transport/use-connection-state';
import { decoderBudget, tilesWithCameras, toggleEnlarged } from './budget-store';
import { NeighbourPanel } from './NeighbourPanel';
import { PlaybackSurface } from './PlaybackSurface';
import { PlaybackPicker } from '../common/PlaybackPicker';
import { saveSnapshot } from './snapshot';
import {
  labelledCamera,
  stateLabelKey,
  tileDisplayState,
  type TileDisplayState,
} from './tile-state';
import { useClock } from './use-clock';
import { codecName } from './codec';
import { useDecoderSlot, useWarmSlot } from './use-decoder-slot';
import { usePictureCheck } from './use-picture-check';
import { useStreamSwap } from './use-stream-swap';
import { registerFront } from './front-frames';
import { streamAllowed } from '../../shared/csp';
import { useStreamOrigins } from '../state/use-station-info';
import { useTimeZone } from '../state/use-time-zone';
import { formatTime } from '../../shared/domain/time/hall-time';
import { clockPosition, playbackGroup } from './sync-clock';
import { useTileMode } from './use-tile-mode';
import type { TileWatch } from './watch/wall-watch';
import { useKeyFramePreview } from './preview/use-key-frame-preview';
import { mainWeight, wantsMain, type Size } from './stream-choice';
import {
  streamSize,
  subStreamSize,
  useDeviceSize,
  useLearnSizes,
  useStreamSizes,
} from './stream-sizes';
import './preview/preview.css';

export interface WallTileProps {
  index: number;
  cameraId: string | null;
  /** undefined while the catalog loads; null when the catalog has no such camera. */
  camera: Camera | null | undefined;
  cameraStatus: CameraStatus | undefined;
  zoneName: string | undefined;
  link: LinkStateName | undefined;
  /** Told each state the tile enters (WallView reports them to the core for the desk). */
  onState?: (index: number, state: TileDisplayState) => void;
  /** The wall this tile is on (default: the window's route). */
  wallId?: number;
  /** How many tiles the wall has (for "next tile"); default: the tiles this window registered. */
  tileCount?: number;
  /**
   * The camera this tile will show next (a rotation's next page, from its prewarmAt): warmed in
   * the hidden player when the decoder budget has room, so the swap shows a frame at once.
   */
  warmCamera?: Camera | null;
  /** What the tile is doing for the watch modes (rotating, pinned, pulled, a tour's stop). */
  watch?: TileWatch | null;
  /** Drawn over the picture (the watch modes' badge, a tour stop's panel). */
  overlay?: ReactNode;
}

function routeWallId(): number {
  const route = parseRoute(window.location);
  return route.window === 'wall' ? route.wallId : 1;
}

/** A camera's main stream or its sub-stream; with one URL, that one. */
export function streamFor(camera: Camera, main: boolean): string {
  if (!camera.subUrl) return camera.liveUrl;
  return main ? camera.liveUrl : camera.subUrl;
}

/**
 * Whether a tile of `tile` device pixels wants `camera`'s main stream, and its weight in the
 * decoder budget (null: the sub-stream, or the camera has one stream).
 */
function mainWish(
  camera: Camera | null | undefined,
  tile: Size | null,
  wasMain: boolean,
  enlarged: boolean,
): number | null {
  if (!camera?.subUrl) return null;
  const sub = subStreamSize(camera.subUrl);
  const main = streamSize(camera.liveUrl);
  return wantsMain({ tile, sub, main, wasMain, enlarged }) ? mainWeight(main, sub) : null;
}

const PLAYBACK_MINUTES = [2, 30] as const;

/** The last `minutes` minutes, ending 10 s ago (the newest segment may not be recorded yet). */
function lastMinutes(minutes: number): { startMs: number; endMs: number } {
  const endMs = Date.now() - 10_000;
  return { startMs: endMs - minutes * 60_000, endMs };
}

export const WallTile = memo(function WallTile({
  index,
  cameraId,
  camera,
  cameraStatus,
  zoneName,
  link,
  onState,
  wallId: wallIdProp,
  tileCount,
  warmCamera,
  watch,
  overlay,
}: WallTileProps) {
  const { t } = useTranslation();
  const client = useClient();
  const zone = useTimeZone();
  const connection = useConnectionState();
  const [wallId] = useState(() => wallIdProp ?? routeWallId());
  const mode = useTileMode(wallIdProp ?? wallId, index);
  const playing = mode.kind === 'playback' && camera?.playbackUrlTemplate ? mode : null;
  // The station's status (a realtime update, else the catalog's): a camera it holds offline is
  // not decoded at all, even if its stream still serves (docs/protocol.md §3).
  const status = camera ? (cameraStatus ?? camera.status) : undefined;
  // A stream this window's CSP would block is not requested at all; the tile says why.
  const origins = useStreamOrigins();
  const streamBlocked = Boolean(
    camera &&
    origins &&
    !(streamAllowed(camera.liveUrl, origins) && streamAllowed(streamFor(camera, false), origins)),
  );
  // The stream for the tile's size (stream-choice.ts): its size in device pixels against the
  // sub-stream's, learnt from the videos; the last choice holds inside the hysteresis band.
  const root = useRef<HTMLDivElement>(null);
  const tileSize = useDeviceSize(root);
  useStreamSizes();
  const [wasMain, setWasMain] = useState(false);
  const [enlargedHere, setEnlargedHere] = useState(false);
  const wish = mainWish(camera, tileSize, wasMain, enlargedHere);
  if ((wish !== null) !== wasMain) setWasMain(wish !== null);
  const slot = useDecoderSlot(
    index,
    Boolean(camera) && status !== 'offline' && !streamBlocked && origins !== null,
    watch?.kind === 'pin' || watch?.kind === 'pull',
    wish,
    watch?.kind === 'rotation',
  );
  if (slot.enlarged !== enlargedHere) setEnlargedHere(slot.enlarged);
  const live = camera && slot.decode && !playing ? streamFor(camera, slot.main) : null;
  const wantsWarm = Boolean(live && warmCamera && warmCamera.status !== 'offline');
  // The next camera is warmed on the stream the tile will play it on (its main stream only if
  // the tile plays one now: the budget kept room for it).
  const warmWish = slot.main ? mainWish(warmCamera, tileSize, true, slot.enlarged) : null;
  const warmSlot = useWarmSlot(index, wantsWarm, warmWish ?? 1);
  const warm = warmSlot && warmCamera ? streamFor(warmCamera, warmWish !== null) : null;
  const swap = useStreamSwap(live, warm);
  const isSub = useCallback(
    (url: string) => url === camera?.subUrl || url === warmCamera?.subUrl,
    [camera?.subUrl, warmCamera?.subUrl],
  );
  useLearnSizes(swap.refs, swap.urls, isSub);
  // The camera whose picture is on screen: until a new camera's first frame takes the front,
  // the name stays the old one's (a rotation swaps names with pictures, not before).
  const frontUrl = swap.urls[swap.front];
  const [lastShown, setLastShown] = useState<{ id: string | null; camera: Camera | null }>({
    id: cameraId,
    camera: camera ?? null,
  });
  const frontIsWanted = frontUrl === live || frontUrl === null;
  if (frontIsWanted && (lastShown.id !== cameraId || lastShown.camera !== (camera ?? null))) {
    setLastShown({ id: cameraId, camera: camera ?? null });
  }
  const [panel, setPanel] = useState<'none' | 'playback' | 'pick' | 'neighbours'>('none');
  // A live picture that plays but is black or frozen (issue #16): only sampling it can tell.
  const picture = usePictureCheck(
    swap.refs[swap.front],
    frontUrl,
    !playing && frontIsWanted && swap.player.state === 'playing',
  );

  const state = tileDisplayState({
    cameraId,
    cameraStatus: camera === null ? null : status,
    player: playing ? 'playing' : swap.player.state,
    playback: Boolean(playing),
    link,
    // While the core has not said which hosts are allowed, the tile is connecting, not held back.
    heldBack:
      Boolean(camera) &&
      !slot.decode &&
      !playing &&
      status !== 'offline' &&
      !streamBlocked &&
      origins !== null,
    streamBlocked: streamBlocked && !playing,
    picture,
    stationLost: connection !== 'connected' && connection !== 'connecting',
  });
  useEffect(() => onState?.(index, state), [onState, index, state]);
  // Held back but in sight: a key-frame preview of the smallest stream instead of a dark box.
  const previewCanvas = useRef<HTMLCanvasElement>(null);
  const previewUrl =
    state === 'held-back' && camera && !slot.covered ? (camera.subUrl ?? camera.liveUrl) : null;
  const preview = useKeyFramePreview(previewUrl, previewCanvas);
  // The name over the picture: the camera shown or about to be shown, with the state's words.
  const labelled = labelledCamera({
    state,
    wanted: { id: cameraId, camera: camera ?? null },
    onScreen: { id: lastShown.id, camera: lastShown.camera ?? camera ?? null },
    frontIsWanted,
  });
  const shownCamera = labelled.camera;
  const shownId = labelled.id;
  const namesWanted = labelled.id === cameraId;
  // The watcher's keys read this tile's front picture through the registry (front-frames.ts):
  // the camera whose picture it is, whatever the label says meanwhile.
  const pictureId = frontIsWanted ? cameraId : lastShown.id;
  const front = useRef({ pictureId, refs: swap.refs, index: swap.front });
  useEffect(() => {
    front.current = { pictureId, refs: swap.refs, index: swap.front };
  });
  useEffect(
    () =>
      registerFront(index, () => ({
        cameraId: front.current.pictureId,
        video: front.current.refs[front.current.index].current,
      })),
    [index],
  );

  let label: string =
    state === 'unknown-camera'
      ? t('wall.unknownCamera', { id: cameraId ?? '' })
      : t(`wall.state.${stateLabelKey[state]}`);
  if (state === 'unsupported' && swap.player.codec) {
    label = t('wall.unsupportedCodec', { codec: swap.player.codec });
  }
  const cause = state === 'stalled' ? swap.player.stallCause : null;
  // What the state means for the watcher in a second line; the technical cause on demand (the
  // overlay's tooltip), for the installer.
  const explained = explainedState(state, camera);
  const hint = explained ? t(`wall.stateHint.${explained.key}`) : null;
  const detail = explained
    ? t(`wall.stateDetail.${explained.key}`, { budget: decoderBudget(), host: explained.host })
    : undefined;
  const frontRef = swap.refs[swap.front];
  const effectiveWall = wallIdProp ?? wallId;

  const playRange = (range: { startMs: number; endMs: number }, all: boolean): void => {
    const tiles = all ? tilesWithCameras() : [index];
    void client.call('tile.playback', {
      wallId: effectiveWall,
      tileIndexes: tiles.length > 0 ? tiles : [index],
      ...range,
      speed: 1,
    });
    setPanel('none');
  };
  const startPlayback = (minutes: number, all: boolean): void =>
    playRange(lastMinutes(minutes), all);

  return (
    <div
      ref={root}
      className={`wall-tile state-${state}${slot.enlarged ? ' enlarged' : ''}${slot.covered ? ' covered' : ''}${watch ? ` watch-${watch.kind}` : ''}`}
      data-testid={`wall-tile-${index}`}
      data-camera-id={cameraId ?? ''}
      data-shown-camera-id={shownId ?? ''}
      data-watch={watch?.kind ?? ''}
      data-warming={swap.warming ? 'true' : 'false'}
      data-warm-slot={warmSlot ? 'true' : 'false'}
      data-state={state}
      data-mode={playing ? 'playback' : 'live'}
      data-stream={live === null ? '' : live === camera?.subUrl ? 'sub' : 'main'}
      data-enlarged={slot.enlarged ? 'true' : 'false'}
      data-preview={preview.kind}
      onDoubleClick={() => cameraId && toggleEnlarged(index)}
    >
      {playing && camera?.playbackUrlTemplate ? (
        <PlaybackSurface
          wallId={effectiveWall}
          index={index}
          mode={playing}
          camera={{ ...camera, playbackUrlTemplate: camera.playbackUrlTemplate }}
        />
      ) : (
        ([0, 1] as const).map((i) =>
          swap.urls[i] !== null || i === swap.front ? (
            <video
              key={i}
              ref={swap.refs[i]}
              className={`tile-video ${i === swap.front ? 'front' : 'back'}`}
              data-front={i === swap.front ? 'true' : 'false'}
              data-url={swap.urls[i] ?? ''}
              muted
              autoPlay
              playsInline
              disablePictureInPicture
            />
          ) : null,
        )
      )}
      {previewUrl && (
        <canvas
          ref={previewCanvas}
          className={`tile-preview${preview.kind === 'showing' ? ' showing' : ''}`}
          data-testid="tile-preview"
        />
      )}
      {cameraId === null ? (
        <div className="tile-empty">{t('wall.empty')}</div>
      ) : (
        <>
          <div className="tile-label">
            <div className="tile-name">{shownCamera?.name ?? shownId}</div>
            {zoneName && namesWanted && <div className="tile-zone">{zoneName}</div>}
          </div>
          <TileClock />
          {overlay}
          {state === 'playing' ? (
            !playing && <div className="tile-live">{label}</div>
          ) : preview.kind === 'showing' ? (
            <div className="tile-preview-label" data-testid="tile-preview-label" title={detail}>
              {t('wall.preview.label')}
            </div>
          ) : (
            <div className="tile-overlay" role="status" title={detail} data-detail={detail ?? ''}>
              <div className="tile-state" data-testid="tile-state-label">
                {label}
              </div>
              {hint && (
                <div className="tile-retry" data-testid="tile-state-hint">
                  {hint}
                </div>
              )}
              {cause && <div className="tile-retry">{t(`wall.stallCause.${cause}`)}</div>}
              {preview.kind === 'stale' && (
                <div className="tile-retry" data-testid="tile-preview-stale">
                  {t('wall.preview.stale', { seconds: preview.seconds })}
                </div>
              )}
              {preview.kind === 'unsupported' && (
                <div className="tile-retry" data-testid="tile-preview-unsupported">
                  {t(`wall.preview.unsupported.${preview.reason}`, {
                    codec: preview.codec ? codecName(preview.codec) : '',
                  })}
                </div>
              )}
              {swap.player.retryAt !== null && <RetryIn at={swap.player.retryAt} />}
            </div>
          )}
          {camera && (
            <div className="tile-tools" onDoubleClick={(e) => e.stopPropagation()}>
              <button
                type="button"
                data-testid="tile-snapshot"
                onClick={() => {
                  const video = frontRef.current;
                  if (video) void saveSnapshot(video, camera.name, zone);
                }}
              >
                {t('wall.tile.snapshot')}
              </button>
              <button
                type="button"
                data-testid="tile-enlarge"
                onClick={() => toggleEnlarged(index)}
              >
                {slot.enlarged ? t('wall.tile.shrink') : t('wall.tile.enlarge')}
              </button>
              {camera.playbackUrlTemplate && !playing && (
                <button
                  type="button"
                  data-testid="tile-playback"
                  onClick={() => setPanel(panel === 'playback' ? 'none' : 'playback')}
                >
                  {t('wall.tile.playback')}
                </button>
              )}
              <button
                type="button"
                data-testid="tile-neighbours-open"
                onClick={() => setPanel(panel === 'neighbours' ? 'none' : 'neighbours')}
              >
                {t('wall.tile.neighbours')}
              </button>
            </div>
          )}
          {panel === 'playback' && (
            <div className="tile-menu" onDoubleClick={(e) => e.stopPropagation()}>
              {PLAYBACK_MINUTES.map((m) => (
                <button
                  key={m}
                  type="button"
                  data-testid={`playback-${m}`}
                  onClick={() => startPlayback(m, false)}
                >
                  {t('wall.tile.playbackLast', { minutes: m })}
                </button>
              ))}
              {PLAYBACK_MINUTES.map((m) => (
                <button
                  key={`sync-${m}`}
                  type="button"
                  data-testid={`playback-sync-${m}`}
                  onClick={() => startPlayback(m, true)}
                >
                  {t('wall.tile.playbackSync', { minutes: m })}
                </button>
              ))}
              <button type="button" data-testid="playback-choose" onClick={() => setPanel('pick')}>
                {t('playback.choose')}
              </button>
            </div>
          )}
          {panel === 'pick' && (
            <div className="tile-menu tile-picker" data-testid="tile-playback-picker">
              <PlaybackPicker
                onSubmit={(range) => playRange(range, false)}
                onCancel={() => setPanel('none')}
              />
            </div>
          )}
          {panel === 'neighbours' && camera && (
            <NeighbourPanel
              wallId={effectiveWall}
              index={index}
              tileCount={tileCount ?? Math.max(index + 1, tilesWithCameras().length)}
              camera={camera}
              // In playback the next camera continues from this tile's moment (not live).
              playbackAt={
                playing
                  ? () => clockPosition(playbackGroup(effectiveWall, index, playing))
                  : undefined
              }
              onClose={() => setPanel('none')}
            />
          )}
        </>
      )}
    </div>
  );
});

/** The states whose words need a second line and a technical detail (wall.stateHint/Detail). */
function explainedState(
  state: TileDisplayState,
  camera: Camera | null | undefined,
): {
  key: 'heldBack' | 'notAllowed' | 'unsupported' | 'blackPicture' | 'frozenPicture';
  host: string;
} | null {
  const keys = {
    'held-back': 'heldBack',
    'not-allowed': 'notAllowed',
    unsupported: 'unsupported',
    'black-picture': 'blackPicture',
    'frozen-picture': 'frozenPicture',
  } as const;
  const key = state in keys ? keys[state as keyof typeof keys] : null;
  if (!key) return null;
  let host = '';
  try {
    host = camera ? new URL(camera.liveUrl).host : '';
  } catch {
    host = camera?.liveUrl ?? '';
  }
  return { key, host };
}

/** The hall's clock (its time zone, a 24-hour clock), whatever the machine's zone. */
function TileClock() {
  const zone = useTimeZone();
  const now = useClock();
  return (
    <div className="tile-clock" data-testid="tile-clock">
      {formatTime(now, zone)}
    </div>
  );
}

function RetryIn({ at }: { at: number }) {
  const { t } = useTranslation();
  const now = useClock();
  const seconds = Math.max(0, Math.ceil((at - now) / 1000));
  return <div className="tile-retry">{t('wall.retryIn', { seconds })}</div>;
}
