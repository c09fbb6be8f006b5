import { Route } from 'preact-iso';
import { Home } from './Home';

/** The fans' screens. Heavy screens are lazy (preact-iso `lazy`) so the first page stays small. */
export const fanRoutes = [<Route path="/" component={Home} />];
