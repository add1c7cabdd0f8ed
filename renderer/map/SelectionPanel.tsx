/**
 * What a lasso or circle on the map selected (issue #5), and what the chief does with it:
 * - a rotation group (name + dwell → `rotation.save`, on the chosen wall; started at once when
 *   asked, `rotation.start`);
 * - a focus set (each camera pinned to the next tile of the chosen wall, `focus.pin`; as many as
 *   the wall has tiles);
 * - straight to the wall (`wall.sendGroup`: the wall fills from tile 0). What did not fit is said
 *   (how many of how many, the wall's tile count, why), with the next wall or a rotation of all
 *   of them on this wall offered for the rest (send-outcome.ts).
 * The rotation groups the core holds are listed under it (`rotation.list`, then the
 * `rotation.groups` stream), so what was saved is what the core says, not what the panel sent.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera, WallState } from '../../shared/api';
import type { WallTarget } from '../common/wall-target';
import { useRotationGroups } from '../state/use-watch-rotation';
import { useWalls } from '../state/use-walls';
import { useClient } from '../transport/use-client';
import { formatTime } from '../../shared/domain/time/hall-time';
import { useTimeZone } from '../state/use-time-zone';
import { nextWall, sendOutcome } from './send-outcome';

interface Message {
  text: string;
  error: boolean;
  /** Sent, but not all of it shown. */
  partial?: boolean;
  /** What can be done with the cameras a send left out. */
  offer?: { rest: string[]; next: WallState | undefined; wall: WallState; all: string[] };
}

/** `wall.sendGroup` takes at most this many cameras. */
const SEND_LIMIT = 64;
const ROTATION_LIMIT = 2000;

