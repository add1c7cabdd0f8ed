/** The speed colours of a drawn track, and the stop marker, in words. */
import { useTranslation } from 'react-i18next';
import { speedBands } from './speed-colour';

export function TrackLegend() {
  const { t } = useTranslation();
  return (
    <div className="speed-legend" data-testid="speed-legend">
      <span className="muted">{t('map.track.speed')}</span>
      {speedBands.map((band, i) => (
        <span key={band.colour}>
          <i style={{ background: band.colour }} />
          {i < speedBands.length - 1
            ? `<${band.maxKmh}`
            : `≥${speedBands[speedBands.length - 2]!.maxKmh}`}
        </span>
      ))}
      <span className="muted">km/h</span>
      <span>
        <i className="stop-swatch" />
        {t('map.track.stops')}
      </span>
    </div>
  );
}
