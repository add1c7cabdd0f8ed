/**
 * Scheduled patrol tours (定时查巡) on the desk: the tours with their next window (Beijing time),
 * the runs in progress with each stop's mark as it happens (the `tour` stream), and the record of
 * finished runs (who, when, marked and missed, each stop, the stop's camera shown on the map)
 * with a CSV export.
 */
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TourState, TourSummary } from '../../../shared/contract/watch';
import {
  stopMarks,
  type StopRecord,
  type TourRunState,
  type TourWindow,
} from '../../../shared/domain/watch';
import { useWatchTours } from '../../state/use-watch-tours';
import { useClient } from '../../transport/use-client';
import { downloadText } from './download';
import { TourEditor } from './TourEditor';
import { cameraName, useWatch } from './watch-context';
import { DeleteButton, ListCard, listState, useWallName, WatchTable } from './WatchFields';
import { hallShort, runCounts } from './watch-model';
import { formatTime } from '../../../shared/domain/time/hall-time';
import { useTimeZone } from '../../state/use-time-zone';
import { requestMapFocus } from '../../common/map-focus';

export function TourPanel() {
  const tours = useWatchTours();
  const [editing, setEditing] = useState<TourSummary | 'new' | null>(null);
  const close = () => {
    setEditing(null);
    tours.reload();
  };
  return (
    <div className="watch-split">
      {editing && (
        <TourEditor
          key={editing === 'new' ? 'new' : editing.id}
          tour={editing === 'new' ? null : editing}
          onClose={close}
        />
      )}
      <TourList
        tours={tours.tours}
        runs={tours.runs}
        onNew={() => setEditing('new')}
        onEdit={setEditing}
        reload={tours.reload}
      />
      <LiveRuns runs={tours.runs} />
      <History history={tours.history} reload={tours.reload} />
    </div>
  );
}

function useWindowText(): (w: TourWindow) => string {
  const { t } = useTranslation();
  return (w) => {
    const days = Array.isArray(w.days)
      ? w.days.map((d) => t(`watchDesk.tours.weekday.${d as 0}`)).join(' ')
      : t(`watchDesk.tours.${w.days}`);
    const range = w.from || w.until ? ` (${w.from ?? '…'} – ${w.until ?? '…'})` : '';
    return `${w.start}–${w.end} ${days}${range}`;
  };
}

function TourList({
  tours,
  runs,
  onNew,
  onEdit,
  reload,
}: {
  tours: TourSummary[] | undefined;
  runs: TourState['runs'];
  onNew: () => void;
  onEdit: (tour: TourSummary) => void;
  reload: () => void;
}) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const { act, busy } = useWatch();
  const wallName = useWallName();
  const windowText = useWindowText();
  return (
    <ListCard
      title={t('watchDesk.sections.tours')}
      newTestId="tour-new"
      onNew={onNew}
      state={listState(tours)}
      emptyText={t('watchDesk.tours.none')}
    >
      <WatchTable
        columns={[
          { label: t('watchDesk.tours.tour') },
          { label: t('watchDesk.tours.stops'), className: 'num' },
          { label: t('watchDesk.tours.windows') },
          { label: t('watchDesk.tours.nextOpens') },
          { label: t('watchDesk.tours.watcher') },
          { label: t('watchDesk.tours.where') },
          { label: t('watchDesk.tours.enabled') },
          { label: t('watchDesk.common.actions'), className: 'actions' },
        ]}
        testId="tour-table"
        short
      >
        {(tours ?? []).map((tour) => {
          const running = runs.some((r) => r.tourId === tour.id);
          return (
            <tr key={tour.id} data-testid="watch-tour" data-tour-id={tour.id}>
              <td className="name">
                <span className="ellipsis" title={tour.name}>
                  {tour.name}
                </span>
              </td>
              <td className="num">{tour.stops.length}</td>
              <td className="windows">
                {tour.windows.length === 0
                  ? '—'
                  : tour.windows.map((w, i) => <div key={i}>{windowText(w)}</div>)}
              </td>
              <td className="mono" data-testid="tour-next">
                {tour.nextOpensAt === null
                  ? t(tour.enabled ? 'watchDesk.tours.noWindow' : 'watchDesk.tours.disabled')
                  : hallShort(tour.nextOpensAt, zone)}
              </td>
              <td>{tour.watcher}</td>
              <td>
                {wallName(tour.wallId)} ·{' '}
                {t('watchDesk.common.tileNo', { tile: tour.tileIndex + 1 })}
              </td>
              <td>
                <input
                  type="checkbox"
                  data-testid="tour-enabled-toggle"
                  aria-label={t('watchDesk.tours.enabled')}
                  checked={tour.enabled}
                  disabled={busy}
                  onChange={() => {
                    // The contract takes the tour as saved; nextOpensAt is the core's answer.
                    const { nextOpensAt: _next, ...saved } = tour;
                    void act(
                      t('watchDesk.tours.enabled'),
                      'tour.save',
                      { ...saved, enabled: !tour.enabled },
                      (s) => t('watchDesk.common.saved', { name: s.name }),
                    ).then(reload);
                  }}
                />
              </td>
              <td className="actions">
                <button
                  type="button"
                  className="primary"
                  data-testid="tour-start"
                  disabled={busy || running}
                  onClick={() =>
                    void act(t('watchDesk.tours.startNow'), 'tour.start', { id: tour.id }, () =>
                      t('watchDesk.tours.started', {
                        name: tour.name,
                        watcher: tour.watcher,
                      }),
                    )
                  }
                >
                  {t('watchDesk.tours.startNow')}
                </button>
                <button type="button" data-testid="tour-edit" onClick={() => onEdit(tour)}>
                  {t('watchDesk.common.edit')}
                </button>
                <DeleteButton
                  testId="tour-delete"
                  onDelete={() =>
                    void act(t('watchDesk.common.delete'), 'tour.delete', { id: tour.id }, () =>
                      t('watchDesk.common.deleted', { name: tour.name }),
                    ).then(reload)
                  }
                />
              </td>
            </tr>
          );
        })}
      </WatchTable>
    </ListCard>
  );
}

