/**
 * Next to the outbox indicator: how many actions the platform refused ("3 项被平台拒收"), and on
 * click the list (what, when, the platform's answer), so a watcher knows which marks or tour
 * records did not reach the platform and why. Also says plainly when the station has nowhere to
 * send them at all (a file station with no events address).
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera, OutboxStatus } from '../../shared/api';
import type { RefusedOutboxItem } from '../../shared/contract/outbox';
import { useClient } from '../transport/use-client';
import { describeRefused, type RefusedWords } from './outbox-refused';
import { formatDateTime } from '../../shared/domain/time/hall-time';
import { useTimeZone } from '../state/use-time-zone';

export function OutboxRefused({
  outbox,
  cameras,
}: {
  outbox: OutboxStatus | undefined;
  cameras?: ReadonlyMap<string, Camera>;
}) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const client = useClient();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<RefusedOutboxItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refused = outbox?.refused ?? 0;

  useEffect(() => {
    if (!open) return;
    let live = true;
    void client.call('outbox.refused', {}).then((r) => {
      if (!live) return;
      if (r.ok) {
        setItems(r.value);
        setError(null);
      } else setError(r.error.message);
    });
    return () => {
      live = false;
    };
    // A new refusal while the list is open shows in it.
  }, [client, open, refused]);

  const words: RefusedWords = {
    mark: (values) => t('outbox.refusedList.mark', values),
    tourMark: (values) => t('outbox.refusedList.tourMark', values),
    tourRun: (values) => t('outbox.refusedList.tourRun', values),
    other: (values) => t('outbox.refusedList.other', values),
    markName: (mark) => t(`mark.${mark}`),
    cameraName: (id) => cameras?.get(id)?.name,
  };
  const close = useCallback(() => setOpen(false), []);
  const [noting, setNoting] = useState(false);
  const note = useCallback(
    (ids: number[]) => {
      if (ids.length === 0) return;
      setNoting(true);
      void client.call('outbox.noteRefused', { ids }).then((r) => {
        setNoting(false);
        if (!r.ok) {
          setError(r.error.message);
          return;
        }
        // The list again, with who noted what (the count comes with the outbox event).
        void client.call('outbox.refused', {}).then((list) => {
          if (list.ok) setItems(list.value);
        });
      });
    },
    [client],
  );
  const unnoted = items?.filter((i) => i.notedAt === null).map((i) => i.id) ?? [];

  return (
    <>
      {outbox?.destination === null && (
        <span className="badge degraded" data-testid="outbox-no-destination" role="status">
          {t('outbox.noDestination')}
        </span>
      )}
      {refused > 0 && (
        <span className="outbox-refused">
          <button
            type="button"
            className="badge offline"
            data-testid="outbox-refused"
            data-refused={refused}
            aria-expanded={open}
            onClick={() => setOpen((o) => !o)}
          >
            {t('outbox.refused', { count: refused })}
          </button>
          {open && (
            <div className="operators-panel" role="dialog" data-testid="outbox-refused-list">
              <header>
                <h2>{t('outbox.refusedList.title')}</h2>
                <button type="button" onClick={close} aria-label="×">
                  ×
                </button>
              </header>
              <p className="muted">{t('outbox.refusedList.hint')}</p>
              <p className="muted">{t('outbox.refusedList.noteHint')}</p>
              {unnoted.length > 1 && (
                <button
                  type="button"
                  data-testid="outbox-refused-note-all"
                  disabled={noting}
                  onClick={() => note(unnoted)}
                >
                  {t('outbox.refusedList.noteAll')}
                </button>
              )}
              {error !== null && <p className="notice error">{error}</p>}
              {items === null && error === null && <p className="muted">…</p>}
              {items !== null && (
                <table>
                  <thead>
                    <tr>
                      <th>{t('outbox.refusedList.what')}</th>
                      <th>{t('outbox.refusedList.when')}</th>
                      <th>{t('outbox.refusedList.answer')}</th>
                      <th>{t('outbox.refusedList.dealt')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((item) => (
                      <tr
                        key={item.id}
                        data-testid="outbox-refused-item"
                        data-noted={item.notedAt !== null}
                        className={item.notedAt !== null ? 'muted' : undefined}
                      >
                        <td>
                          {describeRefused(item, words)}
                          {item.operator !== null && <div className="muted">{item.operator}</div>}
                        </td>
                        <td>{formatDateTime(item.createdAt, zone)}</td>
                        <td>{item.answer}</td>
                        <td>
                          {item.notedAt === null ? (
                            <button
                              type="button"
                              data-testid="outbox-refused-note"
                              disabled={noting}
                              onClick={() => note([item.id])}
                            >
                              {t('outbox.refusedList.note')}
                            </button>
                          ) : (
                            t('outbox.refusedList.noted', {
                              who: item.notedBy ?? '',
                              when: formatDateTime(item.notedAt, zone),
                            })
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          )}
        </span>
      )}
    </>
  );
}
