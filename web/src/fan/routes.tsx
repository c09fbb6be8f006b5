import { browseRoutes } from './browse/routes';
import { bookingRoutes } from './booking/routes';
import { seatsRoutes } from './seats/routes';
import { tradeRoutes } from './trade/routes';
import { roomRoutes } from './room/routes';
import { inboxRoutes } from './inbox/routes';
import { alertsRoutes } from './alerts/routes';
import { talkRoutes } from './talk/routes';
import { couponRoutes } from './coupons/routes';
import { membershipRoutes } from './membership/routes';

/** The fans' screens, one list per area. Heavy screens are lazy (preact-iso `lazy`) so the first page stays small. */
export const fanRoutes = [
  ...browseRoutes,
  ...roomRoutes,
  ...seatsRoutes,
  ...bookingRoutes,
  ...tradeRoutes,
  ...inboxRoutes,
  ...alertsRoutes,
  ...talkRoutes,
  ...couponRoutes,
  ...membershipRoutes,
];
