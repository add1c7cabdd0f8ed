/**
 * The administrator's accounts (issue #11): who may sign in at this station and as what. A new
 * account needs a password; a disabled one keeps its name in the record but cannot sign in. The
 * core refuses what would leave no active administrator, and says so here.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '../../shared/api';
import type { EventPayloads } from '../../shared/api';
import type { OperatorAccount } from '../../shared/contract/session';
import type { VigilClient } from '../transport/client';
import { useClient } from '../transport/use-client';
import { useSyncedState } from '../transport/use-synced-state';
import { formatDateTime } from '../../shared/domain/time/hall-time';
import { useTimeZone } from '../state/use-time-zone';
import { useNotice } from '../common/use-notice';

const loadOperators = (client: VigilClient): Promise<OperatorAccount[]> =>
  client.get('operator.list', {});
const applyOperators = (_: OperatorAccount[], payload: EventPayloads['operators']) =>
  payload.operators;

export function OperatorsPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const client = useClient();
  const accounts = useSyncedState('operators', loadOperators, applyOperators).value ?? [];
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('watcher');
  const [password, setPassword] = useState('');
  const [disabled, setDisabled] = useState(false);
  // When the panel opened: enough to tell a lock that still holds from one that ran out.
  const [openedAt] = useState(() => Date.now());
  // Expires on its own (a "saved" must not greet the next watcher).
  const [notice, setNotice] = useNotice();

  const pick = (account: OperatorAccount): void => {
    setName(account.name);
    setRole(account.role);
    setDisabled(account.disabled);
    setPassword('');
  };
  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await client.call('operator.save', {
      name: name.trim(),
      role,
      disabled,
      ...(password ? { password } : {}),
    });
    if (!result.ok) {
      setNotice({
        text: `${t(`errors.${result.error.code}`)} (${result.error.message})`,
        error: true,
      });
      return;
    }
    setPassword('');
    setNotice({ text: t('session.operators.saved', { name: result.value.name }), error: false });
  };

  return (
    <div className="operators-panel" role="dialog" data-testid="operators-panel">
      <header>
        <h2>{t('session.operators.title')}</h2>
        <button type="button" onClick={onClose} aria-label="×">
          ×
        </button>
      </header>
      <table>
        <thead>
          <tr>
            <th>{t('session.operators.name')}</th>
            <th>{t('session.operators.role')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.name} onClick={() => pick(a)} className={a.disabled ? 'muted' : undefined}>
              <td>{a.name}</td>
              <td>{t(`roles.${a.role}`)}</td>
              <td className="muted">
                {a.disabled ? t('session.operators.disabled') : ''}
                {a.lockedUntil !== null && a.lockedUntil > openedAt
                  ? t('session.operators.locked', { time: formatDateTime(a.lockedUntil, zone) })
                  : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={(e) => void save(e)} data-testid="operator-form">
        <h3>{t('session.operators.add')}</h3>
        <label>
          {t('session.operators.name')}
          <input value={name} maxLength={64} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('session.operators.role')}
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('session.operators.password')}
          <input
            type="password"
            autoComplete="new-password"
            placeholder={t('session.operators.passwordKeep')}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <label>
          <input
            type="checkbox"
            checked={disabled}
            onChange={(e) => setDisabled(e.target.checked)}
          />
          {t('session.operators.disabled')}
        </label>
        <button type="submit" disabled={!name.trim()}>
          {t('session.operators.save')}
        </button>
        {notice && <p className={`notice${notice.error ? ' error' : ''}`}>{notice.text}</p>}
      </form>
    </div>
  );
}
