/**
 * 每周评分: the week's unit scores per zone by rank, each with its parts (points × the formula's
 * weight = what it adds), so a score can be explained; and the month's 巡防之星 per zone.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatrolStar, WeeklyScores } from '../../../shared/contract/analysis';
import type { VigilErrorData } from '../../../shared/result';
import { useClient } from '../../transport/use-client';
import { zonedDate } from '../../../shared/domain/time/hall-time';
import { useTimeZone } from '../../state/use-time-zone';
import { useNow } from '../dispatch/use-now';
import { addDays, mondayOfDate } from '../health/health-model';
import { partContribution, partMeasure, scoresByZone } from './analysis-model';
import { ErrorNote } from './ErrorNote';

export function ScoresPanel({
  visible,
  zoneName,
}: {
  visible: boolean;
  zoneName: (id: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const [scores, setScores] = useState<WeeklyScores | null>(null);
  const [star, setStar] = useState<PatrolStar | null>(null);
  const [error, setError] = useState<VigilErrorData | null>(null);
  // Last full week (the contract's default) or this week so far.
  const [which, setWhich] = useState<'last' | 'this'>('last');
  const now = useNow(60_000);
  const zone = useTimeZone();
  const thisMonday = mondayOfDate(zonedDate(now, zone));

  useEffect(() => {
    if (!visible) return;
    let alive = true;
    void client
      .call('analysis.scores', which === 'this' && thisMonday ? { weekStart: thisMonday } : {})
      .then((answer) => {
        if (!alive) return;
        if (answer.ok) {
          setScores(answer.value);
          setError(null);
        } else setError(answer.error);
      });
    void client.call('analysis.star', {}).then((answer) => {
      if (alive && answer.ok) setStar(answer.value);
    });
    return () => {
      alive = false;
    };
  }, [client, visible, which, thisMonday]);

  const partName = (key: string): string =>
    t(`analysis.scores.parts.${key}`, { defaultValue: key });
  const measure = (key: string, value: number | null): string => {
    const m = partMeasure(key, value);
    return t(`analysis.scores.measures.${m.unit}`, { n: m.n });
  };
  const zones = useMemo(
    () =>
      scores
        ? scoresByZone(scores.units, (id) =>
            id === null ? t('analysis.scores.noZone') : (zoneName(id) ?? id),
          )
        : [],
    [scores, zoneName, t],
  );

  return (
    <section className="analysis-scores" data-testid="analysis-scores">
      <div className="analysis-line">
        <h3>{t('analysis.scores.title')}</h3>
        <select
          value={which}
          data-testid="scores-week"
          onChange={(e) => setWhich(e.target.value === 'this' ? 'this' : 'last')}
        >
          <option value="last">{t('analysis.scores.lastWeek')}</option>
          <option value="this">{t('analysis.scores.thisWeek')}</option>
        </select>
      </div>
      {error && <ErrorNote error={error} what="analysis.scores" />}
      {scores && (
        <>
          <div className="muted">
            {t('analysis.scores.week', {
              from: scores.weekStart,
              to: addDays(scores.weekStart, 6),
            })}
          </div>
          <div className="muted" data-testid="analysis-formula">
            {t('analysis.scores.formula', {
              parts: scores.formula.map((p) => `${partName(p.key)} × ${p.weight}`).join(' + '),
            })}
          </div>
          {scores.noData || scores.units.length === 0 ? (
            <div className="muted">{t('analysis.scores.none')}</div>
          ) : (
            zones.map((zone) => (
              <table key={zone.zoneId ?? ''} className="analysis-table" data-testid="score-zone">
                <caption>{zone.name}</caption>
                <thead>
                  <tr>
                    <th>{t('analysis.scores.rank')}</th>
                    <th>{t('analysis.scores.unit')}</th>
                    <th>{t('analysis.scores.total')}</th>
                  </tr>
                </thead>
                <tbody>
                  {zone.units.map((u) => (
                    <tr key={u.unitId} data-testid="score-unit">
                      <td className="num">{u.rank}</td>
                      <td>{u.callSign}</td>
                      <td>
                        <details>
                          <summary>{u.total.toFixed(1)}</summary>
                          <ul className="analysis-parts">
                            {u.parts.map((p) => (
                              <li key={p.key}>
                                {t('analysis.scores.partLine', {
                                  part: partName(p.key),
                                  value: measure(p.key, p.value),
                                  points: p.points.toFixed(0),
                                  weight: p.weight,
                                  contribution: partContribution(p),
                                })}
                              </li>
                            ))}
                          </ul>
                        </details>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))
          )}
        </>
      )}
      {star && <StarList star={star} />}
    </section>
  );
}

/** 巡防之星: the zones with a star, the rest in one line. */
function StarList({ star }: { star: PatrolStar }) {
  const { t } = useTranslation();
  const starred = star.zones.filter((z) => z.callSign !== null);
  const rest = star.zones.length - starred.length;
  return (
    <div className="analysis-star" data-testid="analysis-star">
      <strong>★ {t('analysis.scores.star', { month: star.month })}</strong>
      <ul className="analysis-list">
        {starred.map((z) => (
          <li key={z.zoneId}>
            {t('analysis.scores.starLine', {
              zone: z.name,
              callSign: z.callSign,
              score: z.score?.toFixed(1) ?? '—',
            })}
          </li>
        ))}
        {rest > 0 && (
          <li className="muted">{t('analysis.scores.starNoneRest', { count: rest })}</li>
        )}
      </ul>
    </div>
  );
}
