/**
 * The desk's 审计 / Audit tab (issue #11 item 6), for a duty chief or an administrator: who did
 * what, when, from which window, newest first, filtered by days (Beijing time), operator and
 * action; exported as CSV (the core writes it, as the tour record's); and the record's hash chain
 * checked by the core, "记录完整" or the first row that was altered. The core refuses a watcher
 * these calls whatever the desk shows; the tab is not offered to one.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditChainStatus, AuditPage, AuditRow } from '../../../shared/contract/audit';
import type { Result, VigilErrorData } from '../../../shared/result';
import '../../styles/audit.css';
import { useClient } from '../../transport/use-client';
import { downloadText } from '../watch/download';
import { auditFilter, auditWindow, emptyAuditForm, type AuditForm } from './audit-model';
import { formatDateTime } from '../../../shared/domain/time/hall-time';
import { useTimeZone } from '../../state/use-time-zone';
import { DateInput } from '../../common/DateInput';
import { useNotice } from '../../common/use-notice';

const pageSize = 100;

export function AuditPane({ visible }: { visible: boolean }) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const client = useClient();
  const [form, setForm] = useState<AuditForm>(emptyAuditForm);
  // The filter of the rows shown (the form as it was when searched), for "older rows" and export.
  const [shown, setShown] = useState<AuditForm>(emptyAuditForm);
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [chain, setChain] = useState<AuditChainStatus | null>(null);
  const [busy, setBusy] = useState(false);
  // Expires on its own (an "exported" must not greet the next watcher).
  const [notice, setNotice] = useNotice();

  const failed = useCallback(
    (error: VigilErrorData) =>
      setNotice({
        text: t('audit.failed', { message: `${t(`errors.${error.code}`)} (${error.message})` }),
        error: true,
      }),
    [t, setNotice],
  );

  const listInput = (filter: AuditForm, before?: number) => ({
    ...auditFilter(filter, zone),
    limit: pageSize,
    ...(before !== undefined ? { before } : {}),
  });

  /** A page came: the first of a search, or the next older one. */
  const showPage = useCallback(
    (filter: AuditForm, before: number | undefined, result: Result<AuditPage>) => {
      if (!result.ok) return failed(result.error);
      setShown(filter);
      setRows((old) =>
        before !== undefined && old ? [...old, ...result.value.rows] : result.value.rows,
      );
      setNext(result.value.next);
    },
    [failed],
  );

  const showChain = useCallback(
    (result: Result<AuditChainStatus>) =>
      result.ok ? setChain(result.value) : failed(result.error),
    [failed],
  );

  const load = async (filter: AuditForm, before?: number): Promise<void> => {
    setBusy(true);
    showPage(filter, before, await client.call('audit.list', listInput(filter, before)));
    setBusy(false);
  };

  const verify = (): void => {
    setChain(null);
    void client.call('audit.verify', {}).then(showChain);
  };

  // Each time the tab is shown: the newest rows with the searched filter, and the chain checked.
  useEffect(() => {
    if (!visible) return;
    void client.call('audit.list', listInput(shown)).then((r) => showPage(shown, undefined, r));
    void client.call('audit.verify', {}).then(showChain);
    // Only on showing: a search is the form's button, not an effect of the filter changing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visible]);

  const search = (event: FormEvent): void => {
    event.preventDefault();
    setNotice(null);
    void load(form);
  };

  const exportCsv = async (): Promise<void> => {
    setBusy(true);
    const result = await client.call('audit.exportCsv', auditFilter(shown, zone));
    setBusy(false);
    if (!result.ok) return failed(result.error);
    downloadText(result.value.filename, result.value.csv);
    setNotice({
      text: t('audit.exported', { count: result.value.rows, file: result.value.filename }),
      error: false,
    });
  };

  const field = (key: keyof AuditForm) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });

  return (
    <section className="audit-pane" data-testid="audit-pane">
      <header className="audit-head">
        <h2>{t('audit.title')}</h2>
        <ChainStatus chain={chain} />
        <button type="button" data-testid="audit-verify" onClick={verify}>
          {t('audit.chain.verify')}
        </button>
      </header>
      <form className="audit-filters" onSubmit={search} data-testid="audit-filters">
        <label>
          {t('audit.from')}
          <DateInput data-testid="audit-from" {...field('from')} />
        </label>
        <label>
          {t('audit.to')}
          <DateInput data-testid="audit-to" {...field('to')} />
        </label>
        <label>
          {t('audit.operator')}
          <input data-testid="audit-operator" maxLength={64} {...field('operator')} />
        </label>
        <label>
          {t('audit.action')}
          <input
            data-testid="audit-action"
            maxLength={100}
            placeholder={t('audit.actionHint')}
            {...field('action')}
          />
        </label>
        <button type="submit" disabled={busy}>
          {t('audit.search')}
        </button>
        <button
          type="button"
          onClick={() => {
            setForm(emptyAuditForm);
            void load(emptyAuditForm);
          }}
        >
          {t('audit.reset')}
        </button>
        <button
          type="button"
          data-testid="audit-export"
          disabled={busy}
          onClick={() => void exportCsv()}
        >
          {t('audit.exportCsv')}
        </button>
      </form>
      {notice && (
        <p
          className={`notice${notice.error ? ' error' : ''}`}
          role="status"
          data-testid="audit-notice"
        >
          {notice.text}
        </p>
      )}
      <div className="audit-rows">
        {rows === null ? (
          <div className="muted">{t('audit.loading')}</div>
        ) : rows.length === 0 ? (
          <div className="muted">{t('audit.none')}</div>
        ) : (
          <table data-testid="audit-table">
            <thead>
              <tr>
                <th>{t('audit.columns.time')}</th>
                <th>{t('audit.columns.operator')}</th>
                <th>{t('audit.columns.role')}</th>
                <th>{t('audit.columns.window')}</th>
                <th>{t('audit.columns.action')}</th>
                <th>{t('audit.columns.subject')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <Row key={row.id} row={row} />
              ))}
            </tbody>
          </table>
        )}
        {next !== null && (
          <button
            type="button"
            className="audit-more"
            data-testid="audit-more"
            disabled={busy}
            onClick={() => void load(shown, next)}
          >
            {t('audit.more')}
          </button>
        )}
      </div>
    </section>
  );
}

