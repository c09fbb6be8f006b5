package dev.madang.domain.lottery;

/**
 * Where a fan's lottery entry stands. Entering makes it {@link #ENTERED}; the others belong to the draw workflow,
 * which is not built yet (docs/architecture.md §4.2): {@link #WON} (seats offered, payable until the lottery's
 * payment deadline), {@link #LOST}, {@link #WON_EXPIRED} (won but not paid in time; the seats go to a redraw) and
 * {@link #PAID}.
 */
public enum EntryState { ENTERED, WON, LOST, WON_EXPIRED, PAID }
