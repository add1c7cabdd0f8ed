/**
 * 每周通报 / the weekly report page (issue #16 item 5): the desk's `?view=report&week=YYYY-MM-DD`,
 * a page of its own so it prints without the desk around it (A4, print CSS: the toolbar hidden,
 * a page break between sections). The station's and each zone's and contractor's online rate and
 * integrity with the week before and the change, the 8 weeks' trend, tickets opened and closed,
 * mean time to repair, SLA breaches, the worst 20 cameras with their last picture; all dates in
 * hall time. A week with nothing covered says so instead of showing rates. 打印 / 导出 PDF print
 * the page (the print dialog saves a PDF in Electron and in Chromium); 导出 CSV saves the numbers.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportRow, WeeklyReport } from '../../../shared/contract/health';
import type { VigilErrorData } from '../../../shared/result';
import { csvDocument } from '../../../shared/domain/csv';
import { fileStamp, formatDateTime } from '../../../shared/domain/time/hall-time';
import { DateInput } from '../../common/DateInput';
import { downloadText } from '../../common/download';
import { PrintButtons } from '../../common/PrintButtons';
import { useStationInfo } from '../../state/use-station-info';
import { useTimeZone } from '../../state/use-time-zone';
import { useClient } from '../../transport/use-client';
import '../../styles/health-report.css';
import { printPalette, trendOption } from './charts';
import { EChart } from './EChart';
import {
  addDays,
  deskHref,
  formatChange,
  mondayOfDate,
  reportCsvLines,
  reportHref,
  weekFromQuery,
} from './health-model';
import { RateFigure } from './RateFigure';
import { WorstTable } from './WorstTable';

/**
 * Performance marks of the page (tests/bench/health-report-ui.ts reads them): the report asked
 * for; its data arrived; the page drawn (its tables committed and its chart finished drawing,
 * once a report).
 */
const REPORT_ASKED_MARK = 'vigil:report-asked';
const REPORT_DATA_MARK = 'vigil:report-data';
const REPORT_READY_MARK = 'vigil:report-ready';

export function ReportPage() {
  const { t } = useTranslation();
  const client = useClient();
  const zone = useTimeZone();
  const station = useStationInfo();
  const [week, setWeek] = useState<string | null>(() => weekFromQuery(window.location.search));
  const [picked, setPicked] = useState(week ?? '');
  const [report, setReport] = useState<WeeklyReport | null>(null);
  const [error, setError] = useState<VigilErrorData | null>(null);
  const [scheduled, setScheduled] = useState<{ weekStart: string; generatedAt: number }[]>([]);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    performance.mark(REPORT_ASKED_MARK);
    void client.call('health.report', week ? { weekStart: week } : {}).then((answer) => {
      if (!alive) return;
      performance.mark(REPORT_DATA_MARK);
      if (answer.ok) setReport(answer.value);
      else setError(answer.error);
    });
    return () => {
      alive = false;
    };
  }, [client, week]);

  useEffect(() => {
    const load = (): void =>
      void client.call('health.reports', {}).then((answer) => {
        if (answer.ok) setScheduled(answer.value);
      });
    load();
    return client.subscribe('health.report', { onEvent: load, onReset: load });
  }, [client]);

  const go = (next: string | null): void => {
    setReport(null);
    setError(null);
    setWeek(next);
    setPicked(next ?? '');
    window.history.replaceState(null, '', reportHref(window.location, next ?? undefined));
  };

  const pickAny = (event: FormEvent): void => {
    event.preventDefault();
    const monday = mondayOfDate(picked.trim());
    if (monday) go(monday);
  };

  const exportCsv = (): void => {
    if (!report) return;
    const header = [
      t('health.report.area'),
      t('health.worst.camera'),
      t('health.cameras'),
      `${t('health.online')} %`,
      `${t('health.online')} ${t('health.report.prev')} %`,
      `${t('health.integrity')} %`,
      `${t('health.integrity')} ${t('health.report.prev')} %`,
      t('health.report.opened'),
      t('health.report.closed'),
      `${t('health.report.mttr')} h`,
      t('health.report.breaches'),
    ];
    const lines = reportCsvLines(
      report,
      {
        header,
        section: {
          station: t('health.report.summary'),
          zone: t('health.report.zones'),
          contractor: t('health.report.contractors'),
          worst: t('health.report.worst'),
        },
        noData: t('health.report.noData'),
      },
      zone,
    );
    const file = `weekly-report-${report.weekStart}-${fileStamp(report.generatedAt, zone)}.csv`;
    downloadText(file, csvDocument(header, lines));
    setNotice(t('health.report.exported', { file }));
  };

  // The app saves the PDF itself (Electron's printToPDF, a save dialog: health.reportPdf); the
  // browser host has no window.vigil, and its page prints (Chromium's dialog saves a PDF).
  const [saving, setSaving] = useState(false);
  const savePdf = (): void => {
    if (!report || saving) return;
    setSaving(true);
    setNotice(t('health.report.pdfSaving'));
    void client.call('health.reportPdf', { weekStart: report.weekStart }).then((answer) => {
      setSaving(false);
      if (answer.ok) {
        const { savedTo } = answer.value;
        setNotice(
          savedTo === null
            ? t('health.report.pdfCancelled')
            : t('health.report.pdfSaved', { path: savedTo }),
        );
      } else setNotice(t('health.report.pdfFailed', { message: answer.error.message }));
    });
  };

  const stationName = report?.station.name || station?.stationId || '';

  return (
    <div className="report-page" data-testid="report-page">
      <nav className="report-toolbar no-print">
        <a href={deskHref(window.location)} data-testid="report-back">
          {t('health.report.back')}
        </a>
        <label>
          {t('health.report.scheduled')}
          <select
            value={week ?? ''}
            data-testid="report-week"
            onChange={(e) => go(e.target.value || null)}
          >
            <option value="">{t('health.report.lastWeek')}</option>
            {week && !scheduled.some((s) => s.weekStart === week) && (
              <option value={week}>{week}</option>
            )}
            {scheduled.map((s) => (
              <option key={s.weekStart} value={s.weekStart}>
                {s.weekStart} ~ {addDays(s.weekStart, 6)}
              </option>
            ))}
          </select>
        </label>
        <form onSubmit={pickAny} className="report-any">
          <label>
            {t('health.report.anyMonday')}
            <DateInput
              value={picked}
              data-testid="report-any-week"
              onChange={(e) => setPicked(e.target.value)}
            />
          </label>
          <button type="submit" data-testid="report-any-go">
            {t('health.report.show')}
          </button>
        </form>
        <PrintButtons
          ready={report !== null && !saving}
          testIdPrefix="report"
          words={{
            print: t('health.report.print'),
            pdf: t('health.report.pdf'),
            pdfHint: window.vigil ? t('health.report.pdfAppHint') : t('health.report.pdfHint'),
            csv: t('health.report.csv'),
          }}
          onCsv={exportCsv}
          {...(window.vigil ? { onPdf: savePdf } : {})}
          notice={notice}
          onNotice={setNotice}
        />
      </nav>
      {error ? (
        <div className="report-sheet report-error" role="status" data-testid="report-error">
          {error.code === 'unavailable'
            ? t('health.unavailable', { message: error.message })
            : t('health.failed', {
                what: 'health.report',
                message: `${t(`errors.${error.code}`)} (${error.message})`,
              })}
        </div>
      ) : !report ? (
        <div className="report-sheet muted">{t('health.report.loading')}</div>
      ) : (
        <ReportSheet report={report} stationName={stationName} zone={zone} />
      )}
    </div>
  );
}

