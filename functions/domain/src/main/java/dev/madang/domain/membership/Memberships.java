package dev.madang.domain.membership;

import java.util.List;
import java.util.Optional;

/** The memberships organisers offer (port). */
public interface Memberships {

    void create(Membership membership);

    Optional<Membership> find(String membershipId);

    /** Every membership on offer, newest first (a few: one per fan club). */
    List<Membership> all();
}
