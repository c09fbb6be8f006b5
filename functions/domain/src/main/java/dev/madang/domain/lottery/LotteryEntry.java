package dev.madang.domain.lottery;

/**
 * One lottery entry (응모) as the draw sees it: who entered (an opaque, pseudonymous id, never an account id, so
 * the published entry list names nobody), the section it asks for, and how many seats the party wants. A party
 * wins or loses as a whole.
 *
 * <p>Entry ids are printable ASCII without spaces so that ordering them (by {@link String#compareTo}, which for
 * ASCII is byte order) and the canonical lines of {@link DrawResult#entriesDigest()} mean the same thing in any
 * language someone uses to re-run a draw.
 */
public record LotteryEntry(String entryId, String sectionId, int partySize) {

    public static final int MAX_ID_LENGTH = 128;

    public LotteryEntry {
        if (entryId == null || entryId.isEmpty() || entryId.length() > MAX_ID_LENGTH
                || !entryId.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new IllegalArgumentException("an entry id is 1-" + MAX_ID_LENGTH
                    + " printable ASCII characters without spaces: " + entryId);
        }
        // The section goes into the digest's tab-separated lines, so it must not contain a separator.
        if (sectionId == null || sectionId.isBlank() || sectionId.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("entry " + entryId + " needs a section id without control characters");
        }
        if (partySize < 1) {
            throw new IllegalArgumentException("entry " + entryId + " asks for " + partySize + " seats");
        }
    }

    /** This entry's line in the entries digest: {@code entryId TAB sectionId TAB partySize LF}. */
    String canonicalLine() {
        return entryId + '\t' + sectionId + '\t' + partySize + '\n';
    }
}
