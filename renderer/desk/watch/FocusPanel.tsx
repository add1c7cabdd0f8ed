/**
 * Focus watch (重点盯巡) on the desk: the cameras pinned to wall tiles (never rotated out), a form
 * to pin the camera selected or ticked in the tree with a reason and an expiry, and the cameras
 * alerts pulled onto focus tiles, to keep or dismiss, and the alerts that are not on the wall
 * (no free linkage tile, tiles the chief just arranged, a newer alert took them: issue #15), to
 * show or dismiss. Lists follow the `focus` stream.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FocusPin, FocusPull, UnshownAlert } from '../../../shared/contract/watch';
import { useWatchFocus } from '../../state/use-watch-focus';
import { cameraName, useWatch } from './watch-context';
import {
  EditorCard,
  ListCard,
  listState,
  TextField,
  TileSelect,
  useWallName,
  WallSelect,
  WatchTable,
} from './WatchFields';
import { appendUnique, expiryAt, hallShort, pinExpiries, type PinExpiry } from './watch-model';
import { useTimeZone } from '../../state/use-time-zone';

export function FocusPanel() {
  const focus = useWatchFocus();
  return (
    <div className="watch-split">
      <PinForm />
      <Pins pins={focus.value?.pins} />
      <Unshown unshown={focus.value ? (focus.value.unshown ?? []) : undefined} />
      <Pulls pulls={focus.value?.pulls} />
    </div>
  );
}

function PinForm() {
  const { t } = useTranslation();
  const { act, busy, walls, cameras, selectedId, checkedIds } = useWatch();
  const wallName = useWallName();
  const candidates = appendUnique(selectedId ? [selectedId] : [], checkedIds);
  const [chosen, setChosen] = useState<string | null>(null);
  const cameraId =
    chosen !== null && candidates.includes(chosen) ? chosen : (candidates[0] ?? null);
  const [wallId, setWallId] = useState(walls[0]?.wallId ?? 1);
  const [tileIndex, setTileIndex] = useState(0);
  const [reason, setReason] = useState('');
  const [expiry, setExpiry] = useState<PinExpiry>('h8');

  const pin = () => {
    if (!cameraId) return;
    void act(
      t('watchDesk.focus.pin'),
      'focus.pin',
      {
        wallId,
        tileIndex,
        cameraId,
        reason: reason.trim(),
        expiresAt: expiryAt(expiry, Date.now()),
      },
      () =>
        t('watchDesk.focus.pinned', {
          camera: cameraName(cameras, cameraId),
          wall: wallName(wallId),
          tile: tileIndex + 1,
        }),
    ).then((state) => {
      if (state) setReason('');
    });
  };

  return (
    <EditorCard title={t('watchDesk.focus.pinTitle')} testId="pin-form" onSubmit={pin}>
      <div className="watch-row">
        <label className="watch-field grow">
          <span>{t('watchDesk.common.camera')}</span>
          {cameraId ? (
            <select
              data-testid="pin-camera"
              value={cameraId}
              onChange={(e) => setChosen(e.target.value)}
            >
              {candidates.map((id) => (
                <option key={id} value={id}>
                  {cameraName(cameras, id)} · {id}
                </option>
              ))}
            </select>
          ) : (
            <span className="muted watch-hint" data-testid="pin-no-camera">
              {t('watchDesk.focus.noCamera')}
            </span>
          )}
        </label>
        <WallSelect
          testId="pin-wall"
          value={wallId}
          onChange={(w) => {
            setWallId(w);
            setTileIndex(0);
          }}
        />
        <TileSelect testId="pin-tile" wallId={wallId} value={tileIndex} onChange={setTileIndex} />
      </div>
      <div className="watch-row">
        <TextField
          label={t('watchDesk.focus.reason')}
          testId="pin-reason"
          value={reason}
          maxLength={200}
          placeholder={t('watchDesk.focus.reasonPlaceholder')}
          onChange={setReason}
          grow
        />
        <label className="watch-field">
          <span>{t('watchDesk.focus.expiry')}</span>
          <select
            data-testid="pin-expiry"
            value={expiry}
            onChange={(e) => setExpiry(e.target.value as PinExpiry)}
          >
            {pinExpiries.map((e) => (
              <option key={e} value={e}>
                {t(`watchDesk.focus.expiries.${e}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="primary"
          data-testid="pin-submit"
          disabled={busy || !cameraId}
        >
          {t('watchDesk.focus.pin')}
        </button>
      </div>
    </EditorCard>
  );
}

function Pins({ pins }: { pins: FocusPin[] | undefined }) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const { act, busy, cameras } = useWatch();
  const wallName = useWallName();
  const sorted = [...(pins ?? [])].sort((a, b) => a.wallId - b.wallId || a.tileIndex - b.tileIndex);
  return (
    <ListCard
      title={t('watchDesk.focus.pinsTitle')}
      testId="focus-pins"
      state={listState(pins)}
      emptyText={t('watchDesk.focus.noPins')}
    >
      <WatchTable
        columns={[
          { label: t('watchDesk.common.wall') },
          { label: t('watchDesk.common.tile'), className: 'num' },
          { label: t('watchDesk.common.camera') },
          { label: t('watchDesk.focus.reason') },
          { label: t('watchDesk.focus.expires') },
          { label: t('watchDesk.focus.who') },
          { label: t('watchDesk.common.actions'), className: 'actions' },
        ]}
        short
      >
        {sorted.map((pin) => (
          <tr
            key={`${pin.wallId}-${pin.tileIndex}`}
            data-testid="focus-pin"
            data-wall-id={pin.wallId}
            data-tile-index={pin.tileIndex}
            data-camera-id={pin.cameraId}
          >
            <td>{wallName(pin.wallId)}</td>
            <td className="num">{pin.tileIndex + 1}</td>
            <td className="camera">
              <span className="ellipsis" title={pin.cameraId}>
                {cameraName(cameras, pin.cameraId)}
              </span>
            </td>
            <td className="name">
              <span className="ellipsis" title={pin.reason}>
                {pin.reason}
              </span>
            </td>
            <td className="mono">
              {pin.expiresAt === null ? t('watchDesk.focus.never') : hallShort(pin.expiresAt, zone)}
            </td>
            <td>
              {pin.pinnedBy} <span className="muted mono">{hallShort(pin.pinnedAt, zone)}</span>
            </td>
            <td className="actions">
              <button
                type="button"
                data-testid="focus-unpin"
                disabled={busy}
                onClick={() =>
                  void act(
                    t('watchDesk.focus.unpin'),
                    'focus.unpin',
                    { wallId: pin.wallId, tileIndex: pin.tileIndex },
                    () =>
                      t('watchDesk.focus.unpinned', {
                        wall: wallName(pin.wallId),
                        tile: pin.tileIndex + 1,
                      }),
                  )
                }
              >
                {t('watchDesk.focus.unpin')}
              </button>
            </td>
          </tr>
        ))}
      </WatchTable>
    </ListCard>
  );
}

function Pulls({ pulls }: { pulls: FocusPull[] | undefined }) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const { act, busy, cameras } = useWatch();
  const wallName = useWallName();
  return (
    <ListCard
      title={t('watchDesk.focus.pullsTitle')}
      testId="focus-pulls"
      state={listState(pulls)}
      emptyText={t('watchDesk.focus.noPulls')}
    >
      <WatchTable
        columns={[
          { label: t('watchDesk.focus.alert') },
          { label: t('watchDesk.focus.pulled') },
          { label: t('watchDesk.common.wall') },
          { label: t('watchDesk.focus.expires') },
          { label: t('watchDesk.common.actions'), className: 'actions' },
        ]}
        short
      >
        {(pulls ?? []).map((pull) => (
          <tr key={pull.alertId} data-testid="focus-pull" data-alert-id={pull.alertId}>
            <td className="name">
              <span className="ellipsis" title={pull.title}>
                {pull.title}
              </span>
              <div className="muted mono">{hallShort(pull.pulledAt, zone)}</div>
            </td>
            <td>
              {pull.tiles.map((tile) => (
                <div key={tile.tileIndex} className="pulled" title={tile.reason}>
                  <span className="muted">{tile.tileIndex + 1}</span>{' '}
                  {cameraName(cameras, tile.cameraId)}{' '}
                  <span className="muted">{tile.distanceM} m</span>
                </div>
              ))}
              {(pull.heldBack ?? 0) > 0 && (
                <div className="muted" data-testid="focus-held-back">
                  {t('watchDesk.focus.heldBack', { count: pull.heldBack })}
                </div>
              )}
            </td>
            <td>{wallName(pull.wallId)}</td>
            <td className="mono">
              {pull.expiresAt === null ? (
                <span className="state-pill running">{t('watchDesk.focus.kept')}</span>
              ) : (
                hallShort(pull.expiresAt, zone)
              )}
            </td>
            <td className="actions">
              {pull.expiresAt !== null && (
                <button
                  type="button"
                  data-testid="focus-keep"
                  disabled={busy}
                  onClick={() =>
                    void act(t('watchDesk.focus.keep'), 'focus.keep', { alertId: pull.alertId })
                  }
                >
                  {t('watchDesk.focus.keep')}
                </button>
              )}
              <button
                type="button"
                className="danger"
                data-testid="focus-dismiss"
                disabled={busy}
                onClick={() =>
                  void act(t('watchDesk.focus.dismiss'), 'focus.dismiss', {
                    alertId: pull.alertId,
                  })
                }
              >
                {t('watchDesk.focus.dismiss')}
              </button>
            </td>
          </tr>
        ))}
      </WatchTable>
    </ListCard>
  );
}

/** Alerts the wall does not show: never only a line in a log (issue #15). */
function Unshown({ unshown }: { unshown: UnshownAlert[] | undefined }) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const { act, busy } = useWatch();
  const wallName = useWallName();
  const newestFirst = [...(unshown ?? [])].reverse();
  return (
    <ListCard
      title={
        unshown && unshown.length > 0
          ? `${t('watchDesk.focus.unshownTitle')} · ${t('watchDesk.focus.unshownCount', { count: unshown.length })}`
          : t('watchDesk.focus.unshownTitle')
      }
      testId="focus-unshown"
      state={listState(unshown)}
      emptyText={t('watchDesk.focus.noUnshown')}
    >
      <WatchTable
        columns={[
          { label: t('watchDesk.focus.alert') },
          { label: t('watchDesk.focus.why') },
          { label: t('watchDesk.common.wall') },
          { label: t('watchDesk.common.actions'), className: 'actions' },
        ]}
        short
      >
        {newestFirst.map((u) => (
          <tr
            key={u.alertId}
            data-testid="focus-unshown-alert"
            data-alert-id={u.alertId}
            data-reason={u.reason}
          >
            <td className="name">
              <span className="ellipsis" title={u.title}>
                {u.title}
              </span>
              <div className="muted mono">{hallShort(u.at, zone)}</div>
            </td>
            <td data-testid="focus-unshown-reason">
              {u.reason === 'arranged'
                ? t('watchDesk.focus.reasons.arranged', { count: u.heldBack })
                : t(`watchDesk.focus.reasons.${u.reason}`)}
            </td>
            <td>{wallName(u.wallId)}</td>
            <td className="actions">
              <button
                type="button"
                className="primary"
                data-testid="focus-show"
                disabled={busy}
                onClick={() =>
                  void act(t('watchDesk.focus.show'), 'focus.show', { alertId: u.alertId }, () =>
                    t('watchDesk.focus.shown', { wall: wallName(u.wallId) }),
                  )
                }
              >
                {t('watchDesk.focus.show')}
              </button>
              <button
                type="button"
                className="danger"
                data-testid="focus-unshown-dismiss"
                disabled={busy}
                onClick={() =>
                  void act(t('watchDesk.focus.dismiss'), 'focus.dismiss', { alertId: u.alertId })
                }
              >
                {t('watchDesk.focus.dismiss')}
              </button>
            </td>
          </tr>
        ))}
      </WatchTable>
    </ListCard>
  );
}
