package dev.madang.api.support;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.madang.aws.catalog.DynamoCatalog;
import dev.madang.aws.order.DynamoOrders;
import dev.madang.domain.booking.HoldingSeats;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.crac.Core;
import org.crac.Resource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;

/**
 * SnapStart priming for the hold and order routes. Lambda takes a function's snapshot after its init phase; what the
 * first request would load, compile a little and connect is paid then, once per published version, instead of by the
 * first fan after every restore. Before the checkpoint (a CRaC hook; Lambda's runtime calls it, and org.crac reaches
 * Lambda's context) this sends the routes named in {@code madang.snapstart.prime} requests that write nothing:
 * <ul>
 *   <li>through the whole HTTP path (the API Gateway event mapping, routing, token checking, the problem writer):
 *       the route with a token that fails verification, answered 401;</li>
 *   <li>through the use cases' DynamoDB path (the SDK's marshalling, signing, HTTP client): reads of items that do
 *       not exist (a round, a fan's hold ledger, an order), so nothing is written and nothing found.</li>
 * </ul>
 * A failed priming is logged and ignored: it makes the first request slower, never wrong. Functions that serve
 * neither route (the template sets the property on the hold and order functions only) prime nothing, so none reads a
 * table its role does not allow.
 */
@ApplicationScoped
public class SnapStartPriming implements Resource {

    private static final Logger LOG = Logger.getLogger(SnapStartPriming.class);
    private static final String NOBODY = "snapstart-priming";

    @ConfigProperty(name = "madang.snapstart.prime", defaultValue = "none")
    Set<String> routes;

    @Inject
    Instance<HoldingSeats> holding;

    @Inject
    Instance<DynamoCatalog> catalog;

    @Inject
    Instance<DynamoOrders> orders;

    void register(@Observes StartupEvent started) {
        if (routes.contains("holds") || routes.contains("orders")) {
            // org.crac keeps resources weakly: this bean (application scoped, so held by the container) stays
            Core.getGlobalContext().register(this);
        }
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: the SDK's HTTP client opens new connections when the snapshot's are gone
    }

    /** Runs the priming requests of the configured routes; answers how many were sent. */
    private int prime() {
        int sent = 0;
        if (routes.contains("holds")) {
            sent += primeHttp("/v1/holds", "{\"roundId\":\"" + NOBODY + "\",\"seatIds\":[\"A-1-1\"]}");
            sent += quietly("hold path reads", () -> {
                catalog.get().rounds().find(NOBODY);
                holding.get().recorded(NOBODY, NOBODY);
            });
        }
        if (routes.contains("orders")) {
            sent += primeHttp("/v1/orders", "{\"holdId\":\"" + NOBODY + "\",\"method\":\"CARD\"}");
            sent += quietly("order path reads", () -> orders.get().byId(NOBODY));
        }
        LOG.infof("SnapStart priming: %d requests for %s", sent, routes);
        return sent;
    }

    private int primeHttp(String path, String body) {
        return quietly("POST " + path, () -> {
            APIGatewayV2HTTPResponse answer = new LambdaHttpHandler().handleRequest(event(path, body), NO_CONTEXT);
            if (answer.getStatusCode() != 401) {
                LOG.warnf("SnapStart priming: POST %s answered %d, not 401", path, answer.getStatusCode());
            }
        });
    }

    private static int quietly(String what, Runnable priming) {
        try {
            priming.run();
            return 1;
        } catch (RuntimeException e) {
            LOG.warnf("SnapStart priming of %s failed (the first request will pay for it): %s", what, e.toString());
            return 0;
        }
    }

    private static APIGatewayV2HTTPEvent event(String path, String body) {
        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod("POST").withPath(path).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1")
                .withUserAgent(NOBODY).build();
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("POST " + path).withRawPath(path)
                .withRawQueryString("")
                .withHeaders(Map.of("content-type", "application/json", "accept", "application/json",
                        "authorization", "Bearer " + NOBODY + "." + NOBODY + "." + NOBODY))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId(NOBODY)
                        .withRouteKey("POST " + path).withStage("$default").withHttp(http).build())
                .withBody(body).withIsBase64Encoded(false).build();
    }

    /** The handler takes a Lambda context but reads nothing of it for these requests: every method answers empty. */
    private static final Context NO_CONTEXT = (Context) Proxy.newProxyInstance(Context.class.getClassLoader(),
            new Class<?>[] {Context.class}, (proxy, method, args) -> method.getReturnType() == int.class ? 0 : null);
}
