package dev.madang.domain.membership;

import java.util.List;
import java.util.Optional;

/** Fans' memberships (port). */
public interface MemberCards {

    Optional<MemberCard> find(String userId, String membershipId);

    /** The fan's cards, running or lapsed (what a token names is decided by the caller, at its time). */
    List<MemberCard> ofUser(String userId);

    /**
     * Stores {@code next} if the fan's card is still {@code previous} (null: the fan had none): false, nothing written,
     * when it changed meanwhile (the caller reads and decides again).
     */
    boolean replace(MemberCard previous, MemberCard next);
}
