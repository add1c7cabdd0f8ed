/**
 * The platform link in words and colour, with what is wrong and where the catalog came from.
 * Beside it, when the realtime feed has trouble (messages dropped or refused, another
 * workstation with this station's id), a button with the count that opens a small panel saying
 * what and the last problem: an installer sees it on the desk, not only in the log.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinkRealtime, LinkState } from '../../shared/api';
import { useClient } from '../transport/use-client';
import {
  linkMeanings,
  linkProblems,
  realtimeBadge,
  realtimeLines,
  realtimeSummary,
  type LinkProblem,
  type Say,
} from './link-realtime';
import { formatTime } from '../../shared/domain/time/hall-time';
import { useTimeZone } from '../state/use-time-zone';

export function LinkBadge({ link }: { link: LinkState | undefined }) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const say: Say = (key, values) => t(`linkHealth.${key}`, values ?? {});
  if (!link) {
    return (
      <span className="badge" data-testid="link-state" data-state="unknown">
        <span className="dot" aria-hidden="true" />
        {t('link.unknown')}
      </span>
    );
  }
  const since = formatTime(link.since, zone);
  // What the problems mean for the watcher, in the UI's language; the station's own (English,
  // technical) words only on demand: the tooltip and the "详情" panel.
  const problems = linkProblems(link.detail);
  const parts = [
    ...linkMeanings(problems).map((meaning) => say(meaning)),
    link.catalogSource !== 'platform' ? t(`catalogSource.${link.catalogSource}`) : null,
  ].filter((p): p is string => Boolean(p));
  const realtime = realtimeSummary(link.realtime, say);
  const title = [...parts, ...(realtime ? [realtime] : []), ...problems.map((p) => p.raw)];
  return (
    <>
      <span
        className={`badge ${link.state}`}
        data-testid="link-state"
        data-state={link.state}
        title={`${t('link.label')}: ${t(`link.${link.state}`)} ${t('link.since', { time: since })}${
          title.length ? ` · ${title.join(' · ')}` : ''
        }`}
      >
        <span className={`dot ${link.state}`} aria-hidden="true" />
        {t(`link.${link.state}`)}
        {parts.length > 0 && (
          <span className="detail" data-testid="link-meaning">
            {parts.join(' · ')}
          </span>
        )}
      </span>
      {problems.length > 0 && <LinkDetails problems={problems} since={since} say={say} />}
      {link.realtime && <RealtimeHealth realtime={link.realtime} say={say} />}
    </>
  );
}

/** "详情": what the station reported, as it reported it (for the installer). */
function LinkDetails({
  problems,
  since,
  say,
}: {
  problems: readonly LinkProblem[];
  since: string;
  say: Say;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <span style={{ position: 'relative' }}>
      <button
        type="button"
        className="badge"
        style={{ cursor: 'pointer', font: 'inherit' }}
        data-testid="link-details"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {say('details')}
      </button>
      {open && (
        <div
          className="operators-panel"
          role="dialog"
          data-testid="link-details-panel"
          style={{ left: 0, right: 'auto', width: 560 }}
        >
          <header>
            <h2>{say('detailsTitle')}</h2>
            <button type="button" onClick={() => setOpen(false)} aria-label={say('close')}>
              ×
            </button>
          </header>
          <p className="muted">{t('link.since', { time: since })}</p>
          {problems.map((p, i) => (
            <p key={i} style={{ whiteSpace: 'normal' }}>
              <strong>{say(p.meaning)}</strong>
              <br />
              <code lang="en">{p.raw}</code>
            </p>
          ))}
          <p className="muted">{say('detailsHint')}</p>
        </div>
      )}
    </span>
  );
}

/** The button with the count, and the panel it opens (fresh counts from link.get on opening). */
function RealtimeHealth({ realtime, say }: { realtime: LinkRealtime; say: Say }) {
  const client = useClient();
  const [open, setOpen] = useState(false);
  const [fresh, setFresh] = useState<LinkRealtime | null>(null);
  const close = useCallback(() => setOpen(false), []);
  const label = realtimeBadge(realtime, say);

  useEffect(() => {
    if (!open) return;
    let live = true;
    void client.call('link.get', {}).then((r) => {
      if (live && r.ok && r.value.realtime) setFresh(r.value.realtime);
    });
    return () => {
      live = false;
    };
    // A new drop while the panel is open (a link event) asks again.
  }, [client, open, realtime]);

  if (label === null) return null;
  const shown = fresh ?? realtime;
  return (
    <span style={{ position: 'relative' }}>
      <button
        type="button"
        className={`badge ${realtime.duplicateStationId ? 'offline' : 'degraded'}`}
        style={{ cursor: 'pointer', font: 'inherit' }}
        data-testid="link-realtime"
        data-dropped={realtime.dropped}
        data-refused={realtime.refused}
        data-duplicate={realtime.duplicateStationId}
        title={realtimeSummary(realtime, say) ?? undefined}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
      </button>
      {open && (
        <div
          className="operators-panel"
          role="dialog"
          data-testid="link-realtime-panel"
          style={{ left: 0, right: 'auto', width: 560 }}
        >
          <header>
            <h2>{say('title')}</h2>
            <button type="button" onClick={close} aria-label={say('close')}>
              ×
            </button>
          </header>
          {realtimeLines(shown, say).map((line, i) => (
            <p key={i} className={i === 0 ? 'muted' : undefined} style={{ whiteSpace: 'normal' }}>
              {line}
            </p>
          ))}
          <p className="muted">{say('hint')}</p>
        </div>
      )}
    </span>
  );
}
