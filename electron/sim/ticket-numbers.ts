/**
 * The platform's ticket numbers (工单号), as printed on the weekly report: GD-YYYYMMDD-NNNN, the
 * date in hall time (Asia/Shanghai, a zone without daylight saving, so a day is a fixed 24 h
 * there) and a per-day sequence.
 */
import { zoneOffsetMs } from '../../shared/domain/time/hall-time';
import { dayMs } from './failure-process';

export const hallZone = 'Asia/Shanghai';
const hallOffsetMs = zoneOffsetMs(Date.UTC(2026, 0, 1), hallZone);

/** The hall day containing `t`, as a day number (days since 1970-01-01 in hall time). */
export const hallDay = (t: number): number => Math.floor((t + hallOffsetMs) / dayMs);
/** When hall day `day` starts (ms since epoch). */
export const hallDayStart = (day: number): number => day * dayMs - hallOffsetMs;

/** 'YYYYMMDD' of hall day `day`. */
export function hallDayKey(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10).replaceAll('-', '');
}

/** The ticket number of the `seq`-th ticket (from 1) opened on hall day `day`. */
export function ticketNumber(day: number, seq: number): string {
  return `GD-${hallDayKey(day)}-${String(seq).padStart(4, '0')}`;
}
