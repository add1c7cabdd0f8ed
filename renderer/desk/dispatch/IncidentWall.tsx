/**
 * The incident on the wall (issue #13 item 3, story 2): 上墙 puts the cameras that see its point
 * on the focus wall (`incident.focus`); one click plays back the last 5/10/30 minutes of those
 * tiles in sync (`incident.focus`, then `tile.playback` with the tiles it filled and one range);
 * 回到实时 puts them back to live (`tile.live`). The detail says which wall and tiles, with the
 * camera on each, and whether the wall still plays the range (an operator at the wall may have
 * taken a tile back to live).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../shared/api';
import type { Incident } from '../../../shared/contract/dispatch';
import { useWalls } from '../../state/use-walls';
import { useTileModes } from '../../wall/use-tile-mode';
import {
  defaultPlaybackMinutes,
  playbackMinutes,
  playbackRange,
  playbackWhere,
  tileNumbers,
  type PlaybackMinutes,
} from './dispatch-model';
import type { Run } from './dispatch-run';
import { formatTimeNear } from '../../../shared/domain/time/hall-time';
import { useTimeZone } from '../../state/use-time-zone';
import { rangeLabel } from '../../common/clip-export';
import { PlaybackPicker } from '../../common/PlaybackPicker';

/** Where this desk put an incident's cameras, and the range it plays there (null: live). */
export interface WallPush {
  incidentId: string;
  wallId: number;
  tileIndexes: number[];
  cameraIds: string[];
  /** `picked`: a chosen date and time (else the last `minutes`). */
  playback: { startMs: number; endMs: number; minutes: number; picked?: boolean } | null;
}

/** A playback from the incident's time starts this long before the report. */
const PICK_LEAD_MS = 5 * 60_000;

