import { Route, lazy } from 'preact-iso';

// Each screen is its own chunk: a fan paying never downloads the lottery, a fan at the door only the QR screen.
const Checkout = lazy(() => import('./Checkout').then((m) => m.Checkout));
const CheckoutSuccess = lazy(() => import('./CheckoutResult').then((m) => m.CheckoutSuccess));
const CheckoutFail = lazy(() => import('./CheckoutResult').then((m) => m.CheckoutFail));
const MyBookings = lazy(() => import('./MyBookings').then((m) => m.MyBookings));
const OrderDetail = lazy(() => import('./OrderDetail').then((m) => m.OrderDetail));
const MyTickets = lazy(() => import('./MyTickets').then((m) => m.MyTickets));
const TicketCode = lazy(() => import('./TicketCode').then((m) => m.TicketCode));
const RoundLottery = lazy(() => import('./Lottery').then((m) => m.RoundLottery));
const MyLottery = lazy(() => import('./Lottery').then((m) => m.MyLottery));

/** Paying for a hold, orders, tickets and their codes, cancelling, lottery entries. */
export const bookingRoutes = [
  // the two fixed checkout paths before /checkout/:holdId, which would match them too
  <Route key="checkout-success" path="/checkout/success" component={CheckoutSuccess} />,
  <Route key="checkout-fail" path="/checkout/fail" component={CheckoutFail} />,
  <Route key="checkout" path="/checkout/:holdId" component={Checkout} />,
  <Route key="bookings" path="/me/bookings" component={MyBookings} />,
  <Route key="order" path="/orders/:orderId" component={OrderDetail} />,
  <Route key="tickets" path="/me/tickets" component={MyTickets} />,
  <Route key="ticket" path="/tickets/:ticketId" component={TicketCode} />,
  <Route key="lottery" path="/rounds/:roundId/lottery" component={RoundLottery} />,
  <Route key="my-lottery" path="/me/lottery" component={MyLottery} />,
];
