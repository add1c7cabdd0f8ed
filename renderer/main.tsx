/**
 * Entry of every window: decides desk or wall from the location, picks the transport (Electron's
 * `window.vigil` or the browser host's WebSocket), sets up i18n, and renders.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { parseRoute } from './app/route';
import { applyConfiguredLanguage, initI18n } from './i18n/i18n';
import { createClient } from './transport/client';
import { stationInfo } from './state/use-station-info';
import './styles/theme.css';
import './styles/desk.css';
import './styles/session.css';
import './styles/wall.css';
import './styles/wall-layouts.css';

const route = parseRoute(window.location);
const i18n = initI18n();
const client = createClient({ location: window.location, route, vigil: window.vigil });
// The station's configured language (vigil.config.json `locale`), unless the operator chose one.
void stationInfo(client).then((info) => {
  if (info) applyConfiguredLanguage(i18n, info.locale);
});
window.addEventListener('pagehide', () => client.close());
// Back from the back/forward cache the socket is closed for good: start the page afresh.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) window.location.reload();
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
document.body.dataset.window = route.window;
createRoot(root).render(
  <StrictMode>
    <App route={route} client={client} />
  </StrictMode>,
);
