/** A unit's card: call sign, kind, crew, status, last fix age, and its camera → play on the wall. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../shared/api';
import type { UnitState } from '../../shared/contract/map';
import type { WallTarget } from '../common/wall-target';
import { unitLook } from './map-style';

export function UnitCard({
  unit,
  camera,
  target,
  onPlay,
  onTrack,
  onLocate,
}: {
  unit: UnitState;
  camera: Camera | undefined;
  target: WallTarget | null;
  onPlay: (camera: Camera, target: WallTarget) => void;
  onTrack: (unit: UnitState) => void;
  onLocate: (unit: UnitState) => void;
}) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const age = Math.max(0, Math.round((now - unit.at) / 1000));
  const look = unitLook(unit);
  return (
    <div className="map-card" data-testid="unit-card" data-unit-id={unit.unitId}>
      <div className="map-card-title">
        <span className={`unit-dot unit-${look}`} />
        {unit.callSign}
        <span className="muted">{t(`map.unitKind.${unit.kind}`)}</span>
      </div>
      <dl className="map-facts">
        <dt>{t('map.unit.status')}</dt>
        <dd className={`look-${look}`}>{t(`map.unitLook.${look}`)}</dd>
        <dt>{t('map.unit.crew')}</dt>
        <dd>{unit.crew?.length ? unit.crew.join('、') : t('map.unit.noCrew')}</dd>
        <dt>{t('map.unit.lastFix')}</dt>
        <dd data-testid="unit-fix-age">
          {age < 60
            ? t('map.unit.secondsAgo', { count: age })
            : t('map.unit.minutesAgo', { count: Math.floor(age / 60) })}
        </dd>
        <dt>{t('map.unit.speed')}</dt>
        <dd>{(unit.speed * 3.6).toFixed(0)} km/h</dd>
        <dt>{t('map.unit.camera')}</dt>
        <dd>{camera ? camera.name : t('map.unit.noCamera')}</dd>
      </dl>
      <div className="map-actions">
        <button type="button" onClick={() => onLocate(unit)}>
          {t('map.unit.locate')}
        </button>
        <button type="button" data-testid="unit-track" onClick={() => onTrack(unit)}>
          {t('map.unit.track')}
        </button>
        {camera && (
          <button
            type="button"
            data-testid="unit-play"
            disabled={!target}
            onClick={() => target && onPlay(camera, target)}
          >
            {target
              ? t('map.camera.sendTo', {
                  wall: t('walls.wall', { id: target.wallId }),
                  tile: target.tileIndex + 1,
                })
              : t('map.camera.noTarget')}
          </button>
        )}
      </div>
    </div>
  );
}
