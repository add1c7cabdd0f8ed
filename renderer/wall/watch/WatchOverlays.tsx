/**
 * What the watch modes draw on a wall, in both languages: the rotation's status line, a tile's
 * badge (rotating, pinned with reason and expiry, pulled by an alert with title and distance),
 * the tour panel on the tour's tile (name, stop n/N, what to check, the dwell counting down, the
 * mark keys), the banner when a tour starts, and a short word after each key.
 */
import { useTranslation } from 'react-i18next';
import { formatHhMm } from '../../../shared/domain/time/hall-time';
import { useTimeZone } from '../../state/use-time-zone';
import { faultKinds, stopMarks } from '../../../shared/domain/watch';
import { useClock } from '../use-clock';
import type { WallTour } from './use-wall-watch-plan';
import type { StopHold } from './use-wall-watch-keys';
import { faultKeys, tourMarkKeys } from '../../common/shortcuts';
import type { RotationStatus, TileWatch } from './wall-watch';
import './watch-wall.css';

const seconds = (ms: number): number => Math.max(0, Math.ceil(ms / 1000));

export function RotationStatusBar({
  status,
  swapAt,
  plannedSwapAt,
}: {
  status: RotationStatus;
  /** When the page on screen goes (for the countdown). */
  swapAt: number;
  /** The core's swapAt (for tests and the bench, which time swaps against it). */
  plannedSwapAt: number;
}) {
  const { t } = useTranslation();
  return (
    <div
      className={`watch-rotation-status${status.paused ? ' paused' : ''}`}
      data-testid="rotation-status"
      data-group-id={status.groupId}
      data-page={status.page}
      data-pages={status.pages}
      data-paused={status.paused ? 'true' : 'false'}
      data-skipped={status.skippedTotal}
      data-swap-at={plannedSwapAt}
      role="status"
    >
      <span className="watch-rotation-name">
        {t('watchWall.rotation.label')} · {status.name}
      </span>
      <span data-testid="rotation-page">
        {t('watchWall.rotation.page', { page: status.page, pages: status.pages })}
      </span>
      {status.paused ? (
        <span className="watch-rotation-paused" data-testid="rotation-paused">
          {t('watchWall.rotation.paused')}
          {status.reasons.length > 0 &&
            ` · ${status.reasons.map((r) => t(`watchWall.rotation.reason.${r}`)).join(' · ')}`}
        </span>
      ) : (
        <NextIn swapAt={swapAt} />
      )}
      {status.skippedTotal > 0 && (
        <span className="watch-rotation-skipped" data-testid="rotation-skipped">
          {t('watchWall.rotation.skipped', { total: status.skippedTotal })}
          {status.skippedNow > 0 &&
            ` ${t('watchWall.rotation.skippedNow', { count: status.skippedNow })}`}
        </span>
      )}
      <span className="watch-keys">{t('watchWall.rotation.keys')}</span>
    </div>
  );
}

function NextIn({ swapAt }: { swapAt: number }) {
  const { t } = useTranslation();
  const now = useClock();
  return <span>{t('watchWall.rotation.next', { seconds: seconds(swapAt - now) })}</span>;
}

/** A tile's watch badge; the tour's tile has the tour panel instead. */
export function TileWatchBadge({ watch }: { watch: TileWatch }) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  if (watch.kind === 'rotation') {
    return <div className="watch-badge watch-badge-rotation">{t('watchWall.rotation.tile')}</div>;
  }
  if (watch.kind === 'pin') {
    const { pin } = watch;
    const until = pin.expiresAt === null ? null : formatHhMm(pin.expiresAt, zone);
    return (
      <div className="watch-badge watch-badge-pin" data-testid="pin-badge">
        <span className="watch-badge-kind">★ {t('watchWall.focus.pin')}</span>
        {pin.reason && <span>{pin.reason}</span>}
        {until && <span>{t('watchWall.focus.until', { time: until })}</span>}
      </div>
    );
  }
  if (watch.kind === 'pull') {
    return (
      <div
        className="watch-badge watch-badge-pull"
        data-testid="pull-badge"
        data-alert-id={watch.pull.alertId}
      >
        <span className="watch-pull-head">
          <span className="watch-badge-kind">⚠ {t('watchWall.focus.alert')}</span>
          <span>{t('watchWall.focus.distance', { metres: watch.distanceM })}</span>
          {watch.pull.expiresAt === null && <span>{t('watchWall.focus.kept')}</span>}
        </span>
        <span className="watch-pull-title" data-testid="pull-title" title={watch.pull.title}>
          {watch.pull.title}
        </span>
      </div>
    );
  }
  return null;
}

