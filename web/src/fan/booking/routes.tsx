/** Paying for a hold, orders, tickets and their codes, cancelling, lottery entries. */
export const bookingRoutes = [];
