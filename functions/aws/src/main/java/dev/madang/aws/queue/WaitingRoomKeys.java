package dev.madang.aws.queue;

/**
 * The partition keys of the waiting room's items, as {@link DynamoWaitingRooms} writes them (every item's sort key is
 * fixed per pattern: {@code SETTINGS}, {@code P}, {@code A}, {@code TOTAL}, or the ad id). Public so that a model of
 * the opening can charge its writes to the very keys the adapter uses.
 */
public final class WaitingRoomKeys {

    /** Arrivals are counted per window of this many seconds, one item per window per shard (an attribute a second). */
    public static final int WINDOW_SECONDS = 10;

    private WaitingRoomKeys() {
    }

    /** The room's settings, in the catalog table beside the round. */
    public static String room(String roundId) {
        return "WAITROOM#" + roundId;
    }

    /** A fan's place: one item per person and round. */
    public static String place(String roundId, String userId) {
        return "PLACE#" + roundId + "#" + userId;
    }

    /** The window a second's arrivals are counted in. */
    public static long window(long second) {
        return Math.floorDiv(second, WINDOW_SECONDS);
    }

    /** The attribute of a shard item that holds the arrivals of this second ({@code s0}..{@code s9}). */
    public static String secondAttribute(long second) {
        return "s" + Math.floorMod(second, WINDOW_SECONDS);
    }

    /** One shard of a window's arrival counts. */
    public static String shard(String roundId, long window, int shard) {
        return "ARRIVALS#" + roundId + "#" + window + "#" + shard;
    }

    /** A settled window's totals, rolled up once. */
    public static String total(String roundId, long window) {
        return "ARRIVALS#" + roundId + "#" + window;
    }

    /** A round's ad impressions (one item per ad under it). */
    public static String impressions(String roundId) {
        return "IMPRESSIONS#" + roundId;
    }
}