export function TourPanel({
  tour,
  faultMenu,
  hold,
  cameraName,
  onNote,
}: {
  tour: WallTour;
  faultMenu: boolean;
  /** An abnormal mark held at this stop for its note. */
  hold?: StopHold | null;
  cameraName?: string;
  onNote?: (note: string) => void;
}) {
  const { t } = useTranslation();
  const now = useClock();
  const total = tour.run.stops.length;
  return (
    <div
      className={`watch-tour-panel${hold ? ' held' : ''}`}
      data-testid="tour-panel"
      data-run-id={tour.run.id}
      data-stop={tour.stopIndex}
      data-held={hold ? 'true' : 'false'}
    >
      <div className="watch-tour-head">
        <span className="watch-tour-name">{tour.run.tourName}</span>
        <span data-testid="tour-stop">
          {t('watchWall.tour.stop', { n: tour.stopIndex + 1, total })}
        </span>
        {!hold && tour.run.deadline !== null && (
          <span className="watch-tour-left" data-testid="tour-countdown">
            {t('watchWall.tour.left', { seconds: seconds(tour.run.deadline - now) })}
          </span>
        )}
      </div>
      <div className="watch-tour-check">
        {tour.check
          ? t('watchWall.tour.check', { check: tour.check })
          : t('watchWall.tour.noCheck')}
      </div>
      {hold ? (
        <div className="watch-tour-hold" data-testid="tour-hold" role="group">
          <div className="watch-tour-hold-head">
            <span className="watch-key mark-abnormal">
              {t('keys.hold.title', { camera: cameraName ?? hold.cameraId })}
            </span>
            <span data-testid="tour-hold-countdown">
              {t('keys.hold.countdown', {
                // The clock ticks each second: never more than the hold's length.
                seconds: seconds(Math.min(hold.until - now, hold.until - hold.at)),
              })}
            </span>
            <span className="watch-keys">{t('keys.hold.keys')}</span>
          </div>
          <input
            className="watch-tour-note"
            data-testid="tour-hold-note"
            type="text"
            maxLength={200}
            autoFocus
            value={hold.note}
            placeholder={t('keys.hold.note')}
            aria-label={t('keys.hold.note')}
            onChange={(e) => onNote?.(e.target.value)}
          />
        </div>
      ) : faultMenu ? (
        <div className="watch-tour-keys" data-testid="tour-fault-menu">
          <span>{t('watchWall.tour.faultPrompt')}</span>
          {faultKinds.map((f, i) => (
            <span key={f} className="watch-key">
              <kbd>{faultKeys[i]}</kbd> {t(`watchWall.tour.faults.${f}`)}
            </span>
          ))}
        </div>
      ) : (
        <div className="watch-tour-keys" data-testid="tour-keys">
          {stopMarks.map((m, i) => (
            <span key={m} className={`watch-key mark-${m}`}>
              <kbd>{tourMarkKeys[i]}</kbd> {t(`watchWall.tour.marks.${m}`)}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}

const BANNER_MS = 10_000;

/** Said for ten seconds after the run started (so a watcher looking away still sees it). */
export function TourStartedBanner({
  at,
  name,
  watcher,
  stops,
  tile,
}: {
  at: number;
  name: string;
  watcher: string;
  stops: number;
  tile: number;
}) {
  const { t } = useTranslation();
  const now = useClock();
  if (now - at > BANNER_MS) return null;
  return (
    <div className="watch-banner" data-testid="tour-started" role="alert">
      {t('watchWall.tour.started', { name, watcher, stops, tile })}
    </div>
  );
}

/**
 * How many alerts meant for this wall it does not show (no free linkage tile, tiles the chief
 * just arranged, a newer alert took them): the desk lists them, to show or dismiss (issue #15).
 */
export function UnshownAlerts({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <div className="watch-unshown" data-testid="wall-unshown" data-count={count} role="status">
      ⚠ {t('watchWall.focus.unshown', { count })}
    </div>
  );
}

export function WatchFeedback({ text, bad }: { text: string; bad: boolean }) {
  return (
    <div
      className={`watch-feedback${bad ? ' bad' : ''}`}
      data-testid="watch-feedback"
      role="status"
    >
      {text}
    </div>
  );
}
