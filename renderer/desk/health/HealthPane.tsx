/**
 * The desk's 健康 / Health tab (issue #16 items 3 and 4): the online rate and integrity of the last
 * 7 days against the 98 % line, the cameras by their health now, the daily trend and the rates by
 * group (ECharts, with the same numbers in a table), the worst cameras, the background prober in
 * words, and the fault tickets with their lifecycle. The weekly report is its own page
 * (`?view=report`, ReportPage), linked from here. Until the core has health it says so in words.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  healthGroupings,
  healthMarks,
  type HealthGrouping,
  type HealthSummary,
  type ProberStatus,
} from '../../../shared/contract/health';
import type { VigilErrorData } from '../../../shared/result';
import { formatDateTime, formatShort } from '../../../shared/domain/time/hall-time';
import type { MapPaneProps } from '../../map/MapPane';
import { useTimeZone } from '../../state/use-time-zone';
import { useClient } from '../../transport/use-client';
import '../../styles/health.css';
import { useNow } from '../dispatch/use-now';
import { barChartHeight, darkPalette, groupOption, trendOption, worstGroups } from './charts';
import { EChart } from './EChart';
import { formatRate, groupName, reportHref } from './health-model';
import { RateFigure } from './RateFigure';
import { TicketPanel } from './TicketPanel';
import { WorstTable } from './WorstTable';

/** The summary is asked again this often while the tab is shown, and after marks change. */
const REFRESH_MS = 60_000;
const MARKS_SETTLE_MS = 10_000;
/** The bar chart shows this many groups, the worst first (the table below has them all). */
const BAR_GROUPS = 12;

