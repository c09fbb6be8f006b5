import { Route, lazy } from 'preact-iso';

const Inbox = lazy(() => import('./Inbox').then((m) => m.Inbox));

/** My inbox: the notifications the system sent me (also by e-mail). */
export const inboxRoutes = [<Route key="inbox" path="/me/inbox" component={Inbox} />];
