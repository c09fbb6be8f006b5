package dev.madang.domain.catalog;

import java.util.Optional;

public interface SeatMapSnapshots {

    Optional<SeatMapSnapshot> find(String roundId);

    void save(SeatMapSnapshot snapshot);
}
