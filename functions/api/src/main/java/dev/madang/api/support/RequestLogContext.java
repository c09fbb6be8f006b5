package dev.madang.api.support;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.madang.aws.metrics.EmbeddedMetricFormat;
import dev.madang.aws.support.LogFields;
import dev.madang.domain.common.BusinessMetrics;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.UUID;

/**
 * What the operators see of each request (docs/operations.md): every log line written while it is handled carries
 * its request id ({@code requestId}) and, once the caller's token is verified, the fan's pseudonymous account id
 * ({@code fanId}, see {@link Caller#subject}); and the process's business metrics go out as CloudWatch Embedded
 * Metric Format lines.
 *
 * <p>The MDC lives in the request's Vert.x context, so it follows the request onto the worker thread that runs the
 * resource and ends with it.
 */
public class RequestLogContext {

    private static final Logger LOG = Logger.getLogger(RequestLogContext.class);
    private static final String STARTED = RequestLogContext.class.getName() + ".started";

    void emitMetrics(@Observes StartupEvent start) {
        BusinessMetrics.install(EmbeddedMetricFormat.onStdout());
    }

    /** API Gateway's id of the request (what its access log and X-Ray show), or a fresh one outside API Gateway. */
    @ServerRequestFilter(preMatching = true)
    public void tagRequest(ContainerRequestContext context, HttpServerRequest request) {
        context.setProperty(STARTED, System.nanoTime());
        String gatewayId = null;
        if (request.headers() instanceof QuarkusHttpHeaders lambda
                && lambda.getContextObjects().get(APIGatewayV2HTTPEvent.class) instanceof APIGatewayV2HTTPEvent event
                && event.getRequestContext() != null) {
            gatewayId = event.getRequestContext().getRequestId();
        }
        boolean fromGateway = gatewayId != null && !gatewayId.isBlank();
        MDC.put(LogFields.REQUEST_ID, fromGateway ? gatewayId : UUID.randomUUID().toString());
        MDC.remove(LogFields.FAN_ID);
    }

    /**
     * One line per request, so that every request leaves a trace with its ids even when nothing else is logged. The
     * path holds ids only (never personal data: docs/api.md puts none in paths); the query string is left out.
     */
    @ServerResponseFilter
    public void logAnswer(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        long millis = started instanceof Long nanos ? (System.nanoTime() - nanos) / 1_000_000 : -1;
        LOG.infof("%s %s answered %d in %d ms", request.getMethod(), request.getUriInfo().getPath(),
                response.getStatus(), millis);
    }
}
