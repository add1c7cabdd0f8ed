/**
 * Coverage (覆盖): plan tours so that every camera is seen by some watcher within a period
 * (`coverage.plan`, a plan per watcher that can be made into a tour), and which cameras nobody
 * saw lately, per zone (`coverage.report`, from the tours' marks).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoveragePlan, CoverageReport } from '../../../shared/domain/watch';
import { useWatch } from './watch-context';
import { EditorCard, ListCard, NumberField, NumberInput, WatchTable } from './WatchFields';
import { newWatchId, secondsToMs } from './watch-model';

const minutes = (ms: number) => Math.round(ms / 60_000);
/** 26000 → "26,000": counts this large are read at a glance, not spelled out. */
const useCount = (): ((n: number) => string) => {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language);
  return (n) => format.format(n);
};

export function CoveragePanel() {
  return (
    <div className="watch-split">
      <Plan />
      <Report />
    </div>
  );
}

function Plan() {
  const { t } = useTranslation();
  const count = useCount();
  const { act, busy, operator, walls } = useWatch();
  const [watchers, setWatchers] = useState(operator);
  const [hours, setHours] = useState<number | null>(8);
  const [stopS, setStopS] = useState<number | null>(10);
  const [plan, setPlan] = useState<CoveragePlan | null>(null);
  const names = watchers
    .split('\n')
    .map((w) => w.trim())
    .filter(Boolean);

  const run = () =>
    void act(t('watchDesk.coverage.plan'), 'coverage.plan', {
      watchers: names,
      periodMs: Math.round((hours ?? Number.NaN) * 3600_000),
      stopDwellMs: secondsToMs(stopS ?? Number.NaN),
    }).then((p) => p && setPlan(p));

  const covered = plan?.tours.reduce((n, x) => n + x.cameraCount, 0) ?? 0;
  return (
    <EditorCard title={t('watchDesk.coverage.planTitle')} testId="coverage-plan" onSubmit={run}>
      <div className="watch-row">
        <label className="watch-field grow">
          <span>{t('watchDesk.coverage.watchers')}</span>
          <textarea
            data-testid="coverage-watchers"
            rows={3}
            value={watchers}
            onChange={(e) => setWatchers(e.target.value)}
          />
        </label>
        <NumberField
          label={t('watchDesk.coverage.period')}
          testId="coverage-hours"
          value={hours}
          onChange={setHours}
        />
        <NumberField
          label={t('watchDesk.coverage.stopDwell')}
          testId="coverage-stop"
          value={stopS}
          onChange={setStopS}
        />
        <button type="submit" className="primary" data-testid="coverage-run" disabled={busy}>
          {t('watchDesk.coverage.plan')}
        </button>
      </div>
      {plan && (
        <>
          <div data-testid="coverage-summary">
            {t('watchDesk.coverage.planSummary', {
              tours: plan.tours.length,
              cameras: count(covered),
              total: count(plan.cameraCount),
              stops: count(plan.stopCount),
            })}{' '}
            <span className={plan.feasible ? 'outcome normal' : 'outcome missed'}>
              {plan.feasible
                ? t('watchDesk.coverage.feasible')
                : t('watchDesk.coverage.infeasible', { minutes: minutes(plan.maxCycleMs) })}
            </span>
          </div>
          {plan.stopCount > plan.cameraCount && (
            <div className="muted watch-hint" data-testid="coverage-stops-why">
              {t('watchDesk.coverage.planFocus', {
                count: plan.focusCount,
                focus: count(plan.focusCount),
                visits: plan.focusVisits,
                stops: count(plan.stopCount),
                total: count(plan.cameraCount),
              })}
            </div>
          )}
          <WatchTable
            short
            columns={[
              { label: t('watchDesk.tours.watcher') },
              { label: t('watchDesk.rotation.cameras'), className: 'num' },
              { label: t('watchDesk.tours.stops'), className: 'num' },
              { label: t('watchDesk.coverage.cycle'), className: 'num' },
              { label: t('watchDesk.coverage.zones'), className: 'num' },
              { label: t('watchDesk.common.actions'), className: 'actions' },
            ]}
          >
            {plan.tours.map((p) => (
              <tr key={p.watcher} data-testid="coverage-tour">
                <td>{p.watcher}</td>
                <td className="num">{p.cameraCount}</td>
                <td className="num">{p.cameraIds.length}</td>
                <td className="num">{minutes(p.cycleMs)}</td>
                <td className="num">{p.zones.length}</td>
                <td className="actions">
                  <button
                    type="button"
                    disabled={busy || p.cameraIds.length === 0}
                    onClick={() => {
                      const name = t('watchDesk.coverage.tourName', { watcher: p.watcher });
                      void act(
                        t('watchDesk.coverage.makeTour'),
                        'tour.save',
                        {
                          id: newWatchId('cov'),
                          name,
                          stops: p.cameraIds.slice(0, 2000).map((cameraId) => ({
                            cameraId,
                            dwellMs: secondsToMs(stopS ?? 10),
                            check: '',
                          })),
                          windows: [],
                          watcher: p.watcher,
                          wallId: walls[0]?.wallId ?? 1,
                          enabled: true,
                        },
                        () => t('watchDesk.common.saved', { name }),
                      );
                    }}
                  >
                    {t('watchDesk.coverage.makeTour')}
                  </button>
                </td>
              </tr>
            ))}
          </WatchTable>
        </>
      )}
    </EditorCard>
  );
}

