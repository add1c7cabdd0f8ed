/**
 * Focus watch (重点盯巡) on the desk: the cameras pinned to wall tiles (never rotated out), a form
 * to pin the camera selected or ticked in the tree with a reason and an expiry, and the cameras
 * alerts pulled onto focus tiles, to keep or dismiss, and the alerts that are not on the wall
 * (no free linkage tile, tiles the chief just arranged, a newer alert took them: issue #15), to
 * show or dismiss — one list, each alert once with its state (on the wall, kept, or not on the wall
 * and why), and "show on map" for each. Lists follow the `focus` stream.
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
import { requestMapFocus } from '../../common/map-focus';

export function FocusPanel() {
  const focus = useWatchFocus();
  return (
    <div className="watch-split">
      <PinForm />
      <Pins pins={focus.value?.pins} />
      <Alerts
        pulls={focus.value?.pulls}
        unshown={focus.value ? (focus.value.unshown ?? []) : undefined}
      />
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

/** One alert in the list: on the wall (its pull) or not (why), newest first. */
type AlertRow =
  | { kind: 'pull'; pull: FocusPull; at: number }
  | { kind: 'unshown'; unshown: UnshownAlert; at: number };

/**
 * The alerts: those on the wall (pulled onto linkage tiles, to keep or dismiss) and those not
 * on it (never only a line in a log, issue #15: to show or dismiss), each once — a pull wins
 * over a stale "not shown" entry of the same alert.
 */
export function alertRows(
  pulls: readonly FocusPull[],
  unshown: readonly UnshownAlert[],
): AlertRow[] {
  const pulled = new Set(pulls.map((p) => p.alertId));
  const rows: AlertRow[] = [
    ...pulls.map((pull) => ({ kind: 'pull' as const, pull, at: pull.pulledAt })),
    ...unshown
      .filter((u) => !pulled.has(u.alertId))
      .map((u) => ({ kind: 'unshown' as const, unshown: u, at: u.at })),
  ];
  const seen = new Set<string>();
  return rows
    .sort((a, b) => b.at - a.at)
    .filter((row) => {
      const id = row.kind === 'pull' ? row.pull.alertId : row.unshown.alertId;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
}

function ShowOnMap({
  alert,
}: {
  alert: { alertId: string; title: string; lat: number; lng: number };
}) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      data-testid="focus-alert-map"
      onClick={() =>
        requestMapFocus({
          kind: 'point',
          lat: alert.lat,
          lng: alert.lng,
          label: alert.title,
          alertId: alert.alertId,
        })
      }
    >
      {t('mapSearch.showOnMap')}
    </button>
  );
}

function Alerts({
  pulls,
  unshown,
}: {
  pulls: FocusPull[] | undefined;
  unshown: UnshownAlert[] | undefined;
}) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const { act, busy, cameras } = useWatch();
  const wallName = useWallName();
  const rows = pulls && unshown ? alertRows(pulls, unshown) : undefined;
  const notShown = rows?.filter((r) => r.kind === 'unshown').length ?? 0;
  return (
    <ListCard
      title={
        notShown > 0
          ? `${t('watchDesk.focus.alertsTitle')} · ${t('watchDesk.focus.unshownCount', { count: notShown })}`
          : t('watchDesk.focus.alertsTitle')
      }
      testId="focus-alerts"
      state={listState(rows)}
      emptyText={t('watchDesk.focus.noAlerts')}
    >
      <WatchTable
        columns={[
          { label: t('watchDesk.focus.alert') },
          { label: t('watchDesk.focus.state') },
          { label: t('watchDesk.common.wall') },
          { label: t('watchDesk.focus.expires') },
          { label: t('watchDesk.common.actions'), className: 'actions' },
        ]}
        short
      >
        {(rows ?? []).map((row) => {
          if (row.kind === 'unshown') {
            const u = row.unshown;
            return (
              <tr
                key={u.alertId}
                className="unshown"
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
                <td>
                  <span className="state-pill missed">{t('watchDesk.focus.notOnWall')}</span>
                  <div data-testid="focus-unshown-reason">
                    {u.reason === 'arranged'
                      ? t('watchDesk.focus.reasons.arranged', { count: u.heldBack })
                      : t(`watchDesk.focus.reasons.${u.reason}`)}
                  </div>
                </td>
                <td>{wallName(u.wallId)}</td>
                <td className="mono">{hallShort(u.expiresAt, zone)}</td>
                <td className="actions">
                  <button
                    type="button"
                    className="primary"
                    data-testid="focus-show"
                    disabled={busy}
                    onClick={() =>
                      void act(
                        t('watchDesk.focus.show'),
                        'focus.show',
                        { alertId: u.alertId },
                        () => t('watchDesk.focus.shown', { wall: wallName(u.wallId) }),
                      )
                    }
                  >
                    {t('watchDesk.focus.show')}
                  </button>
                  <ShowOnMap alert={u} />
                  <button
                    type="button"
                    className="danger"
                    data-testid="focus-unshown-dismiss"
                    disabled={busy}
                    onClick={() =>
                      void act(t('watchDesk.focus.dismiss'), 'focus.dismiss', {
                        alertId: u.alertId,
                      })
                    }
                  >
                    {t('watchDesk.focus.dismiss')}
                  </button>
                </td>
              </tr>
            );
          }
          const pull = row.pull;
          return (
            <tr key={pull.alertId} data-testid="focus-pull" data-alert-id={pull.alertId}>
              <td className="name">
                <span className="ellipsis" title={pull.title}>
                  {pull.title}
                </span>
                <div className="muted mono">{hallShort(pull.pulledAt, zone)}</div>
              </td>
              <td>
                <span className="state-pill running">
                  {pull.expiresAt === null
                    ? t('watchDesk.focus.kept')
                    : t('watchDesk.focus.onWall')}
                </span>
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
                {pull.expiresAt === null ? '—' : hallShort(pull.expiresAt, zone)}
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
                <ShowOnMap alert={pull} />
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
          );
        })}
      </WatchTable>
    </ListCard>
  );
}
