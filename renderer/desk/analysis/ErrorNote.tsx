/** A method's failure in words: "not available from the station yet" while the core lacks it. */
import { useTranslation } from 'react-i18next';
import type { VigilErrorData } from '../../../shared/result';

export function ErrorNote({
  error,
  what,
  testId,
  className = 'analysis-unavailable',
}: {
  error: VigilErrorData;
  what: string;
  testId?: string;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className={className} role="status" data-testid={testId}>
      {error.code === 'unavailable'
        ? t('analysis.unavailable', { message: error.message })
        : t('analysis.failed', {
            what,
            message: `${t(`errors.${error.code}`)} (${error.message})`,
          })}
    </div>
  );
}
