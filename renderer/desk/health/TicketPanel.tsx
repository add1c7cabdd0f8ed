/**
 * Fault tickets (工单, issue #16 item 4) at the desk: the list (open or all; a breached SLA in red
 * with how late, provisional and pending said, a refused action with the platform's words) and
 * the chosen ticket: its facts, its picture, its history, and exactly the actions its status
 * allows (ticketActionsFrom): 派单 to a contractor (the camera's maintainer proposed), 挂起 /
 * 驳回 / 撤销 with a reason, 验证关闭 once the watcher has looked at the camera (上墙查看 puts it
 * on the desk's target tile).
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FaultTicket } from '../../../shared/contract/health';
import {
  actionsNeedingContractor,
  actionsNeedingReason,
  ticketActionsFrom,
  type TicketAction,
} from '../../../shared/domain/health/tickets';
import { formatShort } from '../../../shared/domain/time/hall-time';
import { useNotice } from '../../common/use-notice';
import type { MapPaneProps } from '../../map/MapPane';
import { useHealthTickets } from '../../state/use-health';
import { useTimeZone } from '../../state/use-time-zone';
import { useClient } from '../../transport/use-client';
import { TabBar } from '../TabBar';
import {
  hoursMinutes,
  mergeTickets,
  slaLateness,
  ticketList,
  type TicketMap,
} from './health-model';

const NONE: TicketMap = new Map();

export function TicketPanel({ map, now }: { map: MapPaneProps; now: number }) {
  const { t } = useTranslation();
  const tickets = useHealthTickets();
  // What this desk's own actions answered, until the stream brings the same or newer.
  const [answered, setAnswered] = useState<TicketMap>(NONE);
  const all = useMemo(
    () => mergeTickets(tickets.value ?? NONE, [...answered.values()]),
    [tickets.value, answered],
  );
  const [which, setWhich] = useState<'open' | 'all'>('open');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const list = useMemo(() => ticketList(all, which, now), [all, which, now]);
  const selected = selectedId ? all.get(selectedId) : undefined;

  return (
    <section className="health-tickets" data-testid="health-tickets">
      <header className="health-tickets-head">
        <h3>{t('health.tickets.title')}</h3>
        <TabBar
          className="health-seg"
          names={['open', 'all'] as const}
          value={which}
          onChange={setWhich}
          label={(w) => t(`health.tickets.${w}`)}
          testIdPrefix="health-tickets"
        />
      </header>
      {tickets.value === undefined ? (
        <div className="muted health-tickets-state" data-testid="health-tickets-state">
          {tickets.error
            ? tickets.error.code === 'unavailable'
              ? t('health.unavailable', { message: tickets.error.message })
              : t('health.failed', { what: 'health.tickets', message: tickets.error.message })
            : t('health.loading')}
        </div>
      ) : list.length === 0 ? (
        <div className="muted health-tickets-state">{t('health.tickets.none')}</div>
      ) : (
        <ol className="health-ticket-list" data-testid="health-ticket-list">
          {list.map((ticket) => (
            <TicketRow
              key={ticket.id}
              ticket={ticket}
              now={now}
              selected={ticket.id === selectedId}
              onSelect={() => setSelectedId(ticket.id)}
            />
          ))}
        </ol>
      )}
      {selected ? (
        <TicketDetail
          key={selected.id}
          ticket={selected}
          now={now}
          map={map}
          onAnswer={(ticket) => setAnswered((before) => mergeTickets(before, [ticket]))}
        />
      ) : (
        <div className="muted health-ticket-none">{t('health.tickets.select')}</div>
      )}
    </section>
  );
}

/** The lateness in words, "2 h 05 min". */
function useLateWords(ticket: FaultTicket, now: number): string | null {
  const { t } = useTranslation();
  const late = slaLateness(ticket, now);
  return late === null ? null : t('health.downFor', hoursMinutes(late));
}

function TicketRow({
  ticket,
  now,
  selected,
  onSelect,
}: {
  ticket: FaultTicket;
  now: number;
  selected: boolean;
  onSelect: () => void;
}) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const late = useLateWords(ticket, now);
  return (
    <li
      className={`health-ticket${selected ? ' selected' : ''}${ticket.breached || late ? ' breached' : ''}`}
      data-testid="health-ticket"
      data-ticket-id={ticket.id}
      data-status={ticket.status}
      data-camera-id={ticket.cameraId}
      data-fault={ticket.fault}
    >
      <button type="button" onClick={onSelect} aria-pressed={selected}>
        <span className="health-ticket-line">
          <strong>{ticket.provisional ? t('health.tickets.provisional') : ticket.number}</strong>
          <span className={`health-status ${ticket.status}`}>
            {t(`health.statuses.${ticket.status}`)}
          </span>
          <span>{t(`health.faults.${ticket.fault}`)}</span>
        </span>
        <span className="health-ticket-line">
          <span>{ticket.cameraName ?? ticket.cameraId}</span>
          <span className="muted">{formatShort(ticket.openedAt, now, zone)}</span>
        </span>
        {late && (
          <span className="health-late" data-testid="health-ticket-late">
            {t('health.tickets.late', { late })}
          </span>
        )}
        {ticket.pending > 0 && (
          <span className="health-pending">
            {t('health.tickets.pending', { count: ticket.pending })}
          </span>
        )}
        {ticket.refused && (
          <span className="health-refused" data-testid="health-ticket-refused">
            {t('health.tickets.refused', { answer: ticket.refused.answer })}
          </span>
        )}
      </button>
    </li>
  );
}

