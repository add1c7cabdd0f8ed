/** A rate as the hall reads it: big, red and said "below the line" under 98 %, "no data" when none. */
import { useTranslation } from 'react-i18next';
import { formatRate, rateState } from './health-model';

export function RateFigure({
  label,
  rate,
  target,
  testId,
  big = false,
}: {
  label?: string;
  rate: number | null;
  target: number;
  testId?: string;
  big?: boolean;
}) {
  const { t } = useTranslation();
  const state = rateState(rate, target);
  const text = formatRate(rate) ?? t('health.noData');
  const said =
    state === 'below' ? t('health.belowTarget') : state === 'ok' ? t('health.atTarget') : null;
  return (
    <span
      className={`rate ${state}${big ? ' big' : ''}`}
      data-testid={testId}
      data-state={state}
      title={said ? `${label ? `${label} ` : ''}${text} · ${said}` : undefined}
    >
      {label && <span className="rate-label">{label}</span>}
      <span className="rate-value">{text}</span>
      {big && said && <span className="rate-said">{said}</span>}
    </span>
  );
}
