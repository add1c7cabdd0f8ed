/**
 * The one picker for "play back from when" (issue #15, playback): a date (YYYY-MM-DD, DateInput),
 * a time of day (HH:MM, 24-hour) read in the hall's time zone, and a length (buttons). Used on a
 * wall tile's menu (sized by the tile's font: everything here is in em), the desk's tile menu,
 * an incident's 上墙与回放 (prefilled with the report's time) and for a clip's range (`maxMs`).
 *
 * It never offers the future: a start not yet recorded is refused in words; an end past now is cut
 * to now (10 s back: the newest segment may not be recorded yet), and the preview says so.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatHhMm,
  isDate,
  parseHhMm,
  zonedAt,
  zonedDate,
} from '../../shared/domain/time/hall-time';
import { useTimeZone } from '../state/use-time-zone';
import { rangeLabel } from './clip-export';
import { DateInput } from './DateInput';
import './playback.css';

export interface PickedRange {
  startMs: number;
  endMs: number;
}

/** Lengths offered, in minutes. */
export const pickerMinutes = [5, 15, 30, 60, 120] as const;

/** The newest moment a range may reach (the newest segment may not be recorded yet). */
const RECORDING_LAG_MS = 10_000;

/** '1005', '9:05', '10.05' → '10:05'; anything else unchanged (then said to be wrong). */
export function normaliseHhMm(text: string): string {
  const m = /^\s*(\d{1,2})[:：.]?(\d{2})\s*$/.exec(text);
  if (!m) return text;
  return `${(m[1] ?? '').padStart(2, '0')}:${m[2]}`;
}

export type PickOutcome =
  | { ok: true; range: PickedRange; cut: boolean }
  | { ok: false; error: 'badDate' | 'badTime' | 'future' | 'tooLong' };

/** What the fields say, as a range (pure: the picker and its test use it). */
export function pickRange(
  date: string,
  time: string,
  minutes: number,
  zone: string,
  now: number,
  maxMs?: number,
): PickOutcome {
  if (!isDate(date)) return { ok: false, error: 'badDate' };
  let minute: number;
  try {
    minute = parseHhMm(time);
  } catch {
    return { ok: false, error: 'badTime' };
  }
  const startMs = zonedAt(date, minute, zone);
  const latest = now - RECORDING_LAG_MS;
  if (startMs >= latest) return { ok: false, error: 'future' };
  const wanted = startMs + minutes * 60_000;
  if (maxMs !== undefined && wanted - startMs > maxMs) return { ok: false, error: 'tooLong' };
  const endMs = Math.min(wanted, latest);
  return { ok: true, range: { startMs, endMs }, cut: endMs < wanted };
}

export interface PlaybackPickerProps {
  /** The moment the fields start at (ms); default: 15 minutes ago. */
  initialStartMs?: number;
  initialMinutes?: number;
  /** The lengths offered (minutes); default `pickerMinutes`. */
  minutes?: readonly number[];
  /** The longest range allowed (a clip: maxClipMs); lengths over it are not offered. */
  maxMs?: number;
  /** The button's words (default: "Play back"). */
  submitLabel?: string;
  /** A line above the fields (e.g. the incident's report time). */
  note?: string;
  onSubmit: (range: PickedRange) => void;
  onCancel?: () => void;
  busy?: boolean;
  className?: string;
}

export function PlaybackPicker({
  initialStartMs,
  initialMinutes = 15,
  minutes: offered = pickerMinutes,
  maxMs,
  submitLabel,
  note,
  onSubmit,
  onCancel,
  busy = false,
  className,
}: PlaybackPickerProps) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const id = useId();
  const [initial] = useState(() => initialStartMs ?? Date.now() - 15 * 60_000);
  const [date, setDate] = useState(() => zonedDate(initial, zone));
  const [time, setTime] = useState(() => formatHhMm(initial, zone));
  const lengths = useMemo(
    () => offered.filter((m) => maxMs === undefined || m * 60_000 <= maxMs),
    [offered, maxMs],
  );
  const [minutes, setMinutes] = useState(() =>
    lengths.includes(initialMinutes) ? initialMinutes : (lengths[lengths.length - 1] ?? 5),
  );
  const [tried, setTried] = useState(false);
  // "Now" as of the last change (the preview's end is cut to it); read again on submit.
  const [now, setNow] = useState(() => Date.now());
  const outcome = pickRange(date, time, minutes, zone, now, maxMs);
  const error = !outcome.ok && (tried || outcome.error === 'future') ? outcome.error : null;

  const submit = (): void => {
    setTried(true);
    const at = Date.now();
    setNow(at);
    const fresh = pickRange(date, time, minutes, zone, at, maxMs);
    if (fresh.ok && !busy) onSubmit(fresh.range);
  };

  return (
    <form
      className={['playback-picker', className].filter(Boolean).join(' ')}
      data-testid="playback-picker"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onDoubleClick={(e) => e.stopPropagation()}
    >
      {note && <div className="picker-note">{note}</div>}
      <div className="picker-fields">
        <label htmlFor={`${id}-date`}>
          <span>{t('playback.date')}</span>
          <DateInput
            id={`${id}-date`}
            data-testid="picker-date"
            value={date}
            onChange={(e) => {
              setDate(e.target.value);
              setNow(Date.now());
            }}
          />
        </label>
        <label htmlFor={`${id}-time`}>
          <span>{t('playback.time')}</span>
          <input
            id={`${id}-time`}
            data-testid="picker-time"
            type="text"
            inputMode="numeric"
            placeholder="HH:MM"
            maxLength={5}
            autoComplete="off"
            spellCheck={false}
            className="time-input"
            value={time}
            aria-invalid={error === 'badTime'}
            onChange={(e) => {
              setTime(e.target.value);
              setNow(Date.now());
            }}
            onBlur={(e) => setTime(normaliseHhMm(e.target.value))}
          />
        </label>
      </div>
      <div className="picker-lengths" role="group" aria-label={t('playback.duration')}>
        <span>{t('playback.duration')}</span>
        {lengths.map((m) => (
          <button
            key={m}
            type="button"
            data-testid={`picker-minutes-${m}`}
            aria-pressed={m === minutes}
            onClick={() => {
              setMinutes(m);
              setNow(Date.now());
            }}
          >
            {m % 60 === 0 && m >= 120
              ? t('playback.hours', { hours: m / 60 })
              : t('playback.minutes', { minutes: m })}
          </button>
        ))}
      </div>
      <div className="picker-zone muted">{t('playback.hallTime', { zone })}</div>
      {outcome.ok && (
        <div className="picker-preview" data-testid="picker-preview">
          {t('playback.preview', {
            range: rangeLabel(outcome.range.startMs, outcome.range.endMs, zone),
          })}
          {outcome.cut && <div className="muted">{t('playback.endsNow')}</div>}
        </div>
      )}
      {error && (
        <div className="picker-error" role="alert" data-testid="picker-error">
          {error === 'tooLong' ? t('playback.export.tooLong', { minutes }) : t(`playback.${error}`)}
        </div>
      )}
      <div className="picker-actions">
        <button type="submit" className="primary" data-testid="picker-submit" disabled={busy}>
          {submitLabel ?? t('playback.play')}
        </button>
        {onCancel && (
          <button type="button" data-testid="picker-cancel" onClick={onCancel}>
            {t('playback.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
