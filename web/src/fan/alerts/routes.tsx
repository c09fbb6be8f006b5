import { Route, lazy } from 'preact-iso';

const MyAlerts = lazy(() => import('./MyAlerts').then((m) => m.MyAlerts));

/** My waitlist subscriptions and followed genres (docs/waitlist.md). */
export const alertsRoutes = [<Route key="my-alerts" path="/me/alerts" component={MyAlerts} />];