function Row({ row }: { row: AuditRow }) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const from = auditWindow(row);
  const window =
    from.kind === 'desk'
      ? t('audit.window.desk')
      : from.kind === 'wall'
        ? from.wallId === undefined
          ? t('audit.window.wallAny')
          : t('audit.window.wall', { id: from.wallId })
        : t('audit.window.unknown');
  const detail = row.detail === null ? undefined : JSON.stringify(row.detail);
  return (
    <tr
      data-testid="audit-row"
      className={row.action === 'refused' ? 'refused' : undefined}
      title={detail && t('audit.detail', { detail })}
    >
      <td className="audit-time">{formatDateTime(row.at, zone)}</td>
      <td>{row.operator || t('audit.nobody')}</td>
      <td>{row.role ? t(`roles.${row.role}`) : ''}</td>
      <td>{window}</td>
      <td className="audit-action">{row.action}</td>
      <td>{row.subject ?? ''}</td>
    </tr>
  );
}

function ChainStatus({ chain }: { chain: AuditChainStatus | null }) {
  const { t } = useTranslation();
  if (chain === null) {
    return (
      <span className="audit-chain muted" data-testid="audit-chain" data-state="checking">
        {t('audit.chain.checking')}
      </span>
    );
  }
  if (chain.intact) {
    return (
      <span
        className="audit-chain intact"
        data-testid="audit-chain"
        data-state="intact"
        title={t('audit.chain.lastHash', { hash: chain.lastHash })}
      >
        ✓ {t('audit.chain.intact', { rows: chain.rows })}
      </span>
    );
  }
  return (
    <span className="audit-chain broken" data-testid="audit-chain" data-state="broken" role="alert">
      ✗ {t('audit.chain.broken', { id: chain.brokenId, reason: t(`audit.chain.${chain.reason}`) })}
    </span>
  );
}
