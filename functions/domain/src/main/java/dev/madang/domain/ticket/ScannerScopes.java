package dev.madang.domain.ticket;

import java.util.Set;

/** The rounds each scanner account may check tickets in for; set by an admin when the scanner is made. */
public interface ScannerScopes {

    void assign(String scannerId, Set<String> roundIds);

    /** Empty for an account that is no scanner. */
    Set<String> roundsOf(String scannerId);
}
