package dev.madang.workers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.madang.domain.catalog.RefreshingSeatMaps;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Map;

/** EventBridge Scheduler target: rebuilds the seat map snapshots of every round on sale. */
@Named("refreshSeatMaps")
public class RefreshSeatMapsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final RefreshingSeatMaps refreshing;

    @Inject
    public RefreshSeatMapsHandler(RefreshingSeatMaps refreshing) {
        this.refreshing = refreshing;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        RefreshingSeatMaps.Refreshed r = refreshing.refreshRoundsOnSale();
        return Map.of("rounds", r.rounds(), "takenSeats", r.takenSeats());
    }
}
