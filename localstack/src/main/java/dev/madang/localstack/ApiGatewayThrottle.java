package dev.madang.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.madang.localstack.SamTemplate.HttpApiEvent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for an HTTP API's stage throttling: an HTTP front on a loopback port that matches each request to the
 * template's route keys ({@code POST /v1/holds}, {@code GET /v1/rounds/{roundId}/seats}), takes a token from that
 * route's bucket and forwards the request to the API (locally the Quarkus app), or answers 429
 * {@code {"message":"Too Many Requests"}} as API Gateway does when the bucket is empty.
 *
 * <p>Each route key has its own token bucket, filled from the HTTP API's {@code StageName}-level settings:
 * {@code RouteSettings} for the route when it names it, else {@code DefaultRouteSettings}. The bucket holds
 * {@code ThrottlingBurstLimit} tokens and refills {@code ThrottlingRateLimit} tokens a second, as API Gateway's
 * token bucket does. A local machine serves about two orders of magnitude less than Lambda behind API Gateway, so
 * both figures are multiplied by a scale factor ({@value #SCALE_PROPERTY}, default 1): at 0.01 a route allowed
 * 3,000 requests a second answers 429 above 30 a second here.
 *
 * <p>A request that matches no route is answered 404 {@code {"message":"Not Found"}}, as the HTTP API does; the
 * API unreachable is answered 500 {@code {"message":"Internal Server Error"}}, API Gateway's answer to an
 * integration failure.
 *
 * <h2>Not imitated</h2>
 * The account-level and Region-level quotas (10,000 requests a second across every API by default), usage plans
 * (REST APIs only), the JWT authorizer (the API checks tokens itself locally), CORS preflight answers, the
 * 30-second integration timeout, and the fact that API Gateway's buckets are per node and only approximately
 * shared (it lets slightly more through than the figures under a rush). See {@code localstack/README.md}.
 */
public final class ApiGatewayThrottle implements AutoCloseable {

    /** The system property multiplying every burst and rate limit (default {@code 1}). */
    public static final String SCALE_PROPERTY = "madang.throttle.scale";
    /** API Gateway's body for a throttled request. */
    public static final String TOO_MANY_REQUESTS = "{\"message\":\"Too Many Requests\"}";

    private static final String NOT_FOUND = "{\"message\":\"Not Found\"}";
    private static final String INTEGRATION_FAILED = "{\"message\":\"Internal Server Error\"}";

    /** A route's limits as the template writes them (before scaling). */
    public record Limits(double burst, double ratePerSecond) {
    }

    /** One route of the API: its key, the pattern its path matches, its bucket. */
    private record Route(String key, String method, String[] segments, TokenBucket bucket) {

        /** Literal segments first: API Gateway prefers the most specific route ({@code /me} over {@code /{id}}). */
        int literalSegments() {
            int n = 0;
            for (String s : segments) {
                n += s.startsWith("{") ? 0 : 1;
            }
            return n;
        }

        boolean matches(String requestMethod, String[] path) {
            if (!method.equals("ANY") && !method.equals(requestMethod)) {
                return false;
            }
            for (int i = 0; i < segments.length; i++) {
                String s = segments[i];
                if (s.endsWith("+}")) {
                    return path.length > i; // a greedy variable takes the rest, at least one segment
                }
                if (i >= path.length || !s.startsWith("{") && !s.equals(path[i]) || path[i].isEmpty()) {
                    return false;
                }
            }
            return path.length == segments.length;
        }
    }

    /** API Gateway's token bucket: {@code capacity} tokens at most, {@code refillPerSecond} added a second. */
    static final class TokenBucket {
        private final double capacity;
        private final double refillPerNano;
        private double tokens;
        private long refilledAt;

        TokenBucket(double capacity, double refillPerSecond) {
            this.capacity = capacity;
            this.refillPerNano = refillPerSecond / 1e9;
            this.tokens = capacity;
            this.refilledAt = System.nanoTime();
        }

        synchronized boolean take() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - refilledAt) * refillPerNano);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI integration;
    private final List<Route> routes;
    private final Map<String, Limits> limits;
    private final double scale;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> forwarded = new ConcurrentHashMap<>();

    private ApiGatewayThrottle(HttpServer server, ExecutorService executor, URI integration, List<Route> routes,
                               Map<String, Limits> limits, double scale) {
        this.server = server;
        this.executor = executor;
        this.integration = integration;
        this.routes = routes;
        this.limits = limits;
        this.scale = scale;
    }

    /** The scale factor of {@value #SCALE_PROPERTY}, 1 when unset. */
    public static double scaleFromSystemProperty() {
        double scale = Double.parseDouble(System.getProperty(SCALE_PROPERTY, "1"));
        if (!(scale > 0)) {
            throw new IllegalArgumentException(SCALE_PROPERTY + " must be above 0, was " + scale);
        }
        return scale;
    }

    /**
     * The route keys of the HTTP API {@code apiLogicalId} and their limits, as the template writes them: the
     * stage's {@code RouteSettings} for the route, else its {@code DefaultRouteSettings}.
     *
     * @throws IllegalArgumentException if the API has no {@code DefaultRouteSettings} throttling (nothing to apply)
     */
    public static Map<String, Limits> limits(SamTemplate template, String apiLogicalId) {
        Map<String, Object> properties = template.resource(apiLogicalId)
                .orElseThrow(() -> new IllegalArgumentException("no resource " + apiLogicalId)).properties();
        Limits defaults = limitsOf(properties.get("DefaultRouteSettings"));
        if (defaults == null) {
            throw new IllegalArgumentException(apiLogicalId + " has no DefaultRouteSettings throttling");
        }
        Map<?, ?> perRoute = properties.get("RouteSettings") instanceof Map<?, ?> m ? m : Map.of();
        Map<String, Limits> out = new LinkedHashMap<>();
        for (HttpApiEvent event : template.httpApiEvents()) {
            if (event.apiId().equals(apiLogicalId)) {
                Limits own = limitsOf(perRoute.get(event.routeKey()));
                out.put(event.routeKey(), own != null ? own : defaults);
            }
        }
        for (Object key : perRoute.keySet()) {
            if (!out.containsKey(String.valueOf(key))) {
                throw new IllegalArgumentException("RouteSettings of " + apiLogicalId + " names " + key
                        + ", which is no route of it (CloudFormation refuses it)");
            }
        }
        return out;
    }

    private static Limits limitsOf(Object settings) {
        if (!(settings instanceof Map<?, ?> m) || m.get("ThrottlingBurstLimit") == null) {
            return null;
        }
        return new Limits(Double.parseDouble(String.valueOf(m.get("ThrottlingBurstLimit"))),
                Double.parseDouble(String.valueOf(m.get("ThrottlingRateLimit"))));
    }

    /**
     * Starts throttling the routes of {@code apiLogicalId} in front of {@code integration}.
     *
     * @param scale multiplies every burst and rate limit (see {@link #scaleFromSystemProperty()})
     * @param port  a loopback port, 0 for any free one
     */
    public static ApiGatewayThrottle start(SamTemplate template, String apiLogicalId, URI integration, double scale,
                                           int port) {
        Objects.requireNonNull(integration, "integration");
        Map<String, Limits> limits = limits(template, apiLogicalId);
        List<Route> routes = new ArrayList<>();
        limits.forEach((key, l) -> {
            String[] methodAndPath = key.split(" ", 2);
            routes.add(new Route(key, methodAndPath[0], segments(methodAndPath[1]),
                    new TokenBucket(l.burst() * scale, l.ratePerSecond() * scale)));
        });
        routes.sort(Comparator.comparingInt(Route::literalSegments).reversed()
                .thenComparing(r -> r.method().equals("ANY")));
        HttpServer server = LoopbackServers.listen("API Gateway throttle", port);
        ExecutorService executor = LoopbackServers.daemonThreads("apigw-throttle");
        ApiGatewayThrottle throttle = new ApiGatewayThrottle(server, executor, integration, List.copyOf(routes),
                Map.copyOf(limits), scale);
        LoopbackServers.serve(server, executor, throttle::handle);
        return throttle;
    }

    private static String[] segments(String path) {
        return (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
    }

    /** Where clients connect, e.g. {@code http://127.0.0.1:8091}. */
    public URI endpoint() {
        return LoopbackServers.endpoint(server);
    }

    public double scale() {
        return scale;
    }

    /** The limits of a route key as written in the template (before scaling). */
    public Limits limitsOf(String routeKey) {
        Limits l = limits.get(routeKey);
        if (l == null) {
            throw new IllegalArgumentException("no route " + routeKey);
        }
        return l;
    }

    /** Requests answered 429, by route key. */
    public Map<String, Integer> throttledCounts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        throttled.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Requests forwarded to the API, by route key. */
    public Map<String, Integer> forwardedCounts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        forwarded.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            Route route = route(method, exchange.getRequestURI().getRawPath());
            if (route == null) {
                answer(exchange, 404, NOT_FOUND);
            } else if (!route.bucket().take()) {
                throttled.computeIfAbsent(route.key(), k -> new AtomicInteger()).incrementAndGet();
                answer(exchange, 429, TOO_MANY_REQUESTS);
            } else {
                forwarded.computeIfAbsent(route.key(), k -> new AtomicInteger()).incrementAndGet();
                forward(exchange, method);
            }
        }
    }

    private Route route(String method, String rawPath) {
        String[] path = segments(rawPath);
        for (Route r : routes) {
            if (r.matches(method, path)) {
                return r;
            }
        }
        return null;
    }

    private void forward(HttpExchange exchange, String method) throws IOException {
        URI viewer = exchange.getRequestURI();
        String target = integration.toString().replaceAll("/$", "") + viewer.getRawPath()
                + (viewer.getRawQuery() == null ? "" : "?" + viewer.getRawQuery());
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!CloudFrontStandIn.HOP_BY_HOP.contains(lower) && !CloudFrontStandIn.CLIENT_SET.contains(lower)) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            answer(exchange, 500, INTEGRATION_FAILED);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer(exchange, 500, INTEGRATION_FAILED);
            return;
        }
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!CloudFrontStandIn.HOP_BY_HOP.contains(lower) && !lower.equals("content-length")
                    && !lower.equals(":status")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        long length = response.headers().firstValueAsLong("content-length").orElse(-1);
        boolean noBody = method.equals("HEAD") || response.statusCode() == 204 || response.statusCode() == 304;
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : length == 0 ? -1 : length < 0 ? 0 : length);
        try (InputStream in = response.body(); OutputStream out = exchange.getResponseBody()) {
            if (!noBody) {
                in.transferTo(out);
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops serving. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
