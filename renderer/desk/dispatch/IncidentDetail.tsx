/**
 * One incident (issue #13 items 1-3): what it is and where, who reported it (phone, plate hit,
 * camera), its pictures, what this desk has pending or the platform refused, possible duplicates
 * with a merge, recent incidents at the place, the timeline with who and when (Beijing time), and
 * the chief's acts: accept (签收), close with a disposition (结案), merge (合并), shown to a watcher
 * disabled with the reason; the wall (上墙, synchronized playback: IncidentWall). The units to
 * send and the orders given are `children` (RecommendPanel, OrdersPanel).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area, Camera } from '../../../shared/api';
import type { Incident } from '../../../shared/contract/dispatch';
import { dispositionCodes, type DispositionCode } from '../../../shared/contract/platform';
import { haversineM } from '../../../shared/domain/geo/distance';
import { useClient } from '../../transport/use-client';
import { ageMinutes, isOpen, levelColour } from './dispatch-model';
import type { Run } from './dispatch-run';
import { IncidentPicture } from './IncidentPicture';
import { IncidentWall, type WallPush } from './IncidentWall';
import { TimelineList } from './TimelineList';
import { formatTimeNear } from '../../../shared/domain/time/hall-time';
import { useTimeZone } from '../../state/use-time-zone';

interface Around {
  id: string;
  rev: number;
  nearby: Incident[];
  duplicates: Incident[];
}

export function IncidentDetail({
  incident,
  incidents,
  areas,
  cameras,
  chief,
  now,
  run,
  onSelect,
  wallPush,
  onWallPush,
  children,
}: {
  incident: Incident;
  incidents: ReadonlyMap<string, Incident>;
  areas: ReadonlyMap<string, Area> | undefined;
  cameras: ReadonlyMap<string, Camera> | undefined;
  chief: boolean;
  now: number;
  run: Run;
  onSelect: (id: string) => void;
  wallPush: WallPush | null;
  onWallPush: (push: WallPush) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const client = useClient();
  const [around, setAround] = useState<Around | null>(null);
  const [closing, setClosing] = useState<{ disposition: DispositionCode; note: string } | null>(
    null,
  );
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  // The recent ones here and the possible duplicates: again when the incident changes.
  useEffect(() => {
    let alive = true;
    void client.call('incident.get', { id: incident.id }).then((answer) => {
      if (alive && answer.ok)
        setAround({
          id: incident.id,
          rev: incident.rev,
          nearby: answer.value.nearby,
          duplicates: answer.value.duplicates,
        });
    });
    return () => {
      alive = false;
    };
  }, [client, incident.id, incident.rev]);
  const mine = around?.id === incident.id ? around : null;

  const act = async (work: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };
  const open = isOpen(incident.status);
  const camera = incident.cameraId ? cameras?.get(incident.cameraId) : undefined;
  const checkpoint = incident.plate ? cameras?.get(incident.plate.checkpointId) : undefined;
  const area = (id: string | null): string => (id ? (areas?.get(id)?.name ?? id) : '—');
  const chiefTitle = chief ? undefined : t('dispatch.chiefOnly');

  return (
    <article className="incident-detail" data-testid="incident-detail" data-id={incident.id}>
      <header className="incident-head" style={{ borderLeftColor: levelColour[incident.level] }}>
        <div className="incident-head-line">
          <span className="level-chip" style={{ background: levelColour[incident.level] }}>
            {t(`dispatch.levels.${incident.level}`)}
          </span>
          <strong className="incident-number" data-testid="incident-number">
            {incident.number}
          </strong>
          <span>{incident.category}</span>
          <span className={`status-word status-${incident.status}`} data-testid="incident-status">
            {t(`dispatch.statuses.${incident.status}`)}
          </span>
        </div>
        <div className="incident-address-line">{incident.address || '—'}</div>
        <div className="muted">
          {t('dispatch.detail.reportedAt', {
            time: formatTimeNear(incident.reportedAt, now, zone),
            minutes: ageMinutes(incident.reportedAt, now),
          })}
          {' · '}
          {t(`dispatch.sources.${incident.source}`)}
          {' · '}
          {area(incident.zoneId)} / {area(incident.gridId)}
        </div>
        <div className="dispatch-actions">
          {incident.status === 'new' && (
            <button
              type="button"
              className="primary"
              disabled={!chief || busy}
              title={chiefTitle}
              data-testid="incident-accept"
              onClick={() =>
                void act(() =>
                  run('incident.accept', { id: incident.id }, () => t('dispatch.detail.accepted')),
                )
              }
            >
              {t('dispatch.detail.accept')}
            </button>
          )}
          {open && (
            <button
              type="button"
              disabled={!chief || busy}
              title={chiefTitle}
              data-testid="incident-close"
              onClick={() => setClosing(closing ? null : { disposition: 'resolved', note: '' })}
            >
              {t('dispatch.detail.close')}
            </button>
          )}
        </div>
        {!chief && open && (
          <div className="chief-hint" data-testid="incident-chief-hint">
            {t('dispatch.detail.watcherHint')}
          </div>
        )}
        {closing && (
          <form
            className="incident-close-form"
            onSubmit={(e) => {
              e.preventDefault();
              void act(async () => {
                const done = await run(
                  'incident.close',
                  { id: incident.id, disposition: closing.disposition, note: closing.note },
                  () => t('dispatch.detail.closed'),
                );
                if (done) setClosing(null);
              });
            }}
          >
            <label>
              <span>{t('dispatch.detail.disposition')}</span>
              <select
                value={closing.disposition}
                data-testid="incident-disposition"
                onChange={(e) =>
                  setClosing({ ...closing, disposition: e.target.value as DispositionCode })
                }
              >
                {dispositionCodes.map((code) => (
                  <option key={code} value={code}>
                    {t(`dispatch.dispositions.${code}`)}
                  </option>
                ))}
              </select>
            </label>
            <input
              value={closing.note}
              maxLength={2000}
              placeholder={t('dispatch.detail.closeNote')}
              data-testid="incident-close-note"
              onChange={(e) => setClosing({ ...closing, note: e.target.value })}
            />
            <button
              type="submit"
              className="danger"
              disabled={busy}
              data-testid="incident-close-confirm"
            >
              {t('dispatch.detail.closeConfirm')}
            </button>
            <button type="button" onClick={() => setClosing(null)}>
              {t('dispatch.detail.cancel')}
            </button>
          </form>
        )}
      </header>

      {(incident.provisional || incident.pending > 0 || incident.refused) && (
        <div className="incident-flags">
          {incident.provisional && (
            <div className="tag warn" data-testid="incident-provisional">
              {t('dispatch.detail.provisional')}
            </div>
          )}
          {incident.pending > 0 && (
            <div className="tag warn" data-testid="incident-pending-detail">
              {t('dispatch.detail.pending', { count: incident.pending })}
            </div>
          )}
          {incident.refused && (
            <div className="tag bad" data-testid="incident-refused-detail">
              {t('dispatch.detail.refused', {
                action: incident.refused.action,
                answer: incident.refused.answer,
              })}
            </div>
          )}
        </div>
      )}
      {incident.mergedInto && (
        <div className="muted">
          {t('dispatch.detail.mergedInto', {
            number: incidents.get(incident.mergedInto)?.number ?? incident.mergedInto,
          })}
        </div>
      )}
      {incident.disposition && (
        <div className="muted" data-testid="incident-disposition-done">
          {t('dispatch.detail.closedWith', {
            disposition: t(`dispatch.dispositions.${incident.disposition}`),
          })}
        </div>
      )}

      {open && mine && mine.duplicates.length > 0 && (
        <section className="incident-duplicates" data-testid="incident-duplicates">
          <h3>{t('dispatch.detail.duplicates')}</h3>
          {mine.duplicates.map((d) => (
            <div key={d.id} className="duplicate-row" data-testid={`incident-duplicate-${d.id}`}>
              <button type="button" className="link" onClick={() => onSelect(d.id)}>
                {t('dispatch.detail.duplicateLine', {
                  number: d.number,
                  category: d.category,
                  minutes: Math.round(Math.abs(incident.reportedAt - d.reportedAt) / 60_000),
                  metres: Math.round(haversineM(incident, d)),
                })}
              </button>
              <button
                type="button"
                disabled={!chief || busy}
                title={chiefTitle}
                data-testid={`incident-merge-${d.id}`}
                onClick={() =>
                  void act(() =>
                    run('incident.merge', { id: incident.id, intoId: d.id }, () =>
                      t('dispatch.detail.merged', { number: d.number }),
                    ),
                  )
                }
              >
                {t('dispatch.detail.merge')}
              </button>
            </div>
          ))}
        </section>
      )}

      <dl className="incident-facts">
        {incident.callerPhone && (
          <>
            <dt>{t('dispatch.detail.phone')}</dt>
            <dd data-testid="incident-phone">{incident.callerPhone}</dd>
          </>
        )}
        {incident.plate && (
          <>
            <dt>{t('dispatch.detail.plate')}</dt>
            <dd data-testid="incident-plate">
              {t('dispatch.detail.plateLine', {
                plate: incident.plate.plate,
                reason: incident.plate.reason,
                direction: incident.plate.direction,
              })}
              <div className="muted">
                {t('dispatch.detail.checkpoint', {
                  name: checkpoint?.name ?? incident.plate.checkpointId,
                })}
              </div>
            </dd>
          </>
        )}
        {incident.cameraId && (
          <>
            <dt>{t('dispatch.detail.camera')}</dt>
            <dd>{camera?.name ?? incident.cameraId}</dd>
          </>
        )}
        {incident.summary && (
          <>
            <dt>{t('dispatch.detail.summary')}</dt>
            <dd className="incident-summary">{incident.summary}</dd>
          </>
        )}
      </dl>

      {incident.pictures.length > 0 && (
        <section className="incident-pictures">
          <h3>{t('dispatch.detail.pictures')}</h3>
          <div className="incident-picture-row">
            {incident.pictures.map((p) => (
              <IncidentPicture key={p.id} incidentId={incident.id} picture={p} now={now} />
            ))}
          </div>
        </section>
      )}

      <IncidentWall
        incident={incident}
        cameras={cameras}
        now={now}
        run={run}
        push={wallPush}
        onPush={onWallPush}
      />

      {children}

      <section className="incident-timeline">
        <h3>{t('dispatch.detail.timeline')}</h3>
        <TimelineList entries={incident.timeline} now={now} />
        {open && (
          <form
            className="incident-note"
            onSubmit={(e) => {
              e.preventDefault();
              const text = note.trim();
              if (!text) return;
              void act(async () => {
                const done = await run('incident.note', { id: incident.id, text }, () =>
                  t('dispatch.detail.noted'),
                );
                if (done) setNote('');
              });
            }}
          >
            <input
              value={note}
              maxLength={2000}
              placeholder={t('dispatch.detail.notePlaceholder')}
              aria-label={t('dispatch.detail.note')}
              data-testid="incident-note-text"
              onChange={(e) => setNote(e.target.value)}
            />
            <button type="submit" disabled={busy || !note.trim()} data-testid="incident-note">
              {t('dispatch.detail.noteAdd')}
            </button>
          </form>
        )}
      </section>

      <section className="incident-nearby" data-testid="incident-nearby">
        <h3>{t('dispatch.detail.nearby')}</h3>
        {mine && mine.nearby.length === 0 && (
          <div className="muted">{t('dispatch.detail.nearbyNone')}</div>
        )}
        {mine?.nearby.map((n) => (
          <button
            key={n.id}
            type="button"
            className="link nearby-row"
            onClick={() => onSelect(n.id)}
          >
            <span>{formatTimeNear(n.reportedAt, now, zone)}</span>
            <span>{n.number}</span>
            <span>{n.category}</span>
            <span className={`status-word status-${n.status}`}>
              {t(`dispatch.statuses.${n.status}`)}
            </span>
          </button>
        ))}
      </section>
    </article>
  );
}
