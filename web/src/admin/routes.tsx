import { Route, lazy } from 'preact-iso';

const AdminHome = lazy(() => import('./AdminHome').then((m) => m.AdminHome));
const VenueNew = lazy(() => import('./VenueNew').then((m) => m.VenueNew));
const VenueDetail = lazy(() => import('./VenueDetail').then((m) => m.VenueDetail));
const PerformanceNew = lazy(() => import('./PerformanceNew').then((m) => m.PerformanceNew));
const PerformanceDetail = lazy(() => import('./PerformanceDetail').then((m) => m.PerformanceDetail));
const RoundNew = lazy(() => import('./RoundNew').then((m) => m.RoundNew));
const RoundDetail = lazy(() => import('./RoundDetail').then((m) => m.RoundDetail));
const TicketHolders = lazy(() => import('./TicketHolders').then((m) => m.TicketHolders));
const TalkModeration = lazy(() => import('./TalkModeration').then((m) => m.TalkModeration));
const Coupons = lazy(() => import('./Coupons').then((m) => m.Coupons));
const Memberships = lazy(() => import('./Memberships').then((m) => m.Memberships));

/**
 * The organisers' screens, all lazy: a fan never downloads them. The router takes the first match, so each `new`
 * comes before the `:id` it would otherwise be taken for.
 */
export const adminRoutes = [
  <Route path="/admin" component={AdminHome} />,
  <Route path="/admin/venues/new" component={VenueNew} />,
  <Route path="/admin/venues/:venueId" component={VenueDetail} />,
  <Route path="/admin/performances/new" component={PerformanceNew} />,
  <Route path="/admin/performances/:performanceId/rounds/new" component={RoundNew} />,
  <Route path="/admin/performances/:performanceId/talk" component={TalkModeration} />,
  <Route path="/admin/performances/:performanceId" component={PerformanceDetail} />,
  <Route path="/admin/rounds/:roundId" component={RoundDetail} />,
  <Route path="/admin/tickets" component={TicketHolders} />,
  <Route path="/admin/coupons" component={Coupons} />,
  <Route path="/admin/memberships" component={Memberships} />,
  <Route path="/admin/tickets/:ticketId" component={TicketHolders} />,
];
