/** The platform link in words and colour, with what is wrong and where the catalog came from. */
import { useTranslation } from 'react-i18next';
import type { LinkState } from '../../shared/api';

export function LinkBadge({ link }: { link: LinkState | undefined }) {
  const { t, i18n } = useTranslation();
  if (!link) {
    return (
      <span className="badge" data-testid="link-state" data-state="unknown">
        <span className="dot" aria-hidden="true" />
        {t('link.unknown')}
      </span>
    );
  }
  const since = new Date(link.since).toLocaleTimeString(i18n.language, { hour12: false });
  const parts = [
    link.detail,
    link.catalogSource !== 'platform' ? t(`catalogSource.${link.catalogSource}`) : null,
  ].filter((p): p is string => Boolean(p));
  return (
    <span
      className={`badge ${link.state}`}
      data-testid="link-state"
      data-state={link.state}
      title={`${t('link.label')}: ${t(`link.${link.state}`)} ${t('link.since', { time: since })}${
        parts.length ? ` · ${parts.join(' · ')}` : ''
      }`}
    >
      <span className={`dot ${link.state}`} aria-hidden="true" />
      {t(`link.${link.state}`)}
      {parts.length > 0 && <span className="detail">{parts.join(' · ')}</span>}
    </span>
  );
}