function LiveRuns({ runs }: { runs: TourState['runs'] }) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const { act, busy, cameras } = useWatch();
  const wallName = useWallName();
  return (
    <ListCard
      title={t('watchDesk.tours.runsTitle')}
      testId="tour-runs"
      state={listState(runs)}
      emptyText={t('watchDesk.tours.noRuns')}
    >
      {runs.map((run) => {
        const counts = runCounts(run);
        const open = run.current === null ? null : run.stops[run.current];
        return (
          <div
            key={run.id}
            className="run-card"
            data-testid="tour-run"
            data-run-id={run.id}
            data-tour-id={run.tourId}
            data-current={run.current ?? ''}
          >
            <div className="run-card-head">
              <strong>{run.tourName}</strong>
              <span>{run.watcher}</span>
              <span className="muted">
                {wallName(run.wallId)} · {t('watchDesk.tours.startedAt')}{' '}
                {hallShort(run.startedAt, zone)}
              </span>
              {run.current !== null && run.deadline !== null && (
                <span className="state-pill running">
                  {t('watchDesk.tours.stopDue', {
                    stop: run.current + 1,
                    time: formatTime(run.deadline, zone),
                  })}
                </span>
              )}
              <span className="muted">
                {t('watchDesk.tours.marked')} {counts.marked} · {t('watchDesk.tours.missed')}{' '}
                {counts.missed}
              </span>
              <span className="spacer" />
              {open &&
                stopMarks.map((mark) => (
                  <button
                    key={mark}
                    type="button"
                    data-testid={`run-mark-${mark}`}
                    disabled={busy}
                    onClick={() =>
                      void act(t(`watchDesk.tours.outcomes.${mark}`), 'tour.mark', {
                        runId: run.id,
                        stopIndex: open.index,
                        mark,
                      })
                    }
                  >
                    {t(`watchDesk.tours.outcomes.${mark}`)}
                  </button>
                ))}
              <button
                type="button"
                className="danger"
                data-testid="tour-stop-run"
                disabled={busy}
                onClick={() =>
                  void act(t('watchDesk.tours.stopRun'), 'tour.stop', { runId: run.id }, () =>
                    t('watchDesk.tours.runStopped', { name: run.tourName }),
                  )
                }
              >
                {t('watchDesk.tours.stopRun')}
              </button>
            </div>
            <div className="stop-marks">
              {run.stops.map((s) => (
                <span
                  key={s.index}
                  className={`stop-mark ${s.outcome ?? ''}${s.index === run.current ? ' current' : ''}`}
                  data-testid="run-stop"
                  data-outcome={s.outcome ?? (s.index === run.current ? 'current' : 'open')}
                  title={`${s.index + 1}. ${cameraName(cameras, s.cameraId)}`}
                >
                  {s.index + 1}. {cameraName(cameras, s.cameraId)}
                  {s.outcome && ` · ${t(`watchDesk.tours.outcomes.${s.outcome}`)}`}
                  {s.fault && ` (${t(`watchDesk.tours.faults.${s.fault}`)})`}
                </span>
              ))}
            </div>
          </div>
        );
      })}
    </ListCard>
  );
}

