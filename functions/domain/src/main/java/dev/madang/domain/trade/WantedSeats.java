package dev.madang.domain.trade;

import dev.madang.domain.common.Violations;

import java.util.List;

/**
 * Seats a lister or a searcher wants: a whole section, one row of it, or a range of seat numbers in a row (one exact
 * seat is a range of one). The same shape serves a listing's wishes and a search.
 */
public record WantedSeats(String sectionId, String row, Integer fromNumber, Integer toNumber) {

    public static final int MAX_PER_LISTING = 5;
    private static final int MAX_NAME = 20;

    public WantedSeats {
        sectionId = blankToNull(sectionId);
        row = blankToNull(row);
        if (fromNumber != null && toNumber == null) {
            toNumber = fromNumber;
        }
        if (toNumber != null && fromNumber == null) {
            fromNumber = toNumber;
        }
    }

    public boolean matches(ListedSeat seat) {
        return (sectionId == null || sectionId.equals(seat.sectionId()))
                && (row == null || row.equals(seat.row()))
                && (fromNumber == null || (seat.number() >= fromNumber && seat.number() <= toNumber));
    }

    /** Adds what is wrong with this entry under {@code at} ("wanted[0]."): a section is required, numbers need a row. */
    void check(Violations v, String at) {
        v.check(sectionId != null && sectionId.length() <= MAX_NAME, at + "sectionId",
                "is required, at most " + MAX_NAME + " characters");
        v.check(row == null || row.length() <= MAX_NAME, at + "row", "at most " + MAX_NAME + " characters");
        v.check(fromNumber == null || row != null, at + "row", "seat numbers need their row");
        v.check(fromNumber == null || (fromNumber >= 1 && toNumber >= fromNumber && toNumber - fromNumber < 1000),
                at + "fromNumber", "1 or more, and no greater than toNumber");
    }

    static void checkAll(List<WantedSeats> wanted, Violations v) {
        if (wanted == null || wanted.isEmpty() || wanted.size() > MAX_PER_LISTING) {
            v.add("wanted", "1 to " + MAX_PER_LISTING + " wanted seats (a section, a row, or a range of a row)");
            return;
        }
        for (int i = 0; i < wanted.size(); i++) {
            if (wanted.get(i) == null) {
                v.add("wanted[" + i + "]", "is required");
            } else {
                wanted.get(i).check(v, "wanted[" + i + "].");
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
