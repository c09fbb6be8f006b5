import { Route, lazy } from 'preact-iso';

const MyCoupons = lazy(() => import('./MyCoupons').then((m) => m.MyCoupons));

/** My coupon wallet (checkout applies a coupon on its own screen). */
export const couponRoutes = [<Route key="coupons" path="/me/coupons" component={MyCoupons} />];
