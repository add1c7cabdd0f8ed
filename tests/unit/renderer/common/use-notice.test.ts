/**
 * Issue #15: a "saved" notice stayed on the desk for 20 minutes. Notices expire: a confirmation
 * after a few seconds, an error after longer, each new one on its own time.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  expireNotice,
  NOTICE_MS,
  noticeLifetimeMs,
  type Notice,
} from '../../../../renderer/common/use-notice';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const saved: Notice = { text: '已保存', error: false };
const failed: Notice = { text: '保存失败', error: true };

describe('a notice', () => {
  it('goes away on its own: a confirmation within seconds, an error later, never 20 minutes', () => {
    expect(noticeLifetimeMs(saved)).toBe(NOTICE_MS.info);
    expect(noticeLifetimeMs(failed)).toBe(NOTICE_MS.error);
    expect(NOTICE_MS.info).toBeLessThanOrEqual(10_000);
    expect(NOTICE_MS.error).toBeLessThan(60_000);

    const clear = vi.fn();
    expireNotice(saved, clear);
    vi.advanceTimersByTime(NOTICE_MS.info - 1);
    expect(clear).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(clear).toHaveBeenCalledTimes(1);

    const clearError = vi.fn();
    expireNotice(failed, clearError);
    vi.advanceTimersByTime(NOTICE_MS.info);
    expect(clearError).not.toHaveBeenCalled();
    vi.advanceTimersByTime(NOTICE_MS.error - NOTICE_MS.info);
    expect(clearError).toHaveBeenCalledTimes(1);
  });

  it('replaced by a newer one does not clear it early (the old timer is cancelled)', () => {
    const clear = vi.fn();
    const cancel = expireNotice(saved, clear);
    vi.advanceTimersByTime(NOTICE_MS.info / 2);
    cancel();
    vi.advanceTimersByTime(NOTICE_MS.info);
    expect(clear).not.toHaveBeenCalled();
  });

  it('nothing shown: nothing to clear', () => {
    const clear = vi.fn();
    expireNotice(null, clear)();
    vi.advanceTimersByTime(NOTICE_MS.error * 2);
    expect(clear).not.toHaveBeenCalled();
  });
});
