package dev.madang.workers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.madang.aws.alerts.CatalogAnnouncements;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Map;

/**
 * EventBridge target of the catalog bus's rule (template.yaml, GenreAlertsFunction): one catalog announcement, fanned
 * out to the genre's followers on the notification queue.
 */
@LogsInvocation
@Named("genreAlerts")
@TouchesTables("AlertsTable")
public class GenreAlertsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final CatalogAnnouncements announcements;

    @Inject
    public GenreAlertsHandler(CatalogAnnouncements announcements) {
        this.announcements = announcements;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Map.of("detailType", String.valueOf(event.get("detail-type")), "told", announcements.handle(event));
    }
}
