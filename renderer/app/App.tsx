import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DeskView } from '../desk/DeskView';
import { SignInGate } from '../desk/SignIn';
import type { VigilClient } from '../transport/client';
import { ClientContext } from '../transport/client-context';
import { WallView } from '../wall/WallView';
import type { Route } from './route';

// The weekly report page (and its charts) loads only when asked for.
const ReportPage = lazy(() =>
  import('../desk/health/ReportPage').then((m) => ({ default: m.ReportPage })),
);
// An analysis product's printable page (issue #17), likewise.
const ProductPage = lazy(() =>
  import('../desk/analysis/ProductPage').then((m) => ({ default: m.ProductPage })),
);

export function App({ route, client }: { route: Route; client: VigilClient }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title =
      route.window === 'wall'
        ? `${t('app.name')} · ${t('walls.wall', { id: route.wallId })}`
        : route.view === 'report'
          ? `${t('app.name')} · ${t('health.report.title')}`
          : route.view === 'product'
            ? `${t('app.name')} · ${t('analysis.title')}`
            : `${t('app.name')} · ${t('app.subtitle')}`;
  }, [route, t]);
  return (
    <ClientContext value={client}>
      {route.window === 'wall' ? (
        <WallView wallId={route.wallId} />
      ) : (
        <SignInGate>
          {route.view === 'report' ? (
            <Suspense fallback={null}>
              <ReportPage />
            </Suspense>
          ) : route.view === 'product' ? (
            <Suspense fallback={null}>
              <ProductPage />
            </Suspense>
          ) : (
            <DeskView />
          )}
        </SignInGate>
      )}
    </ClientContext>
  );
}
