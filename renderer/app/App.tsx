import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DeskView } from '../desk/DeskView';
import { SignInGate } from '../desk/SignIn';
import type { VigilClient } from '../transport/client';
import { ClientContext } from '../transport/client-context';
import { WallView } from '../wall/WallView';
import type { Route } from './route';

export function App({ route, client }: { route: Route; client: VigilClient }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title =
      route.window === 'wall'
        ? `${t('app.name')} · ${t('walls.wall', { id: route.wallId })}`
        : `${t('app.name')} · ${t('app.subtitle')}`;
  }, [route, t]);
  return (
    <ClientContext value={client}>
      {route.window === 'wall' ? (
        <WallView wallId={route.wallId} />
      ) : (
        <SignInGate>
          <DeskView />
        </SignInGate>
      )}
    </ClientContext>
  );
}
