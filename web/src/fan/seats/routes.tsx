import { Route, lazy } from 'preact-iso';

// The seat map's canvas code is heavy: its own chunk, fetched only when a round's seats are opened.
const RoundSeats = lazy(() => import('./RoundSeats').then((m) => m.RoundSeats));

/** Choosing seats of a round, on the map or by best available. */
export const seatsRoutes = [<Route path="/rounds/:roundId" component={RoundSeats} />];
