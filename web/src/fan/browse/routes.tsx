import { Route, lazy } from 'preact-iso';
import { Home } from './Home';

// Home is the first page most people see, so it is in the main bundle; the rest load when visited.
const PerformancePage = lazy(() => import('./PerformancePage').then((m) => m.PerformancePage));
const SignUp = lazy(() => import('./SignUp').then((m) => m.SignUp));
const LogIn = lazy(() => import('./LogIn').then((m) => m.LogIn));
const SocialCallback = lazy(() => import('./SocialCallback').then((m) => m.SocialCallback));
const MyProfile = lazy(() => import('./MyProfile').then((m) => m.MyProfile));

/** Finding a show, its page, signing up and in, my profile. */
export const browseRoutes = [
  <Route path="/" component={Home} />,
  <Route path="/performances/:performanceId" component={PerformancePage} />,
  <Route path="/signup" component={SignUp} />,
  <Route path="/login" component={LogIn} />,
  <Route path="/auth/callback/:provider" component={SocialCallback} />,
  <Route path="/me" component={MyProfile} />,
];
