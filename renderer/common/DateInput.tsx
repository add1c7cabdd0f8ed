/**
 * A date field in the hall's format, 'YYYY-MM-DD', whatever the browser's locale: Chromium draws
 * <input type="date"> in its UI locale (mm/dd/yyyy under an en-US Electron, even on a page with
 * lang="zh-CN"), so a date is a short text field that takes 20260301, 2026/3/1 or 2026-03-01 and
 * writes it as 2026-03-01 when the field is left. The day it means is a day in the hall's time
 * zone (the caller reads it with shared/domain/time/hall-time.ts).
 */
import type { InputHTMLAttributes } from 'react';
import { isDate, normaliseDate } from '../../shared/domain/time/hall-time';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange'> & {
  value: string;
  onChange: (event: { target: { value: string } }) => void;
};

export function DateInput({ value, onChange, onBlur, className, ...rest }: Props) {
  const invalid = value.trim() !== '' && !isDate(value);
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      placeholder="YYYY-MM-DD"
      maxLength={10}
      pattern="\d{4}-\d{2}-\d{2}"
      autoComplete="off"
      spellCheck={false}
      className={['date-input', className].filter(Boolean).join(' ')}
      aria-invalid={invalid}
      value={value}
      onChange={onChange}
      onBlur={(event) => {
        const normal = normaliseDate(event.target.value);
        if (normal !== event.target.value) onChange({ target: { value: normal } });
        onBlur?.(event);
      }}
    />
  );
}
