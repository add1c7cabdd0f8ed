/**
 * 交接班 (issue #11): the outgoing operator's open items as the station holds them, a note, and
 * the incoming operator's name and password. The core checks the password (with the same lock as
 * a sign-in), switches the station to the incoming operator and keeps the handover in the record.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Handover, HandoverItems } from '../../shared/contract/session';
import { useClient } from '../transport/use-client';
import { formatDateTime } from '../../shared/domain/time/hall-time';
import { useTimeZone } from '../state/use-time-zone';

export function HandoverPanel({ from, onClose }: { from: string; onClose: () => void }) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const client = useClient();
  const [items, setItems] = useState<HandoverItems | null>(null);
  const [last, setLast] = useState<Handover | null>(null);
  const [note, setNote] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void client.call('session.openItems', {}).then((r) => r.ok && setItems(r.value));
    void client
      .call('session.handovers', { limit: 1 })
      .then((r) => r.ok && setLast(r.value[0] ?? null));
  }, [client]);

  const take = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await client.call('session.handover', { name: name.trim(), password, note });
    setBusy(false);
    if (!result.ok) setError(t('session.failed', { message: result.error.message }));
    // Success: the session event shows the incoming operator; this panel closes with the badge.
    else onClose();
  };

  const empty =
    items !== null &&
    items.tourRuns.length + items.pins.length + items.pulls.length + items.pendingOutbox === 0;
  return (
    <div className="operators-panel" role="dialog" data-testid="handover-panel">
      <header>
        <h2>{t('session.handover.title')}</h2>
        <button type="button" onClick={onClose} aria-label="×">
          ×
        </button>
      </header>
      <p>{t('session.handover.from', { name: from })}</p>
      {last && (
        <p className="muted">
          {t('session.handover.last', {
            from: last.from,
            to: last.to,
            time: formatDateTime(last.at, zone),
          })}
        </p>
      )}
      <h3>{t('session.handover.items')}</h3>
      <ul className="handover-items" data-testid="handover-items">
        {empty && <li className="muted">{t('session.handover.none')}</li>}
        {items?.tourRuns.map((r) => (
          <li key={r.runId}>
            {t('session.handover.tourRun', {
              tour: r.tourName,
              wall: r.wallId,
              marked: r.marked,
              stops: r.stops,
              watcher: r.watcher,
            })}
          </li>
        ))}
        {items?.pins.map((p) => (
          <li key={`${p.wallId}-${p.tileIndex}`}>
            {t('session.handover.pin', {
              wall: p.wallId,
              tile: p.tileIndex + 1,
              camera: p.cameraId,
              reason: p.reason,
              by: p.pinnedBy,
            })}
          </li>
        ))}
        {items?.pulls.map((p) => (
          <li key={p.alertId}>
            {t('session.handover.pull', {
              title: p.title,
              wall: p.wallId,
              kept: p.kept ? t('session.handover.kept') : '',
            })}
          </li>
        ))}
        {items !== null && items.pendingOutbox > 0 && (
          <li>{t('session.handover.outbox', { count: items.pendingOutbox })}</li>
        )}
      </ul>
      <form onSubmit={(e) => void take(e)} data-testid="handover-form">
        <label>
          {t('session.handover.note')}
          <textarea
            data-testid="handover-note"
            value={note}
            maxLength={2000}
            rows={3}
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        <label>
          {t('session.handover.incoming')}
          <input
            data-testid="handover-name"
            value={name}
            maxLength={64}
            autoComplete="off"
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label>
          {t('session.password')}
          <input
            data-testid="handover-password"
            type="password"
            autoComplete="off"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button
          type="submit"
          data-testid="handover-take"
          disabled={busy || !name.trim() || !password}
        >
          {t('session.handover.take')}
        </button>
        {error && (
          <p className="notice error" role="alert" data-testid="handover-error">
            {error}
          </p>
        )}
      </form>
    </div>
  );
}