export function IncidentWall({
  incident,
  cameras,
  now,
  run,
  push,
  onPush,
}: {
  incident: Incident;
  cameras: ReadonlyMap<string, Camera> | undefined;
  now: number;
  run: Run;
  push: WallPush | null;
  onPush: (push: WallPush) => void;
}) {
  const { t } = useTranslation();
  const [minutes, setMinutes] = useState<PlaybackMinutes>(defaultPlaybackMinutes);
  const [busy, setBusy] = useState(false);
  // "From the incident's time": the one playback picker, prefilled with the report's minute.
  const [picking, setPicking] = useState(false);
  const zone = useTimeZone();
  const walls = useWalls().value;
  const mine = push && push.incidentId === incident.id ? push : null;

  const wallName = (wallId: number): string => {
    const wall = walls?.find((w) => w.wallId === wallId);
    const number = t('walls.wall', { id: wallId });
    return wall?.name ? t('dispatch.wall.named', { name: wall.name, number }) : number;
  };

  /** 上墙; `say`: the notice names the wall (a playback says its own words after). */
  const focus = async (say: boolean): Promise<WallPush | null> => {
    const value = await run('incident.focus', { id: incident.id }, (v) =>
      v.cameraIds.length === 0
        ? t('dispatch.detail.focusedNone')
        : say
          ? t('dispatch.detail.focused', { count: v.cameraIds.length, wall: wallName(v.wallId) })
          : null,
    );
    if (!value) return null;
    const next: WallPush = {
      incidentId: incident.id,
      wallId: value.wallId,
      // An older core answered without the tiles: nothing to play back on.
      tileIndexes: [...(value.tileIndexes ?? [])],
      cameraIds: value.cameraIds,
      playback: null,
    };
    onPush(next);
    return next;
  };

  /** 上墙, then play `range` on the tiles it filled, in sync; `picked`: a chosen date and time. */
  const playBack = async (
    range: { startMs: number; endMs: number },
    picked: boolean,
  ): Promise<void> => {
    const pushed = await focus(false);
    if (!pushed || pushed.tileIndexes.length === 0) return;
    const minutes = Math.round((range.endMs - range.startMs) / 60_000);
    const modes = await run(
      'tile.playback',
      { wallId: pushed.wallId, tileIndexes: pushed.tileIndexes, ...range, speed: 1 },
      () =>
        picked
          ? t('playback.incidentPlaying', {
              range: rangeLabel(range.startMs, range.endMs, zone),
              count: pushed.tileIndexes.length,
              wall: wallName(pushed.wallId),
            })
          : t('dispatch.wall.playing', {
              minutes,
              count: pushed.tileIndexes.length,
              wall: wallName(pushed.wallId),
            }),
    );
    if (modes) onPush({ ...pushed, playback: { ...range, minutes, picked } });
    if (modes && picked) setPicking(false);
  };

  const act = async (work: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="incident-wall" data-testid="incident-wall">
      <h3>{t('dispatch.wall.title')}</h3>
      <div className="incident-wall-actions">
        <button
          type="button"
          disabled={busy}
          data-testid="incident-focus"
          onClick={() => void act(() => focus(true))}
        >
          {t('dispatch.detail.focus')}
        </button>
        <span className="incident-wall-playback">
          <label>
            <span>{t('dispatch.wall.last')}</span>
            <select
              value={minutes}
              data-testid="incident-playback-minutes"
              aria-label={t('dispatch.wall.minutes')}
              onChange={(e) => {
                const chosen = playbackMinutes.find((m) => m === Number(e.target.value));
                if (chosen) setMinutes(chosen);
              }}
            >
              {playbackMinutes.map((m) => (
                <option key={m} value={m}>
                  {t('dispatch.wall.minutesOption', { minutes: m })}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="primary"
            disabled={busy}
            data-testid="incident-playback"
            onClick={() => void act(() => playBack(playbackRange(minutes, Date.now()), false))}
          >
            {t('dispatch.wall.playback')}
          </button>
          <button
            type="button"
            disabled={busy}
            data-testid="incident-playback-pick"
            aria-expanded={picking}
            onClick={() => setPicking(!picking)}
          >
            {t('playback.incidentPick')}
          </button>
        </span>
        {picking && (
          <PlaybackPicker
            initialStartMs={Math.floor((incident.reportedAt - PICK_LEAD_MS) / 60_000) * 60_000}
            note={t('playback.fromIncident', {
              time: formatTimeNear(incident.reportedAt, now, zone),
            })}
            busy={busy}
            onSubmit={(range) => void act(() => playBack(range, true))}
            onCancel={() => setPicking(false)}
          />
        )}
        {mine?.playback && (
          <button
            type="button"
            disabled={busy}
            data-testid="incident-live"
            onClick={() =>
              void act(async () => {
                const modes = await run(
                  'tile.live',
                  { wallId: mine.wallId, tileIndexes: mine.tileIndexes },
                  () => t('dispatch.wall.backLive', { wall: wallName(mine.wallId) }),
                );
                if (modes) onPush({ ...mine, playback: null });
              })
            }
          >
            {t('dispatch.wall.live')}
          </button>
        )}
      </div>
      {mine && (
        <WallWhere push={mine} wallName={wallName(mine.wallId)} cameras={cameras} now={now} />
      )}
    </section>
  );
}

/** Which wall and tiles the incident went to, the camera on each, and what they play. */
function WallWhere({
  push,
  wallName,
  cameras,
  now,
}: {
  push: WallPush;
  wallName: string;
  cameras: ReadonlyMap<string, Camera> | undefined;
  now: number;
}) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const modes = useTileModes(push.wallId);
  const where =
    push.playback !== null && modes !== undefined
      ? playbackWhere(modes.modes, push.tileIndexes, push.playback)
      : null;
  // Still playing the incident's range while any of its tiles does, in sync.
  const playing = where === null ? null : where.inSync.length > 0;
  const tiles = [...new Set(push.tileIndexes)].sort((a, b) => a - b);
  // The pull's cameras are in the order of its tiles (a pulled camera shows over the tile's own,
  // which the wall's state still holds).
  const cameraOn = (index: number): string | null => {
    const at = push.tileIndexes.indexOf(index);
    const id = push.cameraIds[at] ?? null;
    return id ? (cameras?.get(id)?.name ?? id) : null;
  };

  return (
    <div
      className="incident-wall-where"
      data-testid="incident-wall-where"
      data-wall-id={push.wallId}
      data-tiles={tileNumbers(push.tileIndexes).join(',')}
      data-mode={push.playback ? (playing === false ? 'ended' : 'playback') : 'live'}
    >
      <div>
        {push.cameraIds.length === 0
          ? t('dispatch.detail.focusedNone')
          : tiles.length === 0
            ? t('dispatch.wall.whereNoTiles', { wall: wallName, count: push.cameraIds.length })
            : t('dispatch.wall.where', {
                wall: wallName,
                tiles: tileNumbers(tiles).join('、'),
                count: tiles.length,
              })}
      </div>
      {tiles.length > 0 && (
        <ol className="incident-wall-tiles">
          {tiles.map((index) => (
            <li key={index}>
              <span className="tile-no">{index + 1}</span>
              <span className="tile-camera">{cameraOn(index) ?? '—'}</span>
            </li>
          ))}
        </ol>
      )}
      {push.playback && (
        <div
          className={playing === false ? 'muted' : 'incident-wall-playing'}
          data-testid="incident-playback-state"
        >
          {playing === false
            ? t('dispatch.wall.playbackEnded')
            : push.playback.picked
              ? t('playback.incidentLine', {
                  range: rangeLabel(push.playback.startMs, push.playback.endMs, zone),
                })
              : t('dispatch.wall.playbackLine', {
                  minutes: push.playback.minutes,
                  from: formatTimeNear(push.playback.startMs, now, zone),
                  to: formatTimeNear(push.playback.endMs, now, zone),
                })}
          {where !== null && where.ownTime.length > 0 && (
            <div data-testid="incident-playback-own-time">
              {t('dispatch.wall.ownTime', {
                tiles: where.ownTime.join('、'),
                count: where.ownTime.length,
              })}
            </div>
          )}
          {where !== null && where.live.length > 0 && (
            <div data-testid="incident-playback-live">
              {t('dispatch.wall.backToLive', {
                tiles: where.live.join('、'),
                count: where.live.length,
              })}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
