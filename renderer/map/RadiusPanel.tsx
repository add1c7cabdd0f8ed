/**
 * What a right-click on the map found (`map.radius`): the cameras within the radius, those that
 * see the point first, and the nearest units. Cameras go to the wall's target tile; units open
 * their card. The searched circle is drawn while the panel shows it.
 */
import L from 'leaflet';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { RadiusResult } from '../../shared/contract/map';
import type { WallTarget } from '../common/wall-target';
import { compassPoint, formatDistance } from './map-style';

export function RadiusPanel({
  map,
  result,
  place,
  target,
  onSend,
  onUnit,
}: {
  map: L.Map | null;
  result: RadiusResult;
  place: (lat: number, lng: number) => [number, number];
  target: WallTarget | null;
  onSend: (cameraId: string, target: WallTarget) => void;
  onUnit: (unitId: string) => void;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    if (!map) return;
    const centre = place(result.lat, result.lng);
    const group = L.layerGroup([
      L.circle(centre, {
        radius: result.radiusM,
        color: '#f2c14e',
        weight: 2,
        dashArray: '6 4',
        fillOpacity: 0.06,
        interactive: false,
      }),
      L.circleMarker(centre, { radius: 4, color: '#f2c14e', fillOpacity: 1, interactive: false }),
    ]).addTo(map);
    return () => {
      group.remove();
    };
  }, [map, result, place]);

  return (
    <div className="map-section" data-testid="radius-panel">
      <div className="map-section-title">
        {t('map.radius.title', { radius: result.radiusM })}
        <span className="muted">
          {result.lat.toFixed(5)}, {result.lng.toFixed(5)}
        </span>
      </div>
      <div className="map-subtitle">
        {t('map.radius.cameras', { count: result.camerasInRadius })}
      </div>
      <ul className="map-list">
        {result.cameras.map((camera) => (
          <li key={camera.cameraId} data-testid="radius-camera" data-camera-id={camera.cameraId}>
            <span className={`sees ${camera.sees ? 'yes' : 'no'}`}>
              {camera.sees ? t('map.radius.sees') : t('map.radius.near')}
            </span>
            <span className="name" title={camera.name}>
              {camera.name}
            </span>
            <span className="muted">
              {formatDistance(camera.distanceM)}{' '}
              {t(`map.compass.${compassPoint(camera.bearingDeg)}`)}
            </span>
            <button
              type="button"
              disabled={!target}
              title={t('map.radius.send')}
              onClick={() => target && onSend(camera.cameraId, target)}
            >
              {t('map.radius.toWall')}
            </button>
          </li>
        ))}
      </ul>
      <div className="map-subtitle">{t('map.radius.units')}</div>
      <ul className="map-list">
        {result.units.map((unit) => (
          <li key={unit.unitId} data-testid="radius-unit">
            <span className={`unit-dot unit-${unit.stale ? 'stale' : unit.status}`} />
            <span className="name">{unit.callSign}</span>
            <span className="muted">{formatDistance(unit.distanceM)}</span>
            <button type="button" onClick={() => onUnit(unit.unitId)}>
              {t('map.radius.card')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
