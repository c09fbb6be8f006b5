import { Route, lazy } from 'preact-iso';

const Memberships = lazy(() => import('./Memberships').then((m) => m.Memberships));

/** Memberships: on offer, mine, joining and cancelling. */
export const membershipRoutes = [<Route key="memberships" path="/memberships" component={Memberships} />];
