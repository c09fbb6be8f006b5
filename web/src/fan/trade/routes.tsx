import { Route, lazy } from 'preact-iso';

// Each screen is its own chunk, fetched when visited: most fans never trade a ticket.
const ListTicket = lazy(() => import('./ListTicket').then((m) => m.ListTicket));
const TradeBoard = lazy(() => import('./Board').then((m) => m.TradeBoard));
const MyListings = lazy(() => import('./MyListings').then((m) => m.MyListings));
const MyRequests = lazy(() => import('./MyRequests').then((m) => m.MyRequests));
const TransferCheckout = lazy(() => import('./TransferCheckout').then((m) => m.TransferCheckout));

/** Exchanging and transferring tickets (양도·교환): listing one, a round's board, my listings and requests, paying. */
export const tradeRoutes = [
  <Route key="list-ticket" path="/tickets/:ticketId/listing" component={ListTicket} />,
  <Route key="trade-board" path="/rounds/:roundId/listings" component={TradeBoard} />,
  <Route key="my-listings" path="/me/listings" component={MyListings} />,
  <Route key="my-trade-requests" path="/me/trade-requests" component={MyRequests} />,
  <Route key="transfer-pay" path="/listings/:listingId/requests/:requestId/pay" component={TransferCheckout} />,
];
