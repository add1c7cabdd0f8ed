/** An incident's timeline: when (Beijing time), what, who, and the detail, oldest first. */
import { useTranslation } from 'react-i18next';
import type { IncidentTimelineEntry } from '../../../shared/contract/platform';
import { timelineDetail } from './dispatch-model';
import { formatTimeNear } from '../../../shared/domain/time/hall-time';
import { useTimeZone } from '../../state/use-time-zone';

const known = [
  'opened',
  'accepted',
  'dispatched',
  'acknowledged',
  'en-route',
  'arrived',
  'on-scene',
  'handling',
  'cleared',
  'note',
  'merged',
  'closed',
  'cancelled',
  'reinforced',
  'refused',
] as const;
type Known = (typeof known)[number];
const isKnown = (what: string): what is Known => (known as readonly string[]).includes(what);

export function TimelineList({
  entries,
  now,
}: {
  entries: readonly IncidentTimelineEntry[];
  now: number;
}) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const sorted = [...entries].sort((a, b) => a.at - b.at);
  return (
    <ol className="timeline" data-testid="incident-timeline">
      {sorted.map((entry, i) => (
        <li key={`${entry.at}-${i}`} data-what={entry.what}>
          <time>{formatTimeNear(entry.at, now, zone)}</time>
          <span className="timeline-what">
            {isKnown(entry.what) ? t(`dispatch.timeline.${entry.what}`) : entry.what}
          </span>
          <span className="timeline-by">
            {entry.by === 'platform' ? t('dispatch.timeline.platform') : entry.by}
          </span>
          {entry.detail && <Detail what={entry.what} detail={entry.detail} />}
        </li>
      ))}
    </ol>
  );
}

/** The detail, with a leading disposition or source code said in words ("抓获嫌疑人：…"). */
function Detail({ what, detail }: { what: string; detail: string }) {
  const { t } = useTranslation();
  const parts = timelineDetail(what, detail);
  const word =
    parts.kind === 'disposition'
      ? t(`dispatch.dispositions.${parts.code}`)
      : parts.kind === 'source'
        ? t(`dispatch.sources.${parts.code}`)
        : null;
  return (
    <span className="timeline-detail">
      {word && <strong>{word}</strong>}
      {word && parts.rest ? t('dispatch.timeline.separator') : ''}
      {parts.rest}
    </span>
  );
}