function TicketDetail({
  ticket,
  now,
  map,
  onAnswer,
}: {
  ticket: FaultTicket;
  now: number;
  map: MapPaneProps;
  onAnswer: (ticket: FaultTicket) => void;
}) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const client = useClient();
  const late = useLateWords(ticket, now);
  const actions = ticketActionsFrom(ticket.status);
  const [contractor, setContractor] = useState(ticket.contractor ?? ticket.cameraContractor ?? '');
  const [note, setNote] = useState('');
  const [looked, setLooked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useNotice();

  const act = async (action: TicketAction): Promise<void> => {
    setBusy(true);
    const answer = await client.call('health.ticketAct', {
      ticketId: ticket.id,
      action,
      ...(actionsNeedingContractor.includes(action) ? { contractor: contractor.trim() } : {}),
      note: note.trim(),
    });
    setBusy(false);
    if (!answer.ok) {
      setNotice({
        text: t('health.failed', {
          what: t(`health.actions.${action}`),
          message: `${t(`errors.${answer.error.code}`)} (${answer.error.message})`,
        }),
        error: true,
      });
      return;
    }
    onAnswer(answer.value);
    setNote('');
    setNotice({
      text: t('health.detail.done', {
        number: answer.value.provisional ? t('health.tickets.provisional') : answer.value.number,
        action: t(`health.actions.${action}`),
      }),
      error: false,
    });
  };

  const toWall = (): void => {
    if (!map.target) {
      setNotice({ text: t('health.detail.noTarget'), error: true });
      return;
    }
    map.onAssign(ticket.cameraId, map.target);
    setNotice({
      text: t('health.detail.sentToWall', {
        wall: t('walls.wall', { id: map.target.wallId }),
        tile: map.target.tileIndex + 1,
      }),
      error: false,
    });
  };

  const needsReason = actions.some((a) => actionsNeedingReason.includes(a));
  const blocked = (action: TicketAction): boolean =>
    busy ||
    (actionsNeedingReason.includes(action) && note.trim() === '') ||
    (actionsNeedingContractor.includes(action) && contractor.trim() === '') ||
    (action === 'verify' && !looked);

  return (
    <article
      className="health-ticket-detail"
      data-testid="health-ticket-detail"
      data-status={ticket.status}
    >
      <h3>
        {t('health.detail.number')}{' '}
        {ticket.provisional ? t('health.tickets.provisional') : ticket.number}{' '}
        <span className={`health-status ${ticket.status}`} data-testid="health-ticket-status">
          {t(`health.statuses.${ticket.status}`)}
        </span>
      </h3>
      <dl className="health-facts">
        <dt>{t('health.detail.camera')}</dt>
        <dd>
          {ticket.cameraName ?? ticket.cameraId} <span className="muted">{ticket.cameraId}</span>
        </dd>
        <dt>{t('health.detail.fault')}</dt>
        <dd>
          {t(`health.faults.${ticket.fault}`)}
          {ticket.repeats > 0 && (
            <span className="muted">
              {' '}
              · {t('health.tickets.repeats', { count: ticket.repeats })}
            </span>
          )}
        </dd>
        <dt>{t('health.detail.source')}</dt>
        <dd>{t(`health.sources.${ticket.source}`)}</dd>
        <dt>{t('health.detail.opened')}</dt>
        <dd>
          {formatShort(ticket.openedAt, now, zone)} ·{' '}
          {t('health.detail.openedBy', { who: ticket.openedBy })}
        </dd>
        <dt>{t('health.detail.sla')}</dt>
        <dd className={late ? 'health-late' : ''}>
          {t('health.detail.slaHours', {
            hours: ticket.slaHours,
            at: formatShort(ticket.dueAt, now, zone),
          })}
          {late && <> · {t('health.tickets.late', { late })}</>}
        </dd>
        {ticket.contractor && (
          <>
            <dt>{t('health.detail.contractor')}</dt>
            <dd data-testid="health-ticket-contractor">{ticket.contractor}</dd>
          </>
        )}
        {ticket.suspendReason && (
          <>
            <dt>{t('health.detail.suspendReason')}</dt>
            <dd>{ticket.suspendReason}</dd>
          </>
        )}
        {ticket.repairedAt !== null && (
          <>
            <dt>{t('health.detail.repairedAt')}</dt>
            <dd>{formatShort(ticket.repairedAt, now, zone)}</dd>
          </>
        )}
        {ticket.closedAt !== null && (
          <>
            <dt>{t('health.detail.closedAt')}</dt>
            <dd>{formatShort(ticket.closedAt, now, zone)}</dd>
          </>
        )}
      </dl>
      {ticket.pending > 0 && (
        <div className="health-pending">
          {t('health.tickets.pending', { count: ticket.pending })}
        </div>
      )}
      {ticket.refused && (
        <div className="health-refused">
          {t('health.tickets.refused', { answer: ticket.refused.answer })}
        </div>
      )}
      {ticket.pictureUrl !== null && <TicketPicture ticketId={ticket.id} />}

      <section className="health-actions" data-testid="health-ticket-actions">
        <h4>{t('health.detail.actions')}</h4>
        {actions.length === 0 ? (
          <div className="muted">{t('health.detail.noActions')}</div>
        ) : (
          <>
            {actions.includes('dispatch') && (
              <label>
                {t('health.detail.contractorField')}
                <input
                  value={contractor}
                  maxLength={100}
                  data-testid="health-contractor"
                  onChange={(e) => setContractor(e.target.value)}
                />
              </label>
            )}
            <label>
              {needsReason ? t('health.detail.reason') : t('health.detail.note')}
              <textarea
                value={note}
                rows={2}
                maxLength={2000}
                data-testid="health-note"
                placeholder={needsReason ? t('health.detail.reasonNeeded') : ''}
                onChange={(e) => setNote(e.target.value)}
              />
            </label>
            {actions.includes('verify') && (
              <div className="health-verify">
                <button type="button" data-testid="health-to-wall" onClick={toWall}>
                  {t('health.detail.toWall')}
                </button>
                <label className="health-looked">
                  <input
                    type="checkbox"
                    checked={looked}
                    data-testid="health-looked"
                    onChange={(e) => setLooked(e.target.checked)}
                  />
                  {t('health.detail.looked')}
                </label>
              </div>
            )}
            <div className="health-action-buttons">
              {actions.map((action) => (
                <button
                  key={action}
                  type="button"
                  className={action === 'verify' || action === 'dispatch' ? 'primary' : ''}
                  data-testid={`health-act-${action}`}
                  disabled={blocked(action)}
                  onClick={() => void act(action)}
                >
                  {t(`health.actions.${action}`)}
                </button>
              ))}
            </div>
          </>
        )}
        <div
          className={`notice${notice?.error ? ' error' : ''}`}
          role="status"
          aria-live="polite"
          data-testid="health-notice"
        >
          {notice?.text}
        </div>
      </section>

      <section>
        <h4>{t('health.detail.timeline')}</h4>
        <ol className="health-timeline" data-testid="health-ticket-timeline">
          {[...ticket.timeline]
            .sort((a, b) => a.at - b.at)
            .map((entry, i) => (
              <li key={`${entry.at}-${i}`} data-what={entry.action}>
                <time>{formatShort(entry.at, now, zone)}</time>
                <span className="health-timeline-what">
                  {entry.action === 'open' || entry.action === 'repeat'
                    ? t(`health.timeline.${entry.action}`)
                    : t(`health.actions.${entry.action}`)}
                </span>
                <span className="health-timeline-by muted">{entry.by}</span>
                {entry.note && <span className="health-timeline-note">{entry.note}</span>}
              </li>
            ))}
        </ol>
      </section>
    </article>
  );
}

function TicketPicture({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const [src, setSrc] = useState<string | null | undefined>(undefined);
  const [large, setLarge] = useState(false);
  useEffect(() => {
    let alive = true;
    void client.call('health.ticketPicture', { ticketId }).then((answer) => {
      if (alive) setSrc(answer.ok && answer.value ? answer.value.dataUrl : null);
    });
    return () => {
      alive = false;
    };
  }, [client, ticketId]);
  return (
    <figure className="health-picture" data-testid="health-ticket-picture">
      {src ? (
        <img
          src={src}
          alt={t('health.detail.picture')}
          className={large ? 'large' : ''}
          onClick={() => setLarge(!large)}
        />
      ) : (
        <div className="muted">
          {src === null ? t('health.detail.pictureFailed') : t('health.loading')}
        </div>
      )}
    </figure>
  );
}
