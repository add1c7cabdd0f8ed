/**
 * The wall's decoder budget in words, in its top-right corner on demand (the I key, or while the
 * desk identifies the walls): how many tiles play at full rate and why the budget is what it is
 * (同时播放 9 路（机器跟不上，已减少） / 9 playing at full rate (machine fell behind, reduced)),
 * then how much of it is used, the tiles paused and since when (the hall's clock), and how many
 * tiles play their main stream and how many their sub-stream.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../shared/domain/time/hall-time';
import { useTimeZone } from '../state/use-time-zone';
import type { BudgetReason } from './budget-controller';
import { budgetSnapshot, subscribeBudget } from './budget-store';
import './budget.css';

/** The i18n key under `wall.budget.reason` of each reason (the desk's miniature says them too). */
export const reasonKey = {
  default: 'default',
  calibrated: 'calibrated',
  learned: 'learned',
  forced: 'forced',
  'fell-behind': 'fellBehind',
  'machine-busy': 'machineBusy',
  'kept-up': 'keptUp',
} as const satisfies Record<BudgetReason, string>;

const typing = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The I key shows and hides the corner. */
export function useBudgetCornerKey(): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.repeat || event.ctrlKey || event.altKey || event.metaKey || typing(event.target))
        return;
      if (event.key === 'i' || event.key === 'I') setShown((s) => !s);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return shown;
}

export function BudgetCorner() {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const budget = useSyncExternalStore(subscribeBudget, budgetSnapshot);
  const playing = budget.decoding.size;
  const held = Math.max(0, budget.wanting - playing);
  const main = budget.main.size;
  return (
    <div
      className="wall-budget"
      role="status"
      data-testid="wall-budget"
      data-budget={budget.budget}
      data-playing={playing}
      data-main={main}
      data-used={budget.used}
      data-reason={budget.reason}
      data-adaptive={budget.adaptive ? 'true' : 'false'}
    >
      <div className="wall-budget-main" data-testid="wall-budget-playing">
        {t('wall.budget.playing', {
          playing,
          why: t(`wall.budget.reason.${reasonKey[budget.reason]}`),
        })}
      </div>
      <div className="wall-budget-detail">
        {t('wall.budget.detail', {
          used: budget.used,
          budget: budget.budget,
          held,
          time: formatTime(budget.changedAt, zone),
        })}
      </div>
      <div className="wall-budget-detail" data-testid="wall-budget-streams">
        {t('wall.budget.streams', { main, sub: playing - main })}
      </div>
      <div className="wall-budget-key">{t('wall.budget.key')}</div>
    </div>
  );
}
