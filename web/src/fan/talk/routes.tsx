import { Route, lazy } from 'preact-iso';

const TalkRoom = lazy(() => import('./TalkRoom').then((m) => m.TalkRoom));

/** A performance's fan room (docs/community.md). */
export const talkRoutes = [<Route key="talk" path="/performances/:performanceId/talk" component={TalkRoom} />];