function Report() {
  const { t } = useTranslation();
  const count = useCount();
  const { act, busy, areaName } = useWatch();
  const [hours, setHours] = useState<number | null>(24);
  const [report, setReport] = useState<CoverageReport | null>(null);
  const run = () =>
    void act(t('watchDesk.coverage.report'), 'coverage.report', {
      periodMs: Math.round((hours ?? Number.NaN) * 3600_000),
    }).then((r) => r && setReport(r));
  const zones = [...(report?.zones ?? [])].sort((a, b) => b.unseen - a.unseen);
  return (
    <ListCard
      title={t('watchDesk.coverage.reportTitle')}
      testId="coverage-report"
      state={report === null ? 'empty' : 'ready'}
      emptyText=""
      tools={
        <>
          <label className="watch-field inline">
            {t('watchDesk.coverage.period')}
            <NumberInput
              testId="coverage-report-hours"
              label={t('watchDesk.coverage.period')}
              value={hours}
              onChange={setHours}
            />
          </label>
          <button type="button" data-testid="coverage-report-run" disabled={busy} onClick={run}>
            {t('watchDesk.coverage.report')}
          </button>
        </>
      }
    >
      {report && (
        <>
          <div data-testid="coverage-report-summary">
            {t('watchDesk.coverage.reportSummary', {
              seen: count(report.seenCount),
              total: count(report.cameraCount),
              hours: Math.round((report.to - report.from) / 3600_000),
            })}{' '}
            <span className="muted" data-testid="coverage-report-counts">
              {t('watchDesk.coverage.reportCounts')}
            </span>
          </div>
          <WatchTable
            columns={[
              { label: t('watchDesk.coverage.zone') },
              { label: t('watchDesk.coverage.total'), className: 'num' },
              { label: t('watchDesk.coverage.seen'), className: 'num' },
              { label: t('watchDesk.coverage.unseen'), className: 'num' },
            ]}
          >
            {zones.map((z) => (
              <tr key={z.id} data-testid="coverage-zone">
                <td>{areaName(z.id)}</td>
                <td className="num">{z.total}</td>
                <td className="num">{z.seen}</td>
                <td className={`num${z.unseen > 0 ? ' outcome missed' : ''}`}>{z.unseen}</td>
              </tr>
            ))}
          </WatchTable>
        </>
      )}
    </ListCard>
  );
}