export function SelectionPanel({
  ids,
  cameras,
  target,
  onClear,
}: {
  ids: readonly string[];
  cameras: ReadonlyMap<string, Camera> | undefined;
  target: WallTarget | null;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const client = useClient();
  const walls = useWalls().value ?? [];
  const [wallId, setWallId] = useState<number | null>(target?.wallId ?? null);
  const [name, setName] = useState('');
  const [dwellS, setDwellS] = useState(10);
  const [startNow, setStartNow] = useState(true);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const wall: WallState | undefined =
    walls.find((w) => w.wallId === wallId) ??
    walls.find((w) => w.wallId === target?.wallId) ??
    walls[0];
  const wallLabel = (w: WallState) => w.name ?? t('walls.wall', { id: w.wallId });

  const groups = useRotationGroups().value ?? [];

  const run = async (action: () => Promise<Message>) => {
    setBusy(true);
    setMessage(await action());
    setBusy(false);
  };

  const makeRotation = (on: WallState | undefined = wall, cameraIds: readonly string[] = ids) =>
    run(async () => {
      if (!on) return { text: t('walls.none'), error: true };
      const groupName =
        name.trim() ||
        t('map.select.defaultName', {
          time: formatTime(Date.now(), zone),
        });
      const id = `map-${Date.now().toString(36)}`;
      const saved = await client.call('rotation.save', {
        id,
        name: groupName,
        cameraIds: cameraIds.slice(0, ROTATION_LIMIT),
        dwellMs: Math.round(dwellS * 1000),
        target: { wallId: on.wallId },
      });
      if (!saved.ok) return { text: saved.error.message, error: true };
      if (startNow) {
        const started = await client.call('rotation.start', { id });
        if (!started.ok) return { text: started.error.message, error: true };
      }
      return {
        text: t(startNow ? 'map.select.rotationStarted' : 'map.select.rotationSaved', {
          name: groupName,
          count: saved.value.cameraIds.length,
          wall: wallLabel(on),
        }),
        error: false,
      };
    });

  const makeFocus = () =>
    run(async () => {
      if (!wall) return { text: t('walls.none'), error: true };
      const chosen = ids.slice(0, wall.layout.cells.length);
      for (const [tileIndex, cameraId] of chosen.entries()) {
        const pinned = await client.call('focus.pin', {
          wallId: wall.wallId,
          tileIndex,
          cameraId,
          reason: t('map.select.focusReason'),
        });
        if (!pinned.ok) return { text: pinned.error.message, error: true };
      }
      return {
        text: t('map.select.focused', { count: chosen.length, wall: wallLabel(wall) }),
        error: false,
      };
    });

  const sendToWall = (on: WallState | undefined = wall, cameraIds: readonly string[] = ids) =>
    run(async () => {
      if (!on) return { text: t('walls.none'), error: true };
      const chunk = cameraIds.slice(0, SEND_LIMIT);
      const sent = await client.call('wall.sendGroup', { wallId: on.wallId, cameraIds: chunk });
      if (!sent.ok) return { text: sent.error.message, error: true };
      const outcome = sendOutcome(cameraIds, chunk, sent.value);
      if (outcome.rest.length === 0) {
        return {
          text: t('mapSearch.send.all', { count: outcome.placed, wall: wallLabel(on) }),
          error: false,
        };
      }
      const parts = [
        t('mapSearch.send.partial', {
          placed: outcome.placed,
          total: outcome.total,
          wall: wallLabel(on),
          tiles: outcome.tiles,
          rest: outcome.rest.length,
        }),
      ];
      if (outcome.overLimit > 0) {
        parts.push(t('mapSearch.send.limit', { limit: SEND_LIMIT, count: outcome.total }));
      }
      return {
        text: parts.join('; '),
        error: false,
        partial: true,
        offer: {
          rest: outcome.rest,
          next: nextWall(walls, on.wallId),
          wall: on,
          all: [...new Set(cameraIds)],
        },
      };
    });

  const disabled = busy || ids.length === 0 || !wall;
  return (
    <div className="map-section" data-testid="selection-panel" data-count={ids.length}>
      <div className="map-section-title">
        {t('map.select.title')}
        <span className="muted" data-testid="selection-count">
          {t('map.select.count', { count: ids.length })}
        </span>
      </div>
      {ids.length === 0 ? (
        <div className="muted">{t('map.select.hint')}</div>
      ) : (
        <>
          <ul className="map-list selection-list">
            {ids.slice(0, 12).map((id) => (
              <li key={id} data-testid="selection-camera" data-camera-id={id}>
                <span className="name" title={cameras?.get(id)?.name ?? id}>
                  {cameras?.get(id)?.name ?? id}
                </span>
              </li>
            ))}
            {ids.length > 12 && (
              <li className="muted">{t('map.select.more', { count: ids.length - 12 })}</li>
            )}
          </ul>
          <div className="map-form">
            <label>
              {t('map.select.wall')}
              <select
                data-testid="selection-wall"
                value={wall?.wallId ?? ''}
                onChange={(event) => setWallId(Number(event.target.value))}
              >
                {walls.map((w) => (
                  <option key={w.wallId} value={w.wallId}>
                    {wallLabel(w)}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              data-testid="selection-send"
              disabled={disabled}
              onClick={() => void sendToWall()}
            >
              {t('map.select.send', { count: Math.min(ids.length, SEND_LIMIT) })}
            </button>
            <button
              type="button"
              data-testid="selection-focus"
              disabled={disabled}
              onClick={() => void makeFocus()}
            >
              {t('map.select.focus', {
                count: Math.min(ids.length, wall?.layout.cells.length ?? 0),
              })}
            </button>
          </div>
          <div className="map-subtitle">{t('map.select.rotation')}</div>
          <form
            className="map-form"
            onSubmit={(event) => {
              event.preventDefault();
              void makeRotation();
            }}
          >
            <input
              data-testid="selection-name"
              value={name}
              maxLength={100}
              placeholder={t('map.select.name')}
              onChange={(event) => setName(event.target.value)}
            />
            <label>
              {t('map.select.dwell')}
              <input
                data-testid="selection-dwell"
                type="number"
                min={1}
                max={3600}
                value={dwellS}
                onChange={(event) =>
                  setDwellS(Math.min(3600, Math.max(1, Number(event.target.value) || 1)))
                }
              />
            </label>
            <label className="follow">
              <input
                type="checkbox"
                checked={startNow}
                onChange={(event) => setStartNow(event.target.checked)}
              />
              {t('map.select.startNow')}
            </label>
            <button type="submit" data-testid="selection-rotation" disabled={disabled}>
              {t('map.select.makeRotation')}
            </button>
          </form>
          <button type="button" data-testid="selection-clear" onClick={onClear}>
            {t('map.select.clear')}
          </button>
        </>
      )}
      {message && (
        <div
          className={message.error ? 'map-error' : message.partial ? 'map-warn' : 'map-ok'}
          role="status"
          data-testid="selection-message"
          data-partial={message.partial ? 'yes' : undefined}
        >
          {message.text}
        </div>
      )}
      {message?.offer && (
        <div className="map-form send-offer" data-testid="selection-offer">
          {message.offer.next && (
            <button
              type="button"
              data-testid="selection-send-rest"
              disabled={busy}
              onClick={() => {
                const offer = message.offer!;
                void sendToWall(offer.next, offer.rest);
              }}
            >
              {t('mapSearch.send.nextWall', {
                count: Math.min(message.offer.rest.length, SEND_LIMIT),
                wall: wallLabel(message.offer.next),
              })}
            </button>
          )}
          <button
            type="button"
            data-testid="selection-rotate-all"
            disabled={busy}
            onClick={() => {
              const offer = message.offer!;
              void makeRotation(offer.wall, offer.all);
            }}
          >
            {t('mapSearch.send.rotate', {
              count: Math.min(message.offer.all.length, ROTATION_LIMIT),
              wall: wallLabel(message.offer.wall),
            })}
          </button>
        </div>
      )}
      {groups.length > 0 && (
        <>
          <div className="map-subtitle">{t('map.select.groups')}</div>
          <ul className="map-list" data-testid="rotation-groups">
            {groups.map((group) => (
              <li
                key={group.id}
                data-testid="rotation-group"
                data-group-id={group.id}
                data-camera-ids={group.cameraIds.join(' ')}
              >
                <span className="name">{group.name}</span>
                <span className="muted">
                  {t('map.select.groupLine', {
                    count: group.cameraIds.length,
                    dwell: Math.round(group.dwellMs / 1000),
                    wall: group.target.wallId,
                  })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
