import { Route } from 'preact-iso';
import { Home } from './Home';

/** Finding a show, its page, signing up and in, my profile. */
export const browseRoutes = [<Route path="/" component={Home} />];
