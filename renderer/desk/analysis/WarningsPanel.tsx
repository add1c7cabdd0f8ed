/**
 * 当日预警: the day's warnings with their orders (who they were sent to) and visits (who went,
 * when, for how long, counting or not) and status, kept live from the 'analysis.warning' stream;
 * a chief cancels one.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Warning } from '../../../shared/contract/analysis';
import type { VigilErrorData } from '../../../shared/result';
import { formatHhMm } from '../../../shared/domain/time/hall-time';
import { useTimeZone } from '../../state/use-time-zone';
import { useNow } from '../dispatch/use-now';
import { useClient } from '../../transport/use-client';
import { mergeWarnings, visitMinutes, visitVerdict, warningList } from './analysis-model';
import { ErrorNote } from './ErrorNote';

/** The day's warnings, live: the list asked for, then each stream copy merged in. */
export function useWarnings(visible: boolean) {
  const client = useClient();
  const [state, setState] = useState<ReadonlyMap<string, Warning>>(new Map());
  const [error, setError] = useState<VigilErrorData | null>(null);
  useEffect(() => {
    if (!visible) return;
    let alive = true;
    const load = (): void =>
      void client.call('analysis.warnings', {}).then((answer) => {
        if (!alive) return;
        if (answer.ok) {
          setState(mergeWarnings(new Map(), answer.value));
          setError(null);
        } else setError(answer.error);
      });
    load();
    const undo = client.subscribe('analysis.warning', {
      onEvent: (w) => setState((s) => mergeWarnings(s, [w])),
      onReset: load,
    });
    return () => {
      alive = false;
      undo();
    };
  }, [client, visible]);
  const update = useCallback((w: Warning) => setState((s) => mergeWarnings(s, [w])), []);
  return {
    warnings: warningList(state),
    error,
    update,
  };
}

export function WarningsPanel({
  warnings,
  error,
  mayAct,
  onChanged,
}: {
  warnings: readonly Warning[];
  error: VigilErrorData | null;
  mayAct: boolean;
  onChanged: (w: Warning) => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const zone = useTimeZone();
  const [failure, setFailure] = useState<VigilErrorData | null>(null);
  const now = useNow(30_000);
  const cancel = (id: string): void =>
    void client.call('analysis.cancelWarning', { id }).then((answer) => {
      if (answer.ok) onChanged(answer.value);
      else setFailure(answer.error);
    });
  return (
    <section className="analysis-warnings" data-testid="analysis-warnings">
      <h3>{t('analysis.warnings.title')}</h3>
      {error && <ErrorNote error={error} what="analysis.warnings" />}
      {failure && <ErrorNote error={failure} what="analysis.cancelWarning" />}
      {!error && warnings.length === 0 && (
        <div className="muted">{t('analysis.warnings.none')}</div>
      )}
      <ul className="analysis-list">
        {warnings.map((w) => (
          <li key={w.id} data-testid="analysis-warning" data-status={w.status}>
            <div className="analysis-line">
              <strong>{w.name}</strong>
              <span className={`analysis-status ${w.status}`}>
                {t(`analysis.warnings.statuses.${w.status}`)}
              </span>
              {mayAct && (w.status === 'scheduled' || w.status === 'open') && (
                <button type="button" className="link-button" onClick={() => cancel(w.id)}>
                  {t('analysis.warnings.cancel')}
                </button>
              )}
            </div>
            <div className="muted">
              {t(
                w.stopMinMinutes === w.stopMaxMinutes
                  ? 'analysis.warnings.windowOne'
                  : 'analysis.warnings.window',
                {
                  from: formatHhMm(w.windowStart, zone),
                  to: formatHhMm(w.windowEnd, zone),
                  min: w.stopMinMinutes,
                  max: w.stopMaxMinutes,
                },
              )}{' '}
              · {t('analysis.warnings.by', { by: w.by })}
            </div>
            {w.note && <div className="muted">{w.note}</div>}
            <div data-testid="analysis-warning-orders">
              {t('analysis.warnings.orders')}
              {t('analysis.colon')}
              {w.orders.length === 0
                ? '—'
                : w.orders
                    .map((o) =>
                      t('analysis.warnings.orderLine', {
                        callSign: o.callSign,
                        state: t(`analysis.warnings.orderStates.${o.state}`),
                      }),
                    )
                    .join(t('analysis.listSep'))}
            </div>
            <div>
              {t('analysis.warnings.visits')}
              {t('analysis.colon')}
              {w.visits.length === 0 ? (
                <span className="muted">{t('analysis.warnings.noVisit')}</span>
              ) : (
                w.visits.map((v) => (
                  <span
                    key={`${v.unitId}-${v.arrivedAt}`}
                    className="analysis-visit"
                    data-testid="analysis-visit"
                    data-counts={v.counts}
                  >
                    {t('analysis.warnings.visit', {
                      callSign: v.callSign,
                      at: formatHhMm(v.arrivedAt, zone),
                      minutes: visitMinutes(v.minutes),
                    })}{' '}
                    <Verdict verdict={visitVerdict(w, v, now)} min={w.stopMinMinutes} />
                  </span>
                ))
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Whether a visit counts, in words: green, red, or plain while it may still (未满 so far). */
function Verdict({ verdict, min }: { verdict: ReturnType<typeof visitVerdict>; min: number }) {
  const { t } = useTranslation();
  const tone = verdict === 'counts' ? 'ok' : verdict === 'shortSoFar' ? 'pending' : 'bad';
  return <em className={tone}>{t(`analysis.warnings.verdicts.${verdict}`, { min })}</em>;
}
