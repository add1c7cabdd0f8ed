import { useTranslation } from 'react-i18next';
import type { Camera, LinkState, OutboxStatus } from '../../shared/api';
import { setLanguage } from '../i18n/i18n';
import { isLanguage, otherLanguage } from '../i18n/language';
import type { ConnectionState } from '../transport/connection';
import { LinkBadge } from './LinkBadge';
import { OutboxRefused } from './OutboxRefused';
import { SessionBadge } from './SignIn';

export interface DeskHeaderProps {
  link: LinkState | undefined;
  connection: ConnectionState;
  outbox: OutboxStatus | undefined;
  /** The catalog's cameras, to name them in the list of refused actions. */
  cameras?: ReadonlyMap<string, Camera>;
}

export function DeskHeader({ link, connection, outbox, cameras }: DeskHeaderProps) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'en';
  const pending = outbox?.pending ?? 0;
  const connectionClass =
    connection === 'connected' ? 'online' : connection === 'reconnecting' ? 'offline' : 'degraded';
  return (
    <header className="desk-header">
      <span className="app-name">{t('app.name')}</span>
      <span className="muted">{t('app.subtitle')}</span>
      <LinkBadge link={link} />
      <span
        className={`badge ${connectionClass}`}
        data-testid="connection-state"
        data-state={connection}
        role="status"
      >
        <span className={`dot ${connectionClass}`} aria-hidden="true" />
        {t(`connection.${connection}`)}
      </span>
      <span
        className={`badge${pending > 0 ? ' pending' : ''}`}
        data-testid="outbox-pending"
        data-pending={pending}
        title={outbox?.lastError ? t('outbox.lastError', { message: outbox.lastError }) : undefined}
      >
        {pending > 0 ? t('outbox.pending', { count: pending }) : t('outbox.clear')}
      </span>
      <OutboxRefused outbox={outbox} cameras={cameras} />
      <span className="spacer" />
      <SessionBadge />
      <button
        type="button"
        data-testid="language-switch"
        title={t('app.language')}
        lang={otherLanguage(language)}
        onClick={() => setLanguage(i18n, otherLanguage(language))}
      >
        {t('app.switchTo')}
      </button>
    </header>
  );
}
