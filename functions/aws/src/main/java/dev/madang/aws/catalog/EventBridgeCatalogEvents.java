package dev.madang.aws.catalog;

import dev.madang.aws.support.SqsBatches;
import dev.madang.domain.catalog.CatalogEvents;
import dev.madang.domain.catalog.Performance;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The catalog's announcements as EventBridge events on the catalog bus (source {@value #SOURCE}), in one PutEvents
 * call: {@value #PERFORMANCE_SCHEDULED} {performanceId, genre} and {@value #SALE_OPENING} {performanceId, genre,
 * opensAt}. A rule in template.yaml routes them to the genre alerts (docs/waitlist.md). The round is stored before
 * this runs, so a failure is logged (ids only), not thrown: the organiser's request succeeded, only the followers miss
 * this news.
 */
public final class EventBridgeCatalogEvents implements CatalogEvents {

    public static final String SOURCE = "madang.catalog";
    public static final String PERFORMANCE_SCHEDULED = "Performance Scheduled";
    public static final String SALE_OPENING = "Sale Opening";
    private static final System.Logger LOG = System.getLogger(EventBridgeCatalogEvents.class.getName());

    private final EventBridgeClient events;
    private final String busName;

    public EventBridgeCatalogEvents(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    @Override
    public void performanceScheduled(Performance performance, Instant saleOpensAt) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("performanceId", performance.id());
        detail.put("genre", performance.genre().name());
        String scheduled = SqsBatches.json(detail);
        detail.put("opensAt", saleOpensAt.toString());
        String opening = SqsBatches.json(detail);
        try {
            PutEventsResponse response = events.putEvents(r -> r.entries(
                    entry(PERFORMANCE_SCHEDULED, scheduled), entry(SALE_OPENING, opening)));
            if (response.failedEntryCount() > 0) {
                LOG.log(System.Logger.Level.ERROR, "the catalog bus refused {0} events of performance {1}",
                        response.failedEntryCount(), performance.id());
            }
        } catch (SdkException e) {
            LOG.log(System.Logger.Level.ERROR, "announcing performance " + performance.id() + " on the catalog bus failed",
                    e);
        }
    }

    private PutEventsRequestEntry entry(String detailType, String detail) {
        return PutEventsRequestEntry.builder().eventBusName(busName).source(SOURCE).detailType(detailType)
                .detail(detail).build();
    }
}
