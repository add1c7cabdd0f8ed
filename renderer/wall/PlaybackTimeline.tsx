/**
 * The timeline of a tile in playback (issue #15): one bar over the played range with what the
 * platform says the camera recorded (`playback.recordings`) — recorded stretches solid, gaps
 * hatched grey and labelled "无录像 / not recorded" — the current position, and a click (or the
 * arrow keys) to go to a moment within the range. When the platform does not say (`known:
 * false`), a plain bar with the reason on hover: it never pretends all was recorded.
 */
import { useEffect, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordedRanges } from '../../shared/contract/tile';
import { formatHhMm, formatTime } from '../../shared/domain/time/hall-time';
import { rangeLabel } from '../common/clip-export';
import { useTimeZone } from '../state/use-time-zone';
import { useClient } from '../transport/use-client';
import '../common/playback.css';

/** A gap narrower than this share of the bar is drawn but not labelled (no room for words). */
const LABEL_SHARE = 0.14;
const KEY_STEP_MS = 10_000;

export interface Stretch {
  startMs: number;
  endMs: number;
  recorded: boolean;
}

/** The range cut into recorded stretches and the gaps between them, in order (pure). */
export function stretches(
  startMs: number,
  endMs: number,
  ranges: readonly { startMs: number; endMs: number }[],
): Stretch[] {
  const out: Stretch[] = [];
  let at = startMs;
  for (const r of [...ranges].sort((a, b) => a.startMs - b.startMs)) {
    const from = Math.max(r.startMs, startMs);
    const to = Math.min(r.endMs, endMs);
    if (to <= from || to <= at) continue;
    if (from > at) out.push({ startMs: at, endMs: from, recorded: false });
    out.push({ startMs: Math.max(from, at), endMs: to, recorded: true });
    at = to;
  }
  if (at < endMs) out.push({ startMs: at, endMs, recorded: false });
  return out;
}

/**
 * The core's reason (English, for the log) in the watcher's words: which of the known cases it is
 * (electron/station/wall/recordings-service.ts, recordingsReasons), else null (said as it came).
 */
export function reasonKey(
  reason: string | undefined,
): 'file' | 'unreachable' | 'notUnderstood' | 'notKept' | null {
  if (!reason) return null;
  if (reason.includes('cameras from a file')) return 'file';
  if (reason.includes('could not be reached')) return 'unreachable';
  if (reason.includes('not understood')) return 'notUnderstood';
  if (reason.includes('does not say')) return 'notKept';
  return null;
}

export function PlaybackTimeline({
  cameraId,
  startMs,
  endMs,
  now,
  onSeek,
}: {
  cameraId: string;
  startMs: number;
  endMs: number;
  /** The position (ms since epoch). */
  now: number;
  onSeek: (ms: number) => void;
}) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const client = useClient();
  // The answer for this camera and range (an answer for another range is not shown: loading).
  const [answered, setRecorded] = useState<RecordedRanges | null>(null);
  const recorded =
    answered?.cameraId === cameraId && answered.startMs === startMs && answered.endMs === endMs
      ? answered
      : null;
  useEffect(() => {
    let alive = true;
    void client.call('playback.recordings', { cameraId, startMs, endMs }).then((answer) => {
      if (!alive) return;
      setRecorded(
        answer.ok
          ? { ...answer.value, cameraId, startMs, endMs }
          : {
              cameraId,
              startMs,
              endMs,
              known: false,
              ranges: [],
              reason: `${t(`errors.${answer.error.code}`)} (${answer.error.message})`,
            },
      );
    });
    return () => {
      alive = false;
    };
  }, [client, cameraId, startMs, endMs, t]);

  const span = Math.max(1, endMs - startMs);
  const share = (ms: number): number => Math.min(1, Math.max(0, (ms - startMs) / span));
  const pct = (ms: number): string => `${(share(ms) * 100).toFixed(3)}%`;
  const seekAt = (e: MouseEvent<HTMLDivElement>): void => {
    const box = e.currentTarget.getBoundingClientRect();
    const x = Math.min(1, Math.max(0, (e.clientX - box.left) / Math.max(1, box.width)));
    onSeek(Math.round(startMs + x * span));
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const step = e.key === 'ArrowLeft' ? -KEY_STEP_MS : e.key === 'ArrowRight' ? KEY_STEP_MS : 0;
    if (step === 0) return;
    e.preventDefault();
    onSeek(Math.min(endMs, Math.max(startMs, now + step)));
  };

  const reasonWords = (reason: string | undefined): string => {
    const key = reasonKey(reason);
    // The watcher's words, and the core's as they came (for the installer).
    return key ? `${t(`playback.timeline.reason.${key}`)} — ${reason}` : (reason ?? '—');
  };
  const known = recorded?.known === true;
  const parts = known ? stretches(startMs, endMs, recorded.ranges) : [];
  const unknownWhy =
    recorded === null
      ? t('playback.timeline.loading')
      : known
        ? undefined
        : t('playback.timeline.unknown', {
            reason: reasonWords(recorded.reason),
          });
  return (
    <div className="playback-timeline-row" onDoubleClick={(e) => e.stopPropagation()}>
      <span className="timeline-end">{formatHhMm(startMs, zone)}</span>
      <div
        className={`playback-timeline${known ? ' known' : ' unknown'}`}
        data-testid="playback-timeline"
        data-known={recorded === null ? '' : String(known)}
        data-reason={recorded && !known ? (reasonKey(recorded.reason) ?? 'other') : ''}
        data-gaps={parts.filter((p) => !p.recorded).length}
        role="slider"
        tabIndex={0}
        aria-label={t('playback.timeline.label', { range: rangeLabel(startMs, endMs, zone) })}
        aria-valuemin={startMs}
        aria-valuemax={endMs}
        aria-valuenow={Math.round(now)}
        aria-valuetext={formatTime(now, zone)}
        title={unknownWhy ?? t('playback.timeline.seek')}
        onClick={seekAt}
        onKeyDown={onKey}
      >
        {parts.map((p) => (
          <div
            key={p.startMs}
            className={p.recorded ? 'timeline-recorded' : 'timeline-gap'}
            data-testid={p.recorded ? 'timeline-recorded' : 'timeline-gap'}
            data-start-ms={p.startMs}
            data-end-ms={p.endMs}
            style={{ left: pct(p.startMs), width: pct(startMs + (p.endMs - p.startMs)) }}
            title={
              p.recorded
                ? `${t('playback.timeline.recorded')} ${formatTime(p.startMs, zone)}–${formatTime(p.endMs, zone)}`
                : `${t('playback.timeline.notRecorded')} ${formatTime(p.startMs, zone)}–${formatTime(p.endMs, zone)}`
            }
          >
            {!p.recorded && (p.endMs - p.startMs) / span >= LABEL_SHARE && (
              <span className="timeline-gap-label">{t('playback.timeline.notRecorded')}</span>
            )}
          </div>
        ))}
        <div className="timeline-position" style={{ left: pct(now) }} aria-hidden="true" />
      </div>
      <span className="timeline-end">{formatHhMm(endMs, zone)}</span>
    </div>
  );
}
