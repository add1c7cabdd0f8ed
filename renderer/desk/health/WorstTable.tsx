/** The worst cameras of a period (the tab's last 7 days, the report's week), worst first. */
import { useTranslation } from 'react-i18next';
import type { WorstCamera } from '../../../shared/contract/health';
import { formatDateTime } from '../../../shared/domain/time/hall-time';
import { useTimeZone } from '../../state/use-time-zone';
import { hoursMinutes } from './health-model';
import { RateFigure } from './RateFigure';

export function WorstTable({
  worst,
  target,
  className,
  testId,
}: {
  worst: readonly WorstCamera[];
  target: number;
  className: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  return (
    <table className={className} data-testid={testId}>
      <thead>
        <tr>
          <th>#</th>
          <th>{t('health.worst.camera')}</th>
          <th>{t('health.report.contractor')}</th>
          <th>{t('health.online')}</th>
          <th>{t('health.integrity')}</th>
          <th>{t('health.worst.down')}</th>
          <th>{t('health.worst.lastPicture')}</th>
        </tr>
      </thead>
      <tbody>
        {worst.map((w, i) => (
          <tr key={w.cameraId} data-camera-id={w.cameraId}>
            <td className="num">{i + 1}</td>
            <td>
              {w.name} <span className="muted">{w.cameraId}</span>
              {w.openTicketId && (
                <span className="health-ticket-flag" title={t('health.worst.ticket')}>
                  {' '}
                  ⚑
                </span>
              )}
            </td>
            <td>{w.contractor ?? t('health.noContractor')}</td>
            <td className="num">
              <RateFigure rate={w.online} target={target} />
            </td>
            <td className="num">
              <RateFigure rate={w.integrity} target={target} />
            </td>
            <td className="num">{t('health.downFor', hoursMinutes(w.downMs))}</td>
            <td>
              {w.lastPictureAt === null
                ? t('health.worst.never')
                : formatDateTime(w.lastPictureAt, zone).slice(0, 16)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
