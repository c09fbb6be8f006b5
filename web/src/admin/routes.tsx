import { Route, lazy } from 'preact-iso';

const AdminHome = lazy(() => import('./AdminHome').then((m) => m.AdminHome));

/** The organisers' screens, all lazy: a fan never downloads them. */
export const adminRoutes = [<Route path="/admin" component={AdminHome} />];