export function HealthPane({ visible, map }: { visible: boolean; map: MapPaneProps }) {
  const { t } = useTranslation();
  const client = useClient();
  const zone = useTimeZone();
  const now = useNow(30_000);
  const [groupBy, setGroupBy] = useState<HealthGrouping>('zone');
  const [summary, setSummary] = useState<HealthSummary | null>(null);
  const [prober, setProber] = useState<ProberStatus | null>(null);
  const [error, setError] = useState<VigilErrorData | null>(null);
  const [nonce, setNonce] = useState(0);
  const settle = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!visible) return;
    let alive = true;
    const load = (): void => {
      void client.call('health.summary', { groupBy, worst: 20 }).then((answer) => {
        if (!alive) return;
        if (answer.ok) {
          setSummary(answer.value);
          setError(null);
        } else setError(answer.error);
      });
      void client.call('health.prober', {}).then((answer) => {
        if (alive) setProber(answer.ok ? answer.value : null);
      });
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [client, groupBy, visible, nonce]);

  // Marks changed, a report was made: ask again once things settle (not per camera).
  const again = useCallback(() => {
    if (settle.current) return;
    settle.current = setTimeout(() => {
      settle.current = null;
      setNonce((n) => n + 1);
    }, MARKS_SETTLE_MS);
  }, []);
  useEffect(() => {
    const undo = [
      client.subscribe('health.mark', { onEvent: again, onReset: again }),
      client.subscribe('health.report', { onEvent: again, onReset: () => {} }),
    ];
    return () => {
      for (const u of undo) u();
      if (settle.current) clearTimeout(settle.current);
      settle.current = null;
    };
  }, [client, again]);

  const words = useMemo(
    () => ({ online: t('health.online'), integrity: t('health.integrity'), target: '' }),
    [t],
  );
  const kindWord = useCallback(
    (code: string) =>
      code === 'fixed' || code === 'checkpoint' || code === 'vehicle' || code === 'body'
        ? t(`kind.${code}`)
        : null,
    [t],
  );
  const groups = useMemo(
    () =>
      (summary?.groups ?? []).map((g) => ({
        ...g,
        label: groupName(
          g,
          { kind: kindWord, noContractor: t('health.noContractor') },
          summary?.groupBy ?? groupBy,
        ),
      })),
    [summary, kindWord, t, groupBy],
  );
  const trend = useMemo(
    () =>
      summary
        ? trendOption(
            summary.daily.map((d) => ({
              label: d.day.slice(5),
              online: d.online,
              integrity: d.integrity,
            })),
            summary.target,
            words,
            darkPalette,
          )
        : null,
    [summary, words],
  );
  const bars = useMemo(
    () =>
      summary
        ? groupOption(
            worstGroups(groups, BAR_GROUPS).map((g) => ({
              label: g.label,
              online: g.online,
              integrity: g.integrity,
            })),
            summary.target,
            words,
            darkPalette,
          )
        : null,
    [summary, groups, words],
  );

  const target = summary?.target ?? 0.98;
  return (
    <div className="health-pane" data-testid="health-pane">
      <header className="health-head">
        <h2>{t('health.title')}</h2>
        {summary && (
          <span className="muted" data-testid="health-period">
            {t('health.period', {
              from: formatDateTime(summary.from, zone).slice(0, 10),
              to: formatDateTime(summary.to - 1, zone).slice(0, 10),
            })}
            {' · '}
            {t('health.target', { rate: formatRate(target) })}
          </span>
        )}
        <label className="health-groupby">
          {t('health.groupBy')}
          <select
            value={groupBy}
            data-testid="health-groupby"
            onChange={(e) => {
              const g = healthGroupings.find((name) => name === e.target.value);
              if (g) setGroupBy(g);
            }}
          >
            {healthGroupings.map((g) => (
              <option key={g} value={g}>
                {t(`health.groupings.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <a
          className="button-link"
          href={reportHref(window.location)}
          data-testid="health-report-link"
        >
          {t('health.reportLink')}
        </a>
      </header>
      <ProberLine prober={prober} now={now} />
      <div className="health-body">
        <section className="health-overview">
          {error && !summary && (
            <div className="health-unavailable" role="status" data-testid="health-unavailable">
              {error.code === 'unavailable'
                ? t('health.unavailable', { message: error.message })
                : t('health.failed', {
                    what: 'health.summary',
                    message: `${t(`errors.${error.code}`)} (${error.message})`,
                  })}
            </div>
          )}
          {!error && !summary && <div className="muted">{t('health.loading')}</div>}
          {summary && (
            <>
              <div className="health-figures">
                <RateFigure
                  big
                  label={t('health.online')}
                  rate={summary.overall.online}
                  target={target}
                  testId="health-online"
                />
                <RateFigure
                  big
                  label={t('health.integrity')}
                  rate={summary.overall.integrity}
                  target={target}
                  testId="health-integrity"
                />
                <div className="health-now" data-testid="health-now">
                  <div className="health-now-title">{t('health.now.title')}</div>
                  {healthMarks.map((mark) => (
                    <span key={mark} className={`health-now-item ${mark}`} data-mark={mark}>
                      <span className={`health-mark ${mark}`} aria-hidden="true" />
                      {t(`health.now.${mark}`)} <strong>{summary.now[mark] ?? 0}</strong>
                    </span>
                  ))}
                </div>
              </div>
              <div className="health-charts">
                <figure>
                  <figcaption>{t('health.trend')}</figcaption>
                  {trend && (
                    <EChart
                      option={trend}
                      label={t('health.trend')}
                      className="health-chart"
                      testId="health-trend"
                    />
                  )}
                </figure>
                <figure>
                  <figcaption>
                    {t('health.byGroup', { group: t(`health.groupings.${summary.groupBy}`) })}
                    {groups.length > BAR_GROUPS && (
                      <span className="muted"> · {t('health.worstOf', { count: BAR_GROUPS })}</span>
                    )}
                  </figcaption>
                  {bars && (
                    <EChart
                      option={bars}
                      label={t('health.byGroup', {
                        group: t(`health.groupings.${summary.groupBy}`),
                      })}
                      className="health-chart"
                      testId="health-bars"
                      height={barChartHeight(Math.min(groups.length, BAR_GROUPS))}
                    />
                  )}
                </figure>
              </div>
              <table className="health-table" data-testid="health-groups">
                <thead>
                  <tr>
                    <th>{t(`health.groupings.${summary.groupBy}`)}</th>
                    <th>{t('health.cameras')}</th>
                    <th>{t('health.online')}</th>
                    <th>{t('health.integrity')}</th>
                  </tr>
                </thead>
                <tbody>
                  {groups.map((g) => (
                    <tr key={g.key} data-testid="health-group" data-key={g.key}>
                      <td>{g.label}</td>
                      <td className="num">{g.cameras}</td>
                      <td className="num">
                        <RateFigure rate={g.online} target={target} />
                      </td>
                      <td className="num">
                        <RateFigure rate={g.integrity} target={target} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <WorstList summary={summary} />
            </>
          )}
        </section>
        <TicketPanel map={map} now={now} />
      </div>
    </div>
  );
}

function ProberLine({ prober, now }: { prober: ProberStatus | null; now: number }) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  if (!prober) return null;
  return (
    <div className="health-prober muted" data-testid="health-prober">
      {prober.enabled
        ? t('health.prober.line', {
            rate: prober.ratePerSecond,
            period: prober.periodMinutes,
            checked: prober.checkedThisRound,
            due: prober.due,
            inFlight: prober.inFlight,
          })
        : t('health.prober.off')}{' '}
      {prober.enabled &&
        (prober.lastRoundMs !== null && prober.lastRoundAt !== null
          ? t('health.prober.last', {
              minutes: Math.max(1, Math.round(prober.lastRoundMs / 60_000)),
              at: formatShort(prober.lastRoundAt, now, zone),
              timeouts: prober.timeouts,
              failures: prober.failures,
            })
          : t('health.prober.noRound'))}
    </div>
  );
}

function WorstList({ summary }: { summary: HealthSummary }) {
  const { t } = useTranslation();
  return (
    <section className="health-worst">
      <h3>{t('health.worst.title')}</h3>
      {summary.worst.length === 0 ? (
        <div className="muted">{t('health.worst.none')}</div>
      ) : (
        <WorstTable
          worst={summary.worst}
          target={summary.target}
          className="health-table"
          testId="health-worst"
        />
      )}
    </section>
  );
}
