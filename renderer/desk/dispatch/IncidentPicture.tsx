/** One picture of an incident, fetched through the core (`incident.picture`), as a data URL. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentPicture as Picture } from '../../../shared/contract/platform';
import { useClient } from '../../transport/use-client';
import { formatTimeNear } from '../../../shared/domain/time/hall-time';
import { useTimeZone } from '../../state/use-time-zone';

export function IncidentPicture({
  incidentId,
  picture,
  now,
}: {
  incidentId: string;
  picture: Picture;
  now: number;
}) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const client = useClient();
  const [src, setSrc] = useState<string | null | undefined>(undefined);
  const [large, setLarge] = useState(false);
  useEffect(() => {
    let alive = true;
    void client.call('incident.picture', { incidentId, pictureId: picture.id }).then((answer) => {
      if (!alive) return;
      setSrc(
        answer.ok && answer.value ? `data:${answer.value.mime};base64,${answer.value.data}` : null,
      );
    });
    return () => {
      alive = false;
    };
  }, [client, incidentId, picture.id]);
  return (
    <figure className="incident-picture" data-testid={`incident-picture-${picture.id}`}>
      {src ? (
        <img
          src={src}
          className={large ? 'large' : ''}
          alt={`${picture.by} ${formatTimeNear(picture.at, now, zone)}`}
          onClick={() => setLarge(!large)}
        />
      ) : (
        <div className="incident-picture-empty muted">
          {src === null ? t('dispatch.detail.pictureFailed') : t('dispatch.loading')}
        </div>
      )}
      <figcaption className="muted">
        {formatTimeNear(picture.at, now, zone)} · {picture.by}
      </figcaption>
    </figure>
  );
}
