import { Route, lazy } from 'preact-iso';

// Only fans of a round with a room on come here: its own chunk, puzzle included.
const WaitingRoom = lazy(() => import('./WaitingRoom').then((m) => m.WaitingRoom));

/** A round's waiting room (대기열): the puzzle, the line, the admission that lets one book. */
export const roomRoutes = [<Route key="waiting-room" path="/rounds/:roundId/waiting-room" component={WaitingRoom} />];
