/**
 * Which time a track replay or a track review covers (issue #15): a window ending now (last 10 min
 * … 24 h, as before) or a date and a shift — yesterday 08:00-20:00, a night 20:00-08:00 (to the
 * next morning) — read in the hall's time zone. The date field is the hall's YYYY-MM-DD
 * (renderer/common/DateInput.tsx), times are HH:MM on a 24-hour clock.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput } from '../common/DateInput';
import { zonedDate } from '../../shared/domain/time/hall-time';
import { useTimeZone } from '../state/use-time-zone';
import {
  rangeChoices,
  shiftPresets,
  yesterdayIn,
  type RangeKey,
  type WindowChoice,
} from './replay';

export function WindowPicker({
  value,
  onChange,
  testId,
}: {
  value: WindowChoice;
  onChange: (choice: WindowChoice) => void;
  /** The select's test id ('track-range'); the shift fields get `${testId}-date` … */
  testId: string;
}) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  // The shift offered when switching from "ending now": yesterday's day shift.
  const [yesterday] = useState(() => yesterdayIn(Date.now(), zone));
  const shift =
    value.mode === 'shift'
      ? value
      : { mode: 'shift' as const, date: yesterday, from: '08:00', to: '20:00' };
  const preset = shiftPresets.find((p) => p.from === shift.from && p.to === shift.to)?.key ?? '';
  const timeOk = (text: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(text);
  return (
    <div className="window-picker" data-testid={`${testId}-picker`}>
      <select
        data-testid={testId}
        aria-label={t('mapSearch.track.mode')}
        value={value.mode === 'recent' ? value.range : 'shift'}
        onChange={(event) => {
          const key = event.target.value;
          if (key === 'shift') onChange(shift);
          else onChange({ mode: 'recent', range: key as RangeKey });
        }}
      >
        {rangeChoices.map((r) => (
          <option key={r.key} value={r.key}>
            {t(`map.range.${r.key}`)}
          </option>
        ))}
        <option value="shift">{t('mapSearch.track.shift')}</option>
      </select>
      {value.mode === 'shift' && (
        <div className="window-shift">
          <label>
            {t('mapSearch.track.date')}
            <DateInput
              data-testid={`${testId}-date`}
              value={value.date}
              onChange={(event) => onChange({ ...value, date: event.target.value })}
            />
          </label>
          <button
            type="button"
            data-testid={`${testId}-yesterday`}
            onClick={() => onChange({ ...value, date: yesterdayIn(Date.now(), zone) })}
          >
            {t('mapSearch.track.yesterday')}
          </button>
          <button
            type="button"
            onClick={() => onChange({ ...value, date: zonedDate(Date.now(), zone) })}
          >
            {t('mapSearch.track.today')}
          </button>
          <select
            data-testid={`${testId}-preset`}
            value={preset}
            onChange={(event) => {
              const chosen = shiftPresets.find((p) => p.key === event.target.value);
              if (chosen) onChange({ ...value, from: chosen.from, to: chosen.to });
            }}
          >
            {preset === '' && <option value="">—</option>}
            {shiftPresets.map((p) => (
              <option key={p.key} value={p.key}>
                {t(`mapSearch.track.presets.${p.key}`)}
              </option>
            ))}
          </select>
          <label>
            {t('mapSearch.track.from')}
            <input
              className="time-input"
              data-testid={`${testId}-from`}
              value={value.from}
              maxLength={5}
              placeholder="HH:MM"
              aria-invalid={!timeOk(value.from)}
              onChange={(event) => onChange({ ...value, from: event.target.value })}
            />
          </label>
          <label>
            {t('mapSearch.track.to')}
            <input
              className="time-input"
              data-testid={`${testId}-to`}
              value={value.to}
              maxLength={5}
              placeholder="HH:MM"
              aria-invalid={!timeOk(value.to)}
              onChange={(event) => onChange({ ...value, to: event.target.value })}
            />
          </label>
        </div>
      )}
    </div>
  );
}