function History({ history, reload }: { history: TourRunState[] | undefined; reload: () => void }) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const { act, busy } = useWatch();
  const [open, setOpen] = useState<string | null>(null);
  const runs = history ?? [];
  const exportCsv = () =>
    void act(
      t('watchDesk.tours.exportCsv'),
      'tourRun.exportCsv',
      { runIds: runs.map((r) => r.id) },
      (file) => {
        downloadText(file.filename, file.csv);
        return t('watchDesk.tours.exported', { file: file.filename });
      },
    );
  return (
    <ListCard
      title={t('watchDesk.tours.historyTitle')}
      testId="tour-history"
      state={listState(history)}
      emptyText={t('watchDesk.tours.noHistory')}
      tools={
        <>
          <button type="button" onClick={reload}>
            {t('watchDesk.tours.refresh')}
          </button>
          <button
            type="button"
            data-testid="tour-export"
            disabled={busy || runs.length === 0}
            onClick={exportCsv}
          >
            {t('watchDesk.tours.exportCsv')}
          </button>
        </>
      }
    >
      <WatchTable
        columns={[
          { label: t('watchDesk.tours.tour') },
          { label: t('watchDesk.tours.watcher') },
          { label: t('watchDesk.tours.startedBy') },
          { label: t('watchDesk.tours.startedAt') },
          { label: t('watchDesk.tours.endedAt') },
          { label: t('watchDesk.tours.status') },
          { label: t('watchDesk.tours.marked'), className: 'num' },
          { label: t('watchDesk.tours.missed'), className: 'num' },
        ]}
        short
      >
        {runs.map((run) => {
          const counts = runCounts(run);
          const expanded = open === run.id;
          return (
            <Fragment key={run.id}>
              <tr
                className={expanded ? 'expanded clickable' : 'clickable'}
                data-testid="history-run"
                data-run-id={run.id}
                data-missed={counts.missed}
                data-marked={counts.marked}
                aria-expanded={expanded}
                tabIndex={0}
                onClick={() => setOpen(expanded ? null : run.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') setOpen(expanded ? null : run.id);
                }}
              >
                <td className="name">
                  <span className="caret">{expanded ? '▾' : '▸'}</span> {run.tourName}
                </td>
                <td>{run.watcher}</td>
                <td>
                  {run.startedBy === 'schedule' ? t('watchDesk.tours.schedule') : run.startedBy}
                </td>
                <td className="mono">{hallShort(run.startedAt, zone)}</td>
                <td className="mono">{run.endedAt ? hallShort(run.endedAt, zone) : '—'}</td>
                <td>
                  <span className={`state-pill ${run.status}`}>
                    {t(`watchDesk.tours.statuses.${run.status}`)}
                  </span>
                </td>
                <td className="num">{counts.marked}</td>
                <td className={`num${counts.missed > 0 ? ' outcome missed' : ''}`}>
                  {counts.missed}
                </td>
              </tr>
              {expanded && (
                <tr className="detail">
                  <td colSpan={8}>
                    <RunStops runId={run.id} stops={run.stops} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </WatchTable>
    </ListCard>
  );
}

/** The picture a mark carried, fetched when the chief asks for it (runs list without them). */
function StopSnapshot({ runId, stopIndex }: { runId: string; stopIndex: number }) {
  const { t } = useTranslation();
  const client = useClient();
  const [shot, setShot] = useState<{ src: string } | { error: string } | null>(null);
  const [shown, setShown] = useState(false);
  const toggle = () => {
    setShown(!shown);
    if (shot && !('error' in shot)) return;
    void client
      .call('tourRun.snapshot', { runId, stopIndex })
      .then((r) =>
        setShot(
          r.ok
            ? { src: `data:${r.value.mime};base64,${r.value.data}` }
            : { error: t('watchDesk.tours.snapshotFailed', { message: r.error.message }) },
        ),
      );
  };
  return (
    <>
      <button type="button" data-testid="history-snapshot" aria-expanded={shown} onClick={toggle}>
        {t(shown ? 'watchDesk.tours.hideSnapshot' : 'watchDesk.tours.showSnapshot')}
      </button>
      {shown && shot && 'src' in shot && (
        <img
          className="stop-snapshot"
          data-testid="history-snapshot-image"
          src={shot.src}
          alt={t('watchDesk.tours.snapshotAlt', { stop: stopIndex + 1 })}
        />
      )}
      {shown && shot && 'error' in shot && <div className="watch-notice error">{shot.error}</div>}
    </>
  );
}

function RunStops({ runId, stops }: { runId: string; stops: readonly StopRecord[] }) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const { cameras } = useWatch();
  return (
    <table className="watch-table" data-testid="history-stops">
      <tbody>
        {stops.map((s) => {
          const outcome = s.outcome ?? 'open';
          return (
            <tr key={s.index} data-testid="history-stop" data-outcome={outcome}>
              <td className="num">{s.index + 1}</td>
              <td className="camera">
                <span className="ellipsis" title={s.cameraId}>
                  {cameraName(cameras, s.cameraId)}
                </span>
              </td>
              <td className={`outcome ${outcome}`}>
                {t(`watchDesk.tours.outcomes.${outcome}`)}
                {s.fault && ` (${t(`watchDesk.tours.faults.${s.fault}`)})`}
              </td>
              <td>{s.note}</td>
              <td>{s.snapshot && <StopSnapshot runId={runId} stopIndex={s.index} />}</td>
              <td className="muted">
                {s.markedBy && t('watchDesk.tours.markedBy', { who: s.markedBy })}
              </td>
              <td className="mono">{s.endedAt ? hallShort(s.endedAt, zone) : ''}</td>
              <td className="actions">
                <button
                  type="button"
                  data-testid="history-stop-map"
                  onClick={() => requestMapFocus({ kind: 'camera', id: s.cameraId })}
                >
                  {t('mapSearch.showOnMap')}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
