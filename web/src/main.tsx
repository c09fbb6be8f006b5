import { render } from 'preact';
import { ErrorBoundary, LocationProvider, Router, Route } from 'preact-iso';
import { loadConfig } from './config';
import { Shell } from './ui/Shell';
import { fanRoutes } from './fan/routes';
import { adminRoutes } from './admin/routes';
import { Page } from './ui/parts';
import { t } from './i18n';
import './styles.css';

function NotFound() {
  return <Page title={t('common.notFound')}>{null}</Page>;
}

function App() {
  return (
    <LocationProvider>
      <Shell>
        <ErrorBoundary>
          <Router>
            {fanRoutes}
            {adminRoutes}
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </Shell>
    </LocationProvider>
  );
}

loadConfig().then(() => render(<App />, document.getElementById('app')!));
