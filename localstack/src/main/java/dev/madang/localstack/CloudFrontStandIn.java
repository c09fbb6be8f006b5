package dev.madang.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.madang.localstack.CloudFrontDistribution.Behavior;
import dev.madang.localstack.CloudFrontDistribution.CachePolicy;
import dev.madang.localstack.CloudFrontDistribution.Origin;
import dev.madang.localstack.CloudFrontFunctions.FunctionFailure;
import dev.madang.localstack.CloudFrontFunctions.Outcome;
import dev.madang.localstack.CloudFrontFunctions.ViewerRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * A stand-in for an Amazon CloudFront distribution of the template, so that the web client is served locally as it
 * is deployed: its files from the bucket, its API calls to the API, on one origin (no CORS), through the template's
 * own cache behaviors. A JDK {@link HttpServer} on a loopback port speaking plain HTTP, with one edge location's cache.
 *
 * <h2>What it does with a request</h2>
 * <ol>
 *   <li>Picks the cache behavior as CloudFront does: the first of {@code CacheBehaviors} whose {@code PathPattern}
 *       matches the path ({@code *} any characters, {@code ?} one, case-sensitive), else the default behavior. A
 *       method outside the behavior's {@code AllowedMethods} is answered 403.</li>
 *   <li>{@code DefaultRootObject} for {@code /}.</li>
 *   <li>Runs the behavior's viewer-request CloudFront Function: the template's {@code FunctionCode}, executed by
 *       Node.js ({@link CloudFrontFunctions}); the function may change the URI, query string and headers, or answer
 *       itself. A failing function is answered 503, as CloudFront does.</li>
 *   <li>Asks the behavior's origin. An S3 origin (a bucket domain name such as
 *       {@code !GetAtt WebBucket.RegionalDomainName}) is read from the {@link S3StandIn}; a key that is not there is
 *       answered 403 {@code AccessDenied}, which is what S3 answers CloudFront through origin access control
 *       without {@code s3:ListBucket}. A custom origin is asked over HTTP at the base URL given for its origin id
 *       (locally the API), with the method, path, body, and the headers, cookies and query strings that the
 *       behavior's cache policy and origin request policy forward (managed policies by their published ids, the
 *       template's own as written), plus {@code X-Forwarded-For}; hop-by-hop headers and {@code Host} are not
 *       forwarded. Its answer is streamed back untouched, errors included. 502 if the origin cannot be reached,
 *       504 if it does not answer within {@code OriginReadTimeout}.</li>
 *   <li>Keeps a GET's answer at the edge when the behavior's cache policy has a maximum TTL above 0: a 200 for the
 *       origin's {@code s-maxage} or {@code max-age} held between the policy's minimum and maximum TTL (its default TTL
 *       when the origin names neither, its minimum for {@code no-store}, {@code no-cache} or {@code private}), by the
 *       policy's cache key (path, the query strings, headers and cookies it names, the normalised encoding). While
 *       fresh, viewers get the copy ({@code X-Cache: Hit from cloudfront}, {@code Age}); viewers asking while the
 *       origin is being asked wait for that one answer (request collapsing).</li>
 *   <li>Answers a GET or HEAD with 304 when {@code If-None-Match} matches the answer's {@code ETag} (or, without it,
 *       {@code If-Modified-Since} is not before its {@code Last-Modified}), as an edge answers from its cache.</li>
 *   <li>Compresses as CloudFront does when the behavior has {@code Compress: true} and its cache policy enables gzip:
 *       the viewer accepts gzip, the answer is 200, 403 or 404 to a GET, has no {@code Content-Encoding}, a
 *       {@code Content-Length} from 1,000 to 10,000,000 bytes and one of the content types CloudFront compresses
 *       ({@link #COMPRESSIBLE_TYPES}); then it is sent gzipped with {@code Content-Encoding: gzip},
 *       {@code Vary: Accept-Encoding} and its {@code ETag} made weak.</li>
 * </ol>
 * Answers carry {@code Via}, {@code X-Cache} ({@code Miss from cloudfront}, {@code Error from cloudfront},
 * {@code FunctionGeneratedResponse from cloudfront}) and {@code X-Amz-Cf-Id}.
 *
 * <h2>Not imitated</h2>
 * More than one edge location (one cache for every viewer), revalidating an expired copy with the origin (it is
 * fetched again whole), invalidations, Origin Shield, brotli (the JDK has no encoder: a viewer accepting only
 * {@code br} gets the uncompressed answer), HTTPS and the viewer protocol policy, origin access control's signing
 * and the bucket policy (the S3 stand-in checks nothing), response headers policies, the
 * {@code CloudFront-Viewer-*} headers, CloudFront's limits on functions. Lambda@Edge, viewer-response functions,
 * custom error responses, origin groups and signed URLs are refused when the distribution is read. See
 * {@link #notApplied()} and {@code localstack/README.md}.
 */
public final class CloudFrontStandIn implements AutoCloseable {

    /** The content types CloudFront compresses (its documented list). */
    public static final Set<String> COMPRESSIBLE_TYPES = Set.of("application/dash+xml", "application/eot",
            "application/font", "application/font-sfnt", "application/javascript", "application/json",
            "application/opentype", "application/otf", "application/pdf", "application/pkcs7-mime",
            "application/protobuf", "application/rss+xml", "application/truetype", "application/ttf",
            "application/vnd.apple.mpegurl", "application/vnd.mapbox-vector-tile", "application/vnd.ms-fontobject",
            "application/wasm", "application/xhtml+xml", "application/xml", "application/x-font-opentype",
            "application/x-font-truetype", "application/x-font-ttf", "application/x-httpd-cgi",
            "application/x-javascript", "application/x-mpegurl", "application/x-opentype", "application/x-otf",
            "application/x-perl", "application/x-ttf", "font/eot", "font/opentype", "font/otf", "font/ttf",
            "image/svg+xml", "text/css", "text/csv", "text/html", "text/javascript", "text/js", "text/plain",
            "text/richtext", "text/tab-separated-values", "text/xml", "text/x-component", "text/x-java-source",
            "text/x-script", "vnd.apple.mpegurl");
    /** The smallest and largest answers CloudFront compresses. */
    public static final long MIN_COMPRESSED_BYTES = 1_000;
    public static final long MAX_COMPRESSED_BYTES = 10_000_000;

    private static final Set<Integer> COMPRESSED_STATUSES = Set.of(200, 403, 404);
    private static final int MAX_VIEWER_BODY = 20 * 1024 * 1024;
    /** Headers of one connection, never forwarded (shared with {@link ApiGatewayThrottle}). */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");
    /** Headers the JDK's HTTP client sets itself and refuses from a caller. */
    static final Set<String> CLIENT_SET = Set.of("content-length", "date", "expect", "from", "host", "via",
            "warning");
    private static final Set<String> NOT_MODIFIED_HEADERS = Set.of("etag", "last-modified", "cache-control", "expires",
            "vary", "content-location", "date");

    private final HttpServer server;
    private final ExecutorService executor;
    private final CloudFrontDistribution distribution;
    private final URI s3Endpoint;
    private final Map<String, URI> customOriginUrls;
    private final Map<String, HttpClient> originClients = new LinkedHashMap<>();
    private final HttpClient s3Client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private final CloudFrontFunctions functions;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger originRequests = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The edge cache: one edge location's, by cache key; and the origin fetches under way, by cache key. */
    private final Map<String, EdgeObject> edge = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.CompletableFuture<EdgeObject>> fetching =
            new java.util.concurrent.ConcurrentHashMap<>();

    private CloudFrontStandIn(HttpServer server, ExecutorService executor, CloudFrontDistribution distribution,
                              URI s3Endpoint, Map<String, URI> customOriginUrls, CloudFrontFunctions functions) {
        this.server = server;
        this.executor = executor;
        this.distribution = distribution;
        this.s3Endpoint = s3Endpoint;
        this.customOriginUrls = customOriginUrls;
        this.functions = functions;
        for (Origin o : distribution.origins().values()) {
            if (!o.isS3()) {
                originClients.put(o.id(), HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(o.connectTimeout()).build());
            }
        }
    }

    /**
     * Starts serving a distribution of a provisioned template ({@code LocalAws.cloudFront(...)} is the usual way).
     *
     * @param s3Endpoint       the S3 stand-in that holds the S3 origins' buckets
     * @param customOriginUrls base URL per custom origin id, e.g. {@code ApiOrigin -> http://localhost:8080}; every
     *                         custom origin of the distribution needs one
     * @param localstackDir    the repository's {@code localstack/} folder (the CloudFront Functions runner)
     * @param port             a loopback port, 0 for any free one
     * @throws IllegalArgumentException if the distribution uses what the stand-in refuses, or an origin has no URL
     */
    public static CloudFrontStandIn start(TemplateProvisioner.Provisioned provisioned, String distributionLogicalId,
                                          URI s3Endpoint, Map<String, URI> customOriginUrls, Path localstackDir,
                                          int port) {
        Objects.requireNonNull(s3Endpoint, "s3Endpoint");
        CloudFrontDistribution distribution = CloudFrontDistribution.read(provisioned, distributionLogicalId);
        Map<String, URI> urls = Map.copyOf(customOriginUrls);
        for (Origin o : distribution.origins().values()) {
            if (!o.isS3() && !urls.containsKey(o.id())) {
                throw new IllegalArgumentException("origin " + o.id() + " of " + distributionLogicalId + " ("
                        + o.domainName() + ") has no local URL: pass one for it, e.g. Map.of(\"" + o.id()
                        + "\", URI.create(\"http://localhost:8080\"))");
            }
        }
        for (String id : urls.keySet()) {
            Origin o = distribution.origins().get(id);
            if (o == null || o.isS3()) {
                throw new IllegalArgumentException(id + " is not a custom origin of " + distributionLogicalId + " "
                        + distribution.origins().keySet());
            }
        }
        boolean needsFunctions = distribution.defaultBehavior().viewerRequest() != null
                || distribution.orderedBehaviors().stream().anyMatch(b -> b.viewerRequest() != null);
        CloudFrontFunctions functions = needsFunctions ? CloudFrontFunctions.start(localstackDir) : null;
        HttpServer server;
        try {
            server = LoopbackServers.listen("CloudFront stand-in", port);
        } catch (RuntimeException e) {
            if (functions != null) {
                functions.close();
            }
            throw e;
        }
        ExecutorService executor = LoopbackServers.daemonThreads("cloudfront-standin");
        CloudFrontStandIn standIn = new CloudFrontStandIn(server, executor, distribution, s3Endpoint, urls, functions);
        LoopbackServers.serve(server, executor, standIn::handle);
        return standIn;
    }

    /** Where viewers connect, e.g. {@code http://127.0.0.1:8090}. */
    public URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The logical id of the distribution served. */
    public String distributionId() {
        return distribution.logicalId();
    }

    /** Settings of the distribution with no local effect, one line each. */
    public List<String> notApplied() {
        return distribution.notApplied();
    }

    /** Viewer requests received so far. */
    public int requestCount() {
        return requests.get();
    }

    /** Requests this distribution sent its origins (the bucket and the custom origins), misses of the edge cache. */
    public int originRequestCount() {
        return originRequests.get();
    }

    /** Stops serving (and the functions' Node process). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        if (functions != null) {
            functions.close();
        }
    }

    @Override
    public String toString() {
        return "CloudFrontStandIn[" + distribution.logicalId() + " at " + endpoint() + "]";
    }

    // ------------------------------------------------------------------------------------------------------
    // A viewer's request
    // ------------------------------------------------------------------------------------------------------

    /** What an origin answered: status, headers (lower-case names), the body to stream and its length (-1 unknown). */
    private record OriginAnswer(int status, Map<String, List<String>> headers, InputStream body, long length) {
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String requestId = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII)).substring(0, 40);
            try {
                serve(exchange, requestId);
            } catch (IOException | RuntimeException e) {
                if (exchange.getResponseCode() == -1) {
                    System.err.println("[cloudfront-standin] " + exchange.getRequestMethod() + " "
                            + exchange.getRequestURI() + " failed: " + e);
                    error(exchange, requestId, 502, "CloudFront wasn't able to connect to the origin (" + e + ").");
                }
                // else the answer was under way: the viewer sees it cut short, as with a broken origin connection
            }
        }
    }

    private void serve(HttpExchange exchange, String requestId) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        URI uri = exchange.getRequestURI();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        Behavior behavior = distribution.behaviorFor(path);
        if (!behavior.allowedMethods().contains(method)) {
            error(exchange, requestId, 403, "This distribution is not configured to allow the HTTP request method "
                    + "that was used for this request. The distribution supports only cachable requests.");
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
        String viewerIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        if (distribution.defaultRootObject() != null && path.equals("/")) {
            path = "/" + distribution.defaultRootObject();
        }
        ViewerRequest request = new ViewerRequest(method, path, query, headers, viewerIp);
        if (behavior.viewerRequest() != null) {
            Outcome outcome;
            try {
                outcome = functions.viewerRequest(behavior.viewerRequest(), request,
                        first(headers, "host", "127.0.0.1:" + port()), distribution.logicalId());
            } catch (FunctionFailure f) {
                System.err.println("[cloudfront-standin] " + f.getMessage());
                error(exchange, requestId, 503, "The CloudFront function associated with the CloudFront "
                        + "distribution is invalid or could not run. " + f.getMessage());
                return;
            }
            if (outcome.response() != null) {
                CloudFrontFunctions.GeneratedResponse generated = outcome.response();
                generated.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
                stamp(exchange, requestId, "FunctionGeneratedResponse from cloudfront");
                send(exchange, method, generated.status(), new ByteArrayInputStream(generated.body()),
                        generated.body().length);
                return;
            }
            request = outcome.request();
        }
        if (method.equals("GET") && behavior.cachePolicy().maxTtl() > 0) {
            serveFromEdge(exchange, behavior, request, requestId);
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_VIEWER_BODY + 1);
        }
        if (body.length > MAX_VIEWER_BODY) {
            error(exchange, requestId, 413, "The request body is larger than the CloudFront stand-in accepts.");
            return;
        }
        Origin origin = distribution.origins().get(behavior.targetOriginId());
        OriginAnswer answer;
        try {
            answer = fromOrigin(origin, behavior, request, body, requestId);
        } catch (HttpTimeoutException e) {
            error(exchange, requestId, 504, "CloudFront attempted to establish a connection with the origin, but "
                    + "either the attempt failed or the origin closed the connection (" + e.getMessage() + ").");
            return;
        } catch (IOException | IllegalArgumentException e) {
            error(exchange, requestId, 502, "CloudFront wasn't able to connect to the origin " + origin.id() + " ("
                    + e + ").");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(exchange, requestId, 502, "interrupted");
            return;
        }
        deliver(exchange, request, behavior, answer, requestId, false);
    }

    // ------------------------------------------------------------------------------------------------------
    // The edge cache
    // ------------------------------------------------------------------------------------------------------

    /** An answer kept at the edge: its status, headers and whole body, until {@code expiresAtNanos}. */
    private record EdgeObject(int status, Map<String, List<String>> headers, byte[] body, long storedAtNanos,
                              long expiresAtNanos) {
        boolean fresh(long now) {
            return now < expiresAtNanos;
        }

        OriginAnswer answer() {
            return new OriginAnswer(status, headers, new ByteArrayInputStream(body), body.length);
        }
    }

    /**
     * A GET under a caching behavior (a cache policy with a maximum TTL above 0): from the edge while its copy is
     * fresh, else from the origin once for all viewers asking meanwhile (CloudFront's request collapsing), kept for
     * the TTL the policy and the origin's {@code Cache-Control} give. The viewer's own {@code If-None-Match} is
     * answered from the copy (304), and the copy compressed for a viewer who accepts gzip, as on a miss.
     */
    private void serveFromEdge(HttpExchange exchange, Behavior behavior, ViewerRequest request, String requestId)
            throws IOException {
        String key = cacheKey(behavior, request);
        EdgeObject kept = edge.get(key);
        boolean hit = kept != null && kept.fresh(System.nanoTime());
        if (!hit) {
            java.util.concurrent.CompletableFuture<EdgeObject> mine = new java.util.concurrent.CompletableFuture<>();
            java.util.concurrent.CompletableFuture<EdgeObject> underWay = fetching.putIfAbsent(key, mine);
            if (underWay != null) {
                kept = awaitFetch(underWay);
                hit = true;
            } else {
                try {
                    kept = fetchForEdge(key, behavior, request, requestId);
                    mine.complete(kept);
                } catch (IOException | RuntimeException e) {
                    mine.completeExceptionally(e);
                    throw e;
                } finally {
                    fetching.remove(key, mine);
                }
            }
        }
        if (hit) {
            exchange.getResponseHeaders().set("Age",
                    String.valueOf((System.nanoTime() - kept.storedAtNanos()) / 1_000_000_000L));
        }
        deliver(exchange, request, behavior, kept.answer(), requestId, hit);
    }

    private EdgeObject fetchForEdge(String key, Behavior behavior, ViewerRequest request, String requestId)
            throws IOException {
        Origin origin = distribution.origins().get(behavior.targetOriginId());
        OriginAnswer answer;
        try {
            answer = fromOrigin(origin, behavior, request, new byte[0], requestId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        byte[] bytes;
        try (InputStream in = answer.body()) {
            bytes = in.readNBytes((int) MAX_COMPRESSED_BYTES + 1);
        }
        long now = System.nanoTime();
        long ttl = answer.status() == 200 && bytes.length <= MAX_COMPRESSED_BYTES
                ? ttlSeconds(behavior.cachePolicy(), first(answer.headers(), "cache-control", null)) : 0;
        EdgeObject object = new EdgeObject(answer.status(), answer.headers(), bytes, now, now + ttl * 1_000_000_000L);
        if (ttl > 0) {
            edge.put(key, object);
        } else {
            edge.remove(key);
        }
        return object;
    }

    private static EdgeObject awaitFetch(java.util.concurrent.CompletableFuture<EdgeObject> underWay)
            throws IOException {
        try {
            return underWay.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new HttpTimeoutException("the origin fetch this request waited on took over 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * How long CloudFront keeps an answer: the origin's {@code s-maxage} or {@code max-age} held between the policy's
     * minimum and maximum TTL; the default TTL when the origin names neither; the minimum when it says
     * {@code no-store}, {@code no-cache} or {@code private}.
     */
    static long ttlSeconds(CachePolicy policy, String cacheControl) {
        if (cacheControl == null) {
            return policy.defaultTtl();
        }
        Long maxAge = null;
        Long sharedMaxAge = null;
        for (String directive : cacheControl.toLowerCase(Locale.ROOT).split(",")) {
            String d = directive.strip();
            if (d.equals("no-store") || d.equals("no-cache") || d.equals("private")) {
                return policy.minTtl();
            }
            if (d.startsWith("s-maxage=")) {
                sharedMaxAge = parseSeconds(d.substring(9));
            } else if (d.startsWith("max-age=")) {
                maxAge = parseSeconds(d.substring(8));
            }
        }
        Long origin = sharedMaxAge != null ? sharedMaxAge : maxAge;
        if (origin == null) {
            return policy.defaultTtl();
        }
        return Math.max(policy.minTtl(), Math.min(policy.maxTtl(), origin));
    }

    private static Long parseSeconds(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The cache key as the behavior's cache policy makes it: the path, the query strings, headers and cookies the
     * policy names, and the normalised encoding when the policy compresses.
     */
    private static String cacheKey(Behavior behavior, ViewerRequest request) {
        CachePolicy policy = behavior.cachePolicy();
        StringBuilder key = new StringBuilder(String.valueOf(behavior.pathPattern())).append(' ').append(request.uri());
        List<String> query = new ArrayList<>();
        for (String pair : request.rawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (!pair.isEmpty() && policy.queryStrings().allows(S3StandIn.percentDecode(eq < 0 ? pair
                    : pair.substring(0, eq)))) {
                query.add(pair);
            }
        }
        java.util.Collections.sort(query);
        key.append('?').append(String.join("&", query));
        new java.util.TreeMap<>(request.headers()).forEach((name, values) -> {
            if (!name.equals("accept-encoding") && !name.equals("cookie") && policy.headers().allows(name)) {
                key.append('\n').append(name).append(':').append(String.join(",", values));
            }
        });
        new java.util.TreeMap<>(CloudFrontFunctions.cookies(request.headers().get("cookie"))).forEach((name, values) -> {
            if (policy.cookies().allows(name)) {
                key.append("\ncookie ").append(name).append('=').append(String.join(",", values));
            }
        });
        String acceptEncoding = first(request.headers(), "accept-encoding", null);
        key.append("\nencoding:").append(policy.gzip() && accepts(acceptEncoding, "gzip") ? "gzip" : "")
                .append(policy.brotli() && accepts(acceptEncoding, "br") ? "br" : "");
        return key.toString();
    }

    // ------------------------------------------------------------------------------------------------------
    // Origins
    // ------------------------------------------------------------------------------------------------------

    private OriginAnswer fromOrigin(Origin origin, Behavior behavior, ViewerRequest request, byte[] body,
                                    String requestId) throws IOException, InterruptedException {
        originRequests.incrementAndGet();
        return origin.isS3() ? fromBucket(origin, request) : fromCustomOrigin(origin, behavior, request, body,
                requestId);
    }

    /** GET of the object from the S3 stand-in (a HEAD too: S3 gives no error code without a body). */
    private OriginAnswer fromBucket(Origin origin, ViewerRequest request) throws IOException, InterruptedException {
        URI target = URI.create(stripSlash(s3Endpoint.toString()) + "/" + origin.bucket() + origin.originPath()
                + request.uri());
        HttpRequest.Builder get = HttpRequest.newBuilder(target).timeout(origin.readTimeout()).GET();
        String range = first(request.headers(), "range", null);
        if (range != null) {
            get.header("Range", range);
        }
        HttpResponse<InputStream> response = s3Client.send(get.build(), HttpResponse.BodyHandlers.ofInputStream());
        Map<String, List<String>> headers = responseHeaders(response);
        if (response.statusCode() == 404) {
            byte[] error;
            try (InputStream in = response.body()) {
                error = in.readNBytes(64 * 1024);
            }
            if (new String(error, StandardCharsets.UTF_8).contains("<Code>NoSuchKey</Code>")) {
                byte[] denied = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                        + "<Message>Access Denied</Message></Error>").getBytes(StandardCharsets.UTF_8);
                Map<String, List<String>> deniedHeaders = new LinkedHashMap<>();
                deniedHeaders.put("content-type", List.of("application/xml"));
                deniedHeaders.put("server", List.of("AmazonS3"));
                return new OriginAnswer(403, deniedHeaders, new ByteArrayInputStream(denied), denied.length);
            }
            return new OriginAnswer(404, headers, new ByteArrayInputStream(error), error.length);
        }
        return new OriginAnswer(response.statusCode(), headers, response.body(), length(headers));
    }

    private OriginAnswer fromCustomOrigin(Origin origin, Behavior behavior, ViewerRequest request, byte[] body,
                                          String requestId) throws IOException, InterruptedException {
        String query = forwardedQuery(behavior, request.rawQuery());
        URI target = URI.create(stripSlash(customOriginUrls.get(origin.id()).toString()) + origin.originPath()
                + request.uri() + (query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(origin.readTimeout())
                .method(request.method(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        forwardedHeaders(behavior, request, requestId).forEach((name, values) ->
                values.forEach(v -> builder.header(name, v)));
        HttpResponse<InputStream> response = originClients.get(origin.id()).send(builder.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Map<String, List<String>> headers = responseHeaders(response);
        return new OriginAnswer(response.statusCode(), headers, response.body(), length(headers));
    }

    /**
     * The viewer's headers that the behavior's policies forward (cache key ∪ origin request policy), the cookies
     * they forward, the normalised {@code Accept-Encoding} when the cache policy compresses, {@code X-Forwarded-For},
     * {@code X-Amz-Cf-Id}, and {@code User-Agent: Amazon CloudFront} when the viewer's is not forwarded.
     */
    private static Map<String, List<String>> forwardedHeaders(Behavior behavior, ViewerRequest request,
                                                              String requestId) {
        CachePolicy cache = behavior.cachePolicy();
        CloudFrontDistribution.OriginRequestPolicy origin = behavior.originRequestPolicy();
        Map<String, List<String>> out = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            if (name.equals("cookie") || name.equals("accept-encoding") || name.equals("x-forwarded-for")
                    || HOP_BY_HOP.contains(name) || CLIENT_SET.contains(name)) {
                return;
            }
            if (cache.headers().allows(name) || origin.headers().allows(name)) {
                out.put(name, values);
            }
        });
        List<String> cookies = new ArrayList<>();
        CloudFrontFunctions.cookies(request.headers().get("cookie")).forEach((name, values) -> {
            if (cache.cookies().allows(name) || origin.cookies().allows(name)) {
                values.forEach(v -> cookies.add(name + "=" + v));
            }
        });
        if (!cookies.isEmpty()) {
            out.put("cookie", List.of(String.join("; ", cookies)));
        }
        String acceptEncoding = first(request.headers(), "accept-encoding", null);
        if (cache.gzip() || cache.brotli()) {
            List<String> normalised = new ArrayList<>();
            if (cache.brotli() && accepts(acceptEncoding, "br")) {
                normalised.add("br");
            }
            if (cache.gzip() && accepts(acceptEncoding, "gzip")) {
                normalised.add("gzip");
            }
            if (!normalised.isEmpty()) {
                out.put("accept-encoding", List.of(String.join(",", normalised)));
            }
        } else if (acceptEncoding != null && origin.headers().allows("accept-encoding")) {
            out.put("accept-encoding", request.headers().get("accept-encoding"));
        }
        String forwardedFor = first(request.headers(), "x-forwarded-for", null);
        out.put("x-forwarded-for", List.of(forwardedFor == null ? request.viewerIp()
                : forwardedFor + ", " + request.viewerIp()));
        out.putIfAbsent("user-agent", List.of("Amazon CloudFront"));
        out.put("x-amz-cf-id", List.of(requestId));
        return out;
    }

    /** The query pairs the behavior's policies forward, as received (names compared decoded). */
    private static String forwardedQuery(Behavior behavior, String rawQuery) {
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = S3StandIn.percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            if (behavior.cachePolicy().queryStrings().allows(name)
                    || behavior.originRequestPolicy().queryStrings().allows(name)) {
                kept.add(pair);
            }
        }
        return String.join("&", kept);
    }

    // ------------------------------------------------------------------------------------------------------
    // Answers
    // ------------------------------------------------------------------------------------------------------

    private void deliver(HttpExchange exchange, ViewerRequest request, Behavior behavior, OriginAnswer answer,
                         String requestId, boolean hit) throws IOException {
        String fromCache = hit ? "Hit from cloudfront" : "Miss from cloudfront";
        Map<String, List<String>> headers = new LinkedHashMap<>(answer.headers());
        headers.keySet().removeIf(name -> HOP_BY_HOP.contains(name) || name.equals("content-length"));
        String method = request.method();
        boolean compress = method.equals("GET") && behavior.compress() && behavior.cachePolicy().gzip()
                && COMPRESSED_STATUSES.contains(answer.status()) && first(headers, "content-encoding", null) == null
                && answer.length() >= MIN_COMPRESSED_BYTES && answer.length() <= MAX_COMPRESSED_BYTES
                && compressible(first(headers, "content-type", null))
                && accepts(first(request.headers(), "accept-encoding", null), "gzip");
        if (compress) {
            // the compressed bytes are not the origin's: CloudFront makes a strong ETag weak
            List<String> etags = headers.get("etag");
            if (etags != null) {
                headers.put("etag", etags.stream().map(e -> e.startsWith("W/") ? e : "W/" + e).toList());
            }
        }
        if ((method.equals("GET") || method.equals("HEAD")) && answer.status() == 200
                && notModified(request.headers(), first(headers, "etag", null), first(headers, "last-modified", null))) {
            answer.body().close();
            headers.forEach((name, values) -> {
                if (NOT_MODIFIED_HEADERS.contains(name)) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            stamp(exchange, requestId, fromCache);
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        headers.forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        stamp(exchange, requestId, answer.status() >= 400 ? "Error from cloudfront" : fromCache);
        if (compress) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            String vary = first(headers, "vary", null);
            if (vary == null) {
                exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
            } else if (!vary.toLowerCase(Locale.ROOT).contains("accept-encoding")) {
                exchange.getResponseHeaders().set("Vary", vary + ", Accept-Encoding");
            }
            exchange.sendResponseHeaders(answer.status(), 0);
            try (InputStream in = answer.body(); GZIPOutputStream out = new GZIPOutputStream(
                    exchange.getResponseBody(), 8192)) {
                in.transferTo(out);
            }
            return;
        }
        send(exchange, method, answer.status(), answer.body(), answer.length());
    }

    /** Sends a status and a body of {@code length} bytes (-1: unknown, chunked); a HEAD gets the headers only. */
    private static void send(HttpExchange exchange, String method, int status, InputStream body, long length)
            throws IOException {
        try (InputStream in = body) {
            if (method.equals("HEAD")) {
                if (length >= 0) {
                    // the JDK server sends no Content-Length for HEAD by itself: the one a GET would have
                    exchange.getResponseHeaders().set("Content-Length", String.valueOf(length));
                }
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            if (status == 204 || status == 304 || status < 200 || length == 0) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, length > 0 ? length : 0);
            try (OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        }
    }

    /** An error page as CloudFront's ("The request could not be satisfied"), HTML. */
    private void error(HttpExchange exchange, String requestId, int status, String reason) throws IOException {
        String html = "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" "
                + "\"http://www.w3.org/TR/html4/loose.dtd\">\n<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" "
                + "CONTENT=\"text/html; charset=utf-8\">\n<TITLE>ERROR: The request could not be satisfied</TITLE>\n"
                + "</HEAD><BODY>\n<H1>" + status + " ERROR</H1>\n<H2>The request could not be satisfied.</H2>\n"
                + "<HR noshade size=\"1px\">\n" + S3StandIn.escape(reason) + "\n<BR clear=\"all\">\n"
                + "<HR noshade size=\"1px\">\n<PRE>\nGenerated by the CloudFront stand-in (localstack)\nRequest ID: "
                + requestId + "\n</PRE>\n</BODY></HTML>\n";
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        stamp(exchange, requestId, "Error from cloudfront");
        send(exchange, exchange.getRequestMethod().toUpperCase(Locale.ROOT), status, new ByteArrayInputStream(bytes),
                bytes.length);
    }

    private void stamp(HttpExchange exchange, String requestId, String cache) {
        exchange.getResponseHeaders().set("Via", "1.1 " + distribution.logicalId().toLowerCase(Locale.ROOT)
                + ".cloudfront.local (CloudFront)");
        exchange.getResponseHeaders().set("X-Cache", cache);
        exchange.getResponseHeaders().set("X-Amz-Cf-Pop", "LOCAL");
        exchange.getResponseHeaders().set("X-Amz-Cf-Id", requestId);
    }

    /** If-None-Match against the ETag (weak comparison), else If-Modified-Since against Last-Modified. */
    private static boolean notModified(Map<String, List<String>> viewer, String etag, String lastModified) {
        String ifNoneMatch = first(viewer, "if-none-match", null);
        if (ifNoneMatch != null) {
            return etag != null && S3StandIn.etagMatches(ifNoneMatch, etag);
        }
        Instant since = httpDate(first(viewer, "if-modified-since", null));
        Instant modified = httpDate(lastModified);
        return since != null && modified != null && !modified.isAfter(since);
    }

    /** Whether an Accept-Encoding value accepts a coding (listed, or {@code *}, with a q other than 0). */
    static boolean accepts(String acceptEncoding, String coding) {
        if (acceptEncoding == null) {
            return false;
        }
        boolean star = false;
        for (String part : acceptEncoding.split(",")) {
            String[] fields = part.split(";");
            String name = fields[0].strip().toLowerCase(Locale.ROOT);
            boolean zero = false;
            for (int i = 1; i < fields.length; i++) {
                String f = fields[i].strip().toLowerCase(Locale.ROOT);
                if (f.startsWith("q=")) {
                    try {
                        zero = Double.parseDouble(f.substring(2)) == 0;
                    } catch (NumberFormatException e) {
                        zero = true;
                    }
                }
            }
            if (name.equals(coding)) {
                return !zero;
            }
            if (name.equals("*")) {
                star = !zero;
            }
        }
        return star;
    }

    static boolean compressible(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        return COMPRESSIBLE_TYPES.contains(mediaType);
    }

    private static Map<String, List<String>> responseHeaders(HttpResponse<?> response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values));
            }
        });
        return headers;
    }

    private static long length(Map<String, List<String>> headers) {
        String value = first(headers, "content-length", null);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String first(Map<String, List<String>> headers, String name, String orElse) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? orElse : values.get(0);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Instant httpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.strip(), Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The behaviors in precedence order with their origins, for a log line. */
    public String describe() {
        StringBuilder out = new StringBuilder(distribution.logicalId()).append(" at ").append(endpoint());
        for (Behavior b : distribution.orderedBehaviors()) {
            out.append("\n  ").append(b.pathPattern()).append(" -> ").append(describe(b));
        }
        out.append("\n  * (default) -> ").append(describe(distribution.defaultBehavior()));
        return out.toString();
    }

    private String describe(Behavior b) {
        Origin o = distribution.origins().get(b.targetOriginId());
        String where = o.isS3() ? "s3://" + o.bucket() : String.valueOf(customOriginUrls.get(o.id()));
        return o.id() + " (" + where + "), " + new TreeSet<>(b.allowedMethods()) + ", cache policy "
                + b.cachePolicy().name() + (b.compress() ? ", compressed" : "")
                + (b.viewerRequest() == null ? "" : ", viewer-request " + b.viewerRequest().logicalId());
    }
}