function ReportSheet({
  report,
  stationName,
  zone,
}: {
  report: WeeklyReport;
  stationName: string;
  zone: string;
}) {
  const { t } = useTranslation();
  const trend = useMemo(
    () =>
      trendOption(
        report.weeks.map((w) => ({
          label: w.weekStart.slice(5),
          online: w.online,
          integrity: w.integrity,
        })),
        report.target,
        { online: t('health.online'), integrity: t('health.integrity'), target: '' },
        printPalette,
      ),
    [report, t],
  );
  // Drawn: the chart finished, its tables committed with it (first time for this report).
  const marked = useRef<WeeklyReport | null>(null);
  const markReady = useCallback(() => {
    if (marked.current === report) return;
    marked.current = report;
    performance.mark(REPORT_READY_MARK, { detail: { weekStart: report.weekStart } });
  }, [report]);
  const s = report.station;
  return (
    <article className="report-sheet" data-testid="report-sheet" data-week={report.weekStart}>
      <header className="report-header">
        <h1>{t('health.report.heading')}</h1>
        <div className="report-meta">
          <span data-testid="report-station">
            {t('health.report.station', { name: stationName })}
          </span>
          <span data-testid="report-span">
            {t('health.report.week', {
              from: report.weekStart,
              to: addDays(report.weekStart, 6),
            })}
          </span>
          <span className="muted">
            {t('health.report.generated', {
              at: formatDateTime(report.generatedAt, zone).slice(0, 16),
              trigger: t(`health.report.triggers.${report.trigger}`),
            })}
          </span>
        </div>
      </header>
      {report.noData && (
        <p className="report-nodata" data-testid="report-nodata">
          {t('health.report.noData')}
        </p>
      )}

      <section className="report-section">
        <h2>{t('health.report.summary')}</h2>
        <div className="report-figures">
          <Figure
            label={t('health.online')}
            rate={s.online}
            prev={s.onlinePrev}
            target={report.target}
            testId="report-online"
          />
          <Figure
            label={t('health.integrity')}
            rate={s.integrity}
            prev={s.integrityPrev}
            target={report.target}
            testId="report-integrity"
          />
          <dl className="report-counts">
            <dt>{t('health.cameras')}</dt>
            <dd>{s.cameras}</dd>
            <dt>{t('health.report.opened')}</dt>
            <dd>{s.ticketsOpened}</dd>
            <dt>{t('health.report.closed')}</dt>
            <dd>{s.ticketsClosed}</dd>
            <dt>{t('health.report.mttr')}</dt>
            <dd>
              <Mttr row={s} />
            </dd>
            <dt>{t('health.report.breaches')}</dt>
            <dd className={s.slaBreaches > 0 ? 'report-bad' : ''}>{s.slaBreaches}</dd>
          </dl>
        </div>
        <h3>{t('health.report.weeks')}</h3>
        <EChart
          option={trend}
          label={t('health.report.weeks')}
          className="report-chart"
          pixelRatio={2}
          testId="report-trend"
          onFinished={markReady}
        />
        <table className="report-table report-weeks">
          <thead>
            <tr>
              <th>{t('health.report.pick')}</th>
              {report.weeks.map((w) => (
                <th key={w.weekStart}>{w.weekStart.slice(5)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th>{t('health.online')}</th>
              {report.weeks.map((w) => (
                <td key={w.weekStart} className="num">
                  <RateFigure rate={w.online} target={report.target} />
                </td>
              ))}
            </tr>
            <tr>
              <th>{t('health.integrity')}</th>
              {report.weeks.map((w) => (
                <td key={w.weekStart} className="num">
                  <RateFigure rate={w.integrity} target={report.target} />
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </section>

      <section className="report-section page-break" data-testid="report-zones">
        <h2>{t('health.report.zones')}</h2>
        <RowsTable rows={report.zones} first={t('health.report.area')} target={report.target} />
      </section>

      <section className="report-section" data-testid="report-contractors">
        <h2>{t('health.report.contractors')}</h2>
        <RowsTable
          rows={report.contractors.map((r) =>
            r.key === '' ? { ...r, name: t('health.noContractor') } : r,
          )}
          first={t('health.report.contractor')}
          target={report.target}
        />
      </section>

      <section className="report-section page-break" data-testid="report-worst">
        <h2>{t('health.report.worst')}</h2>
        {report.worst.length === 0 ? (
          <p>{t('health.report.none')}</p>
        ) : (
          <WorstTable
            worst={report.worst.slice(0, 20)}
            target={report.target}
            className="report-table"
          />
        )}
      </section>
    </article>
  );
}

function Mttr({ row }: { row: ReportRow }) {
  const { t } = useTranslation();
  return row.mttrHours === null
    ? '—'
    : t('health.report.mttrHours', { hours: row.mttrHours.toFixed(1) });
}

/** A change in points, arrowed: ▲ up, ▼ down; nothing when not both weeks are known. */
function Change({ rate, prev }: { rate: number | null; prev: number | null }) {
  const text = formatChange(rate, prev);
  if (text === null) return null;
  const arrow = text.startsWith('+') ? '▲' : text.startsWith('−') ? '▼' : '';
  return (
    <span className={`report-change${arrow === '▼' ? ' down' : ''}`}>
      {arrow} {text}
    </span>
  );
}

function Figure({
  label,
  rate,
  prev,
  target,
  testId,
}: {
  label: string;
  rate: number | null;
  prev: number | null;
  target: number;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="report-figure">
      <RateFigure big label={label} rate={rate} target={target} testId={testId} />
      <div className="report-prev">
        {t('health.report.prev')}: <RateFigure rate={prev} target={target} />
        {formatChange(rate, prev) !== null && (
          <>
            {' · '}
            {t('health.report.change')}: <Change rate={rate} prev={prev} />
          </>
        )}
      </div>
    </div>
  );
}

function RowsTable({
  rows,
  first,
  target,
}: {
  rows: readonly ReportRow[];
  first: string;
  target: number;
}) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p>{t('health.report.none')}</p>;
  return (
    <table className="report-table">
      <thead>
        <tr>
          <th>{first}</th>
          <th>{t('health.cameras')}</th>
          <th>{t('health.online')}</th>
          <th>{t('health.report.prev')}</th>
          <th>{t('health.integrity')}</th>
          <th>{t('health.report.prev')}</th>
          <th>{t('health.report.opened')}</th>
          <th>{t('health.report.closed')}</th>
          <th>{t('health.report.mttr')}</th>
          <th>{t('health.report.breaches')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-testid="report-row" data-key={r.key}>
            <td>{r.name}</td>
            <td className="num">{r.cameras}</td>
            <td className="num">
              <RateFigure rate={r.online} target={target} />
              <br />
              <Change rate={r.online} prev={r.onlinePrev} />
            </td>
            <td className="num">
              <RateFigure rate={r.onlinePrev} target={target} />
            </td>
            <td className="num">
              <RateFigure rate={r.integrity} target={target} />
              <br />
              <Change rate={r.integrity} prev={r.integrityPrev} />
            </td>
            <td className="num">
              <RateFigure rate={r.integrityPrev} target={target} />
            </td>
            <td className="num">{r.ticketsOpened}</td>
            <td className="num">{r.ticketsClosed}</td>
            <td className="num">
              <Mttr row={r} />
            </td>
            <td className={`num${r.slaBreaches > 0 ? ' report-bad' : ''}`}>{r.slaBreaches}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
