package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.madang.localstack.ScheduleFiring.Outcome;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A stand-in for Amazon EventBridge Scheduler: the schedules API over its real wire protocol, so that the AWS SDK v2
 * {@code SchedulerClient} works against it, and a runner that fires due schedules by invoking their Lambda targets
 * through the local Lambda Invoke endpoint ({@link LambdaDispatcher}). A JDK {@link HttpServer} on a loopback port,
 * schedules in memory.
 *
 * <h2>Protocol</h2>
 * REST-JSON as the SDK speaks it: {@code POST /schedules/{Name}} CreateSchedule, {@code GET /schedules/{Name}}
 * GetSchedule ({@code ?groupName=}), {@code PUT /schedules/{Name}} UpdateSchedule (replaces every field, as AWS
 * does), {@code DELETE /schedules/{Name}} DeleteSchedule, {@code GET /schedules} ListSchedules
 * ({@code ScheduleGroup}, {@code NamePrefix}, {@code State}, {@code MaxResults}, {@code NextToken}). Timestamps
 * are epoch seconds. Errors carry {@code X-Amzn-ErrorType} and {@code {"Message"}} with AWS's status codes:
 * {@code ValidationException} 400, {@code ResourceNotFoundException} 404, {@code ConflictException} 409; the SDK
 * raises its typed exceptions. <b>Signatures, credentials and the target's {@code RoleArn} are not checked.</b>
 *
 * <h2>Firing</h2>
 * Each ENABLED schedule has a next occurrence (see {@link ScheduleExpression} for rate, cron and at, within
 * {@code [StartDate, EndDate)}). {@link #runDue(Instant)} fires, in time order, every occurrence up to an instant:
 * the target {@code arn:aws:lambda:...:function:<name>} is invoked ({@code RequestResponse}) with the target's
 * {@code Input}, context attributes {@code <aws.scheduler.schedule-arn>}, {@code <aws.scheduler.scheduled-time>},
 * {@code <aws.scheduler.execution-id>} and {@code <aws.scheduler.attempt-number>} substituted; each firing is
 * recorded as a {@link ScheduleFiring} ({@link #firings()}). An at() schedule fires once; with
 * {@code ActionAfterCompletion: DELETE} a schedule is deleted after its last occurrence. Occurrences are claimed
 * before they are invoked, so none fires twice whoever drives the runner.
 *
 * <p>The clock is injected. The live stack calls {@link #startTicking()}: every second, on the wall clock, due
 * occurrences are invoked on background threads. Tests give a {@link ManualClock} and call
 * {@link #advanceTo(Instant)}, which steps the clock to each occurrence in turn and waits for each invocation, so
 * actual time equals scheduled time and the firings can be counted as soon as it returns.
 *
 * <p>Not served: schedule groups other than {@code default} (their API, tags), dead-letter queues and retries (a
 * failed invocation is recorded, not retried), flexible windows (a {@code FLEXIBLE} schedule fires at the start of
 * its window, which the window allows), targets other than Lambda functions (recorded
 * {@link Outcome#UNSUPPORTED_TARGET}), customer KMS keys (stored, unused). See {@code localstack/README.md}.
 */
public final class SchedulerStandIn implements AutoCloseable {

    public static final String DEFAULT_GROUP = "default";
    /** How often {@link #startTicking()} looks for due occurrences. */
    public static final Duration DEFAULT_TICK = Duration.ofSeconds(1);
    /** Firings kept for {@link #firings()}; older ones are dropped. */
    public static final int MAX_FIRINGS_KEPT = 10_000;
    /** AWS's default {@code RetryPolicy.MaximumEventAgeInSeconds}. */
    public static final int DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 86_400;
    /** AWS's default {@code RetryPolicy.MaximumRetryAttempts} (stored and answered; no retry is made locally). */
    public static final int DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 185;

    private static final String CONTENT_TYPE = "application/json";
    private static final int MAX_BODY = 1024 * 1024;
    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z_.-]{1,64}");
    private static final Pattern LAMBDA_ARN = Pattern.compile("arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:.+");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService httpThreads;
    private final ExecutorService invokers;
    private final ScheduledExecutorService ticker;
    private final HttpClient http;
    private final String region;
    private final String accountId;
    private final URI lambdaEndpoint;
    private final Clock clock;
    private final Map<String, Schedule> schedules = new TreeMap<>();
    private final Deque<ScheduleFiring> firings = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private ScheduledFuture<?> ticking;

    private SchedulerStandIn(HttpServer server, ExecutorService httpThreads, String region, String accountId,
                             URI lambdaEndpoint, Clock clock) {
        this.server = server;
        this.httpThreads = httpThreads;
        this.region = region;
        this.accountId = accountId;
        this.lambdaEndpoint = lambdaEndpoint;
        this.clock = clock;
        int instance = INSTANCES.incrementAndGet();
        this.invokers = LoopbackServers.daemonThreads("scheduler-" + instance + "-invoke");
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scheduler-" + instance + "-tick");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(invokers).build();
    }

    /** Starts on a free loopback port on the wall clock (not ticking), invoking targets at {@code lambdaEndpoint}. */
    public static SchedulerStandIn start(URI lambdaEndpoint) {
        return start(lambdaEndpoint, Clock.systemUTC());
    }

    /** Starts on a free loopback port with this clock (not ticking), invoking targets at {@code lambdaEndpoint}. */
    public static SchedulerStandIn start(URI lambdaEndpoint, Clock clock) {
        return start(LocalAws.REGION, LocalAws.ACCOUNT_ID, 0, lambdaEndpoint, clock);
    }

    /**
     * Starts on {@code port} of loopback (0: any free port); region and account go into the ARNs.
     *
     * @param lambdaEndpoint the Lambda Invoke API that targets are invoked at ({@link LambdaDispatcher#endpoint()})
     * @param clock          what "now" is: creation times, occurrences due, the actual time of firings
     */
    public static SchedulerStandIn start(String region, String accountId, int port, URI lambdaEndpoint,
                                         Clock clock) {
        HttpServer server = LoopbackServers.listen("Scheduler stand-in", port);
        ExecutorService threads = LoopbackServers.daemonThreads("scheduler-standin");
        SchedulerStandIn standIn = new SchedulerStandIn(server, threads, Objects.requireNonNull(region, "region"),
                Objects.requireNonNull(accountId, "accountId"), Objects.requireNonNull(lambdaEndpoint,
                "lambdaEndpoint"), Objects.requireNonNull(clock, "clock"));
        LoopbackServers.serve(server, threads, standIn::handle);
        return standIn;
    }

    /** The endpoint to give the SDK ({@code endpointOverride}). */
    public URI endpoint() {
        return LoopbackServers.endpoint(server);
    }

    public Clock clock() {
        return clock;
    }

    /** The ARN of a schedule of the default group (whether it exists or not). */
    public String scheduleArn(String name) {
        return "arn:aws:scheduler:" + region + ":" + accountId + ":schedule/" + DEFAULT_GROUP + "/" + name;
    }

    /** Requests received so far, of any operation, answered successfully or not. */
    public int requestCount() {
        return requests.get();
    }

    // ------------------------------------------------------------------------------------------------------
    // Running
    // ------------------------------------------------------------------------------------------------------

    /** Fires due occurrences every {@value} second on the clock; see {@link #startTicking(Duration)}. */
    public SchedulerStandIn startTicking() {
        return startTicking(DEFAULT_TICK);
    }

    /**
     * From now on, every {@code period}, invokes whatever is due by the clock, each invocation on a background
     * thread (a long-running target holds up no other schedule), recording the firing when it ends. Occurrences
     * already due when ticking starts fire at once (unless older than their maximum event age). Idempotent.
     */
    public synchronized SchedulerStandIn startTicking(Duration period) {
        if (ticking == null) {
            long millis = Math.max(1, period.toMillis());
            ticking = ticker.scheduleWithFixedDelay(this::tick, 0, millis, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Stops the ticking started by {@link #startTicking()}; invocations under way finish. */
    public synchronized void stopTicking() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    public synchronized boolean isTicking() {
        return ticking != null;
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            Claim claim;
            while ((claim = claimNext(now)) != null) {
                Claim c = claim;
                try {
                    invokers.execute(() -> fire(c));
                } catch (RejectedExecutionException closing) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            System.err.println("[scheduler] tick failed: " + e);
        }
    }

    /** {@link #runDue(Instant)} up to the clock's present. */
    public List<ScheduleFiring> runDue() {
        return runDue(clock.instant());
    }

    /**
     * Fires, one after another on the calling thread and in time order, every occurrence at or before {@code upTo}
     * that has not fired yet, and returns their firings once all have ended. The clock is not moved: the actual
     * time recorded is the clock's when each is invoked (with a {@code upTo} ahead of the clock this triggers
     * occurrences early).
     */
    public List<ScheduleFiring> runDue(Instant upTo) {
        Objects.requireNonNull(upTo, "upTo");
        List<ScheduleFiring> fired = new ArrayList<>();
        Claim claim;
        while ((claim = claimNext(upTo)) != null) {
            fired.add(fire(claim));
        }
        return fired;
    }

    /**
     * Moves the {@link ManualClock} forward to {@code to}, stopping at every occurrence on the way: the clock is
     * set to the occurrence and its target invoked (on the calling thread, waiting for it) before going on. Returns
     * the firings in time order.
     *
     * @throws IllegalStateException if the clock is not a {@link ManualClock}
     */
    public List<ScheduleFiring> advanceTo(Instant to) {
        ManualClock manual = manualClock();
        if (to.isBefore(manual.instant())) {
            throw new IllegalArgumentException("the clock reads " + manual.instant() + ", after " + to);
        }
        List<ScheduleFiring> fired = new ArrayList<>();
        Claim claim;
        while ((claim = claimNext(to)) != null) {
            if (claim.scheduledTime.isAfter(manual.instant())) {
                manual.set(claim.scheduledTime);
            }
            fired.add(fire(claim));
        }
        manual.set(to);
        return fired;
    }

    /** {@link #advanceTo(Instant)} the clock's time plus {@code duration}. */
    public List<ScheduleFiring> advanceBy(Duration duration) {
        return advanceTo(manualClock().instant().plus(duration));
    }

    private ManualClock manualClock() {
        if (!(clock instanceof ManualClock manual)) {
            throw new IllegalStateException("advanceTo needs the stand-in started with a ManualClock; this one runs on "
                    + clock + " (use runDue(Instant) instead)");
        }
        return manual;
    }

    /** Every firing recorded so far (up to {@value #MAX_FIRINGS_KEPT}, oldest first, in the order they ended). */
    public List<ScheduleFiring> firings() {
        synchronized (firings) {
            return List.copyOf(firings);
        }
    }

    /** The firings of one schedule, oldest first. */
    public List<ScheduleFiring> firings(String scheduleName) {
        return firings().stream().filter(f -> f.scheduleName().equals(scheduleName)).toList();
    }

    /** Forgets the firings recorded so far. */
    public void clearFirings() {
        synchronized (firings) {
            firings.clear();
        }
    }

    /**
     * When a schedule of the default group fires next: empty if it does not exist, is DISABLED or has no
     * occurrence left.
     */
    public synchronized Optional<Instant> nextFireTime(String scheduleName) {
        Schedule s = schedules.get(scheduleName);
        return s == null || !s.enabled() ? Optional.empty() : Optional.ofNullable(s.next);
    }

    /** The names of the schedules that exist, in name order. */
    public synchronized List<String> scheduleNames() {
        return List.copyOf(schedules.keySet());
    }

    /** Forgets every schedule, every firing and the request count. */
    public void reset() {
        synchronized (this) {
            schedules.clear();
            requests.set(0);
        }
        clearFirings();
    }

    @Override
    public void close() {
        stopTicking();
        ticker.shutdownNow();
        server.stop(0);
        httpThreads.shutdownNow();
        invokers.shutdownNow();
    }

    @Override
    public String toString() {
        return "SchedulerStandIn[" + endpoint() + ", lambda " + lambdaEndpoint + "]";
    }

    /** An occurrence taken off a schedule, with what firing it needs (the schedule may change meanwhile). */
    private record Claim(String name, String arn, Instant scheduledTime, String targetArn, String input,
                         int maximumEventAgeSeconds) {
    }

    /**
     * Takes the earliest due occurrence (at or before {@code upTo}) of any enabled schedule and moves that
     * schedule on to its next; deletes schedules that completed with {@code ActionAfterCompletion: DELETE}.
     */
    private synchronized Claim claimNext(Instant upTo) {
        schedules.values().removeIf(s -> s.deleteAfterCompletion() && s.next == null
                && (s.firedOnce || (s.definition.endDate != null && !s.definition.endDate.isAfter(upTo))));
        Schedule earliest = null;
        for (Schedule s : schedules.values()) {
            if (s.enabled() && s.next != null && !s.next.isAfter(upTo)
                    && (earliest == null || s.next.isBefore(earliest.next))) {
                earliest = s;
            }
        }
        if (earliest == null) {
            return null;
        }
        Instant at = earliest.next;
        earliest.firedOnce = true;
        earliest.next = earliest.occurrenceAtOrAfter(at.plusNanos(1));
        JsonNode retry = earliest.definition.target.get("RetryPolicy");
        int maxAge = retry != null && retry.hasNonNull("MaximumEventAgeInSeconds")
                ? retry.get("MaximumEventAgeInSeconds").asInt() : DEFAULT_MAXIMUM_EVENT_AGE_SECONDS;
        Claim claim = new Claim(earliest.name, earliest.arn, at, earliest.definition.target.get("Arn").asText(),
                earliest.definition.target.hasNonNull("Input") ? earliest.definition.target.get("Input").asText() : null, maxAge);
        if (earliest.next == null && earliest.deleteAfterCompletion()) {
            schedules.remove(earliest.name);
        }
        return claim;
    }

    /** Invokes the claimed occurrence's target and records the firing. */
    private ScheduleFiring fire(Claim claim) {
        Instant actual = clock.instant();
        String input = claim.input == null ? null : claim.input
                .replace("<aws.scheduler.schedule-arn>", claim.arn)
                .replace("<aws.scheduler.scheduled-time>", claim.scheduledTime.toString())
                .replace("<aws.scheduler.execution-id>", UUID.randomUUID().toString())
                .replace("<aws.scheduler.attempt-number>", "1");
        Outcome outcome;
        String detail;
        if (Duration.between(claim.scheduledTime, actual).getSeconds() > claim.maximumEventAgeSeconds) {
            outcome = Outcome.EXPIRED;
            detail = "not invoked: " + Duration.between(claim.scheduledTime, actual) + " late, over the maximum event "
                    + "age of " + claim.maximumEventAgeSeconds + " s";
        } else if (!LAMBDA_ARN.matcher(claim.targetArn).matches()) {
            outcome = Outcome.UNSUPPORTED_TARGET;
            detail = "not invoked: the local scheduler invokes Lambda functions only, not " + claim.targetArn;
        } else {
            String[] result = invoke(claim.targetArn, input);
            outcome = Outcome.valueOf(result[0]);
            detail = result[1];
        }
        ScheduleFiring firing = new ScheduleFiring(claim.name, DEFAULT_GROUP, claim.arn, claim.scheduledTime, actual,
                clock.instant(), claim.targetArn, input, outcome, detail);
        synchronized (firings) {
            firings.addLast(firing);
            while (firings.size() > MAX_FIRINGS_KEPT) {
                firings.removeFirst();
            }
        }
        if (outcome != Outcome.SUCCEEDED) {
            System.err.println("[scheduler] " + claim.name + " at " + claim.scheduledTime + ": " + outcome + " "
                    + detail);
        }
        return firing;
    }

    /** The Lambda Invoke API call: {outcome name, detail}. */
    private String[] invoke(String functionArn, String input) {
        URI uri = URI.create(lambdaEndpoint + "/2015-03-31/functions/"
                + URLEncoder.encode(functionArn, StandardCharsets.UTF_8) + "/invocations");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMinutes(15)) // Lambda's own limit on a run
                .header("Content-Type", CONTENT_TYPE)
                .header("X-Amz-Invocation-Type", "RequestResponse")
                .POST(HttpRequest.BodyPublishers.ofString(input == null ? "" : input, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(
                    StandardCharsets.UTF_8));
            String body = response.body();
            if (response.statusCode() == 200) {
                boolean failed = response.headers().firstValue("X-Amz-Function-Error").isPresent();
                return new String[] {failed ? Outcome.FUNCTION_ERROR.name() : Outcome.SUCCEEDED.name(), body};
            }
            boolean notFound = response.statusCode() == 404 && response.headers()
                    .firstValue("X-Amzn-ErrorType").map(t -> t.startsWith("ResourceNotFoundException")).orElse(false);
            return new String[] {notFound ? Outcome.TARGET_NOT_FOUND.name() : Outcome.INVOKE_FAILED.name(),
                    "HTTP " + response.statusCode() + " " + body};
        } catch (IOException e) {
            return new String[] {Outcome.INVOKE_FAILED.name(), "the Lambda endpoint " + lambdaEndpoint
                    + " failed: " + e};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new String[] {Outcome.INVOKE_FAILED.name(), "interrupted"};
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // HTTP
    // ------------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            ObjectNode answer;
            try {
                JsonNode body = readBody(exchange);
                if (path.equals("/schedules") || path.equals("/schedules/")) {
                    if (!method.equals("GET")) {
                        throw new Failure(405, "ValidationException", method + " /schedules is not an operation");
                    }
                    answer = listSchedules(query);
                } else if (path.startsWith("/schedules/") && path.indexOf('/', "/schedules/".length()) < 0) {
                    String name = URLDecoder.decode(path.substring("/schedules/".length()).replace("+", "%2B"),
                            StandardCharsets.UTF_8);
                    answer = switch (method) {
                        case "POST" -> createSchedule(name, body);
                        case "GET" -> getSchedule(name, query.get("groupName"));
                        case "PUT" -> updateSchedule(name, body);
                        case "DELETE" -> deleteSchedule(name, query.get("groupName"));
                        default -> throw new Failure(405, "ValidationException", method + " is not an operation on "
                                + "a schedule");
                    };
                } else {
                    throw new Failure(404, "UnknownOperationException", "the local scheduler serves "
                            + "CreateSchedule, GetSchedule, UpdateSchedule, DeleteSchedule and ListSchedules only, "
                            + "not " + method + " " + path);
                }
            } catch (Failure f) {
                respond(exchange, f.status, f.code, JSON.createObjectNode().put("Message", f.getMessage()));
                return;
            } catch (RuntimeException e) {
                respond(exchange, 500, "InternalServerException", JSON.createObjectNode().put("Message",
                        String.valueOf(e)));
                return;
            }
            respond(exchange, 200, null, answer);
        }
    }

    private static JsonNode readBody(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new Failure(413, "ValidationException", "the request body is too large");
        }
        if (bytes.length == 0) {
            return JSON.createObjectNode();
        }
        JsonNode body;
        try {
            body = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new Failure(400, "SerializationException", "the request body is not JSON");
        }
        if (body == null || !body.isObject()) {
            throw new Failure(400, "SerializationException", "the request body is not a JSON object");
        }
        return body;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }

    private static void respond(HttpExchange exchange, int status, String errorType, ObjectNode body)
            throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (errorType != null) {
            exchange.getResponseHeaders().set("X-Amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Operations
    // ------------------------------------------------------------------------------------------------------

    private synchronized ObjectNode createSchedule(String name, JsonNode body) {
        checkName(name);
        checkGroup(text(body, "GroupName"));
        Instant now = clock.instant();
        Schedule existing = schedules.get(name);
        String token = text(body, "ClientToken");
        if (existing != null) {
            if (token != null && token.equals(existing.clientToken)) {
                return JSON.createObjectNode().put("ScheduleArn", existing.arn); // the SDK retrying its request
            }
            throw new Failure(409, "ConflictException", "Schedule " + name + " already exists.");
        }
        Schedule s = new Schedule(name, scheduleArn(name), now);
        s.apply(Definition.read(body), now);
        s.clientToken = token;
        schedules.put(name, s);
        return JSON.createObjectNode().put("ScheduleArn", s.arn);
    }

    private synchronized ObjectNode updateSchedule(String name, JsonNode body) {
        checkName(name);
        checkGroup(text(body, "GroupName"));
        Schedule s = find(name);
        s.apply(Definition.read(body), clock.instant());
        return JSON.createObjectNode().put("ScheduleArn", s.arn);
    }

    private synchronized ObjectNode getSchedule(String name, String group) {
        checkGroup(group);
        Schedule s = find(name);
        Definition d = s.definition;
        ObjectNode out = JSON.createObjectNode()
                .put("ActionAfterCompletion", d.actionAfterCompletion)
                .put("Arn", s.arn)
                .put("CreationDate", epochSeconds(s.created))
                .put("GroupName", DEFAULT_GROUP)
                .put("LastModificationDate", epochSeconds(s.modified))
                .put("Name", s.name)
                .put("ScheduleExpression", d.expression.text())
                .put("ScheduleExpressionTimezone", d.timezone)
                .put("State", d.state);
        if (d.description != null) {
            out.put("Description", d.description);
        }
        if (d.startDate != null) {
            out.put("StartDate", epochSeconds(d.startDate));
        }
        if (d.endDate != null) {
            out.put("EndDate", epochSeconds(d.endDate));
        }
        if (d.kmsKeyArn != null) {
            out.put("KmsKeyArn", d.kmsKeyArn);
        }
        out.set("FlexibleTimeWindow", d.flexibleTimeWindow.deepCopy());
        out.set("Target", d.target.deepCopy());
        return out;
    }

    private synchronized ObjectNode deleteSchedule(String name, String group) {
        checkGroup(group);
        find(name);
        schedules.remove(name);
        return JSON.createObjectNode();
    }

    private synchronized ObjectNode listSchedules(Map<String, String> query) {
        checkGroup(query.get("ScheduleGroup"));
        String prefix = query.getOrDefault("NamePrefix", "");
        String state = query.get("State");
        if (state != null && !state.equals("ENABLED") && !state.equals("DISABLED")) {
            throw validation("State", state, "Member must satisfy enum value set: [ENABLED, DISABLED]");
        }
        int max = 100;
        if (query.containsKey("MaxResults")) {
            try {
                max = Integer.parseInt(query.get("MaxResults"));
            } catch (NumberFormatException e) {
                max = 0;
            }
            if (max < 1 || max > 100) {
                throw validation("MaxResults", query.get("MaxResults"), "Member must be between 1 and 100");
            }
        }
        String after = null;
        if (query.get("NextToken") != null && !query.get("NextToken").isEmpty()) {
            try {
                after = new String(Base64.getUrlDecoder().decode(query.get("NextToken")), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new Failure(400, "ValidationException", "Invalid NextToken");
            }
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("Schedules");
        String last = null;
        boolean more = false;
        for (Schedule s : schedules.values()) {
            if (!s.name.startsWith(prefix) || (state != null && !state.equals(s.definition.state))
                    || (after != null && s.name.compareTo(after) <= 0)) {
                continue;
            }
            if (list.size() == max) {
                more = true;
                break;
            }
            ObjectNode summary = list.addObject()
                    .put("Arn", s.arn)
                    .put("CreationDate", epochSeconds(s.created))
                    .put("GroupName", DEFAULT_GROUP)
                    .put("LastModificationDate", epochSeconds(s.modified))
                    .put("Name", s.name)
                    .put("State", s.definition.state);
            summary.putObject("Target").put("Arn", s.definition.target.get("Arn").asText());
            last = s.name;
        }
        if (more) {
            out.put("NextToken", Base64.getUrlEncoder().withoutPadding().encodeToString(
                    last.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private Schedule find(String name) {
        Schedule s = schedules.get(name);
        if (s == null) {
            throw new Failure(404, "ResourceNotFoundException", "Schedule " + name + " does not exist.");
        }
        return s;
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw validation("name", name, "Member must satisfy regular expression pattern: ^[0-9a-zA-Z-_.]+$ "
                    + "and have length between 1 and 64");
        }
    }

    private static void checkGroup(String group) {
        if (group != null && !group.isEmpty() && !group.equals(DEFAULT_GROUP)) {
            throw new Failure(404, "ResourceNotFoundException", "Schedule group " + group + " does not exist. "
                    + "(The local scheduler has the default group only.)");
        }
    }

    private static BigDecimal epochSeconds(Instant t) {
        return BigDecimal.valueOf(t.toEpochMilli(), 3);
    }

    static String text(JsonNode body, String field) {
        JsonNode node = body == null ? null : body.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    static Failure validation(String field, Object value, String constraint) {
        return new Failure(400, "ValidationException", "1 validation error detected: Value '" + value + "' at '"
                + field + "' failed to satisfy constraint: " + constraint);
    }

    // ------------------------------------------------------------------------------------------------------
    // The model
    // ------------------------------------------------------------------------------------------------------

    /** What CreateSchedule and UpdateSchedule give (every field, validated). */
    private record Definition(ScheduleExpression expression, String timezone, ZoneId zone, Instant startDate,
                              Instant endDate, String state, String description, String actionAfterCompletion,
                              String kmsKeyArn, ObjectNode flexibleTimeWindow, ObjectNode target) {

        static Definition read(JsonNode body) {
            String expressionText = text(body, "ScheduleExpression");
            if (expressionText == null) {
                throw validation("scheduleExpression", null, "Member must not be null");
            }
            ScheduleExpression expression;
            try {
                expression = ScheduleExpression.parse(expressionText);
            } catch (IllegalArgumentException e) {
                throw new Failure(400, "ValidationException", "Invalid Schedule Expression " + expressionText + ": "
                        + e.getMessage());
            }
            String timezone = Optional.ofNullable(text(body, "ScheduleExpressionTimezone")).orElse("UTC");
            ZoneId zone;
            try {
                zone = timezone.equals("UTC") ? ZoneOffset.UTC : ZoneId.of(timezone);
            } catch (DateTimeException e) {
                throw new Failure(400, "ValidationException", "Invalid time zone " + timezone);
            }
            Instant start = instant(body, "StartDate");
            Instant end = instant(body, "EndDate");
            if (start != null && end != null && !end.isAfter(start)) {
                throw new Failure(400, "ValidationException", "The EndDate must be after the StartDate.");
            }
            String state = Optional.ofNullable(text(body, "State")).orElse("ENABLED");
            if (!state.equals("ENABLED") && !state.equals("DISABLED")) {
                throw validation("state", state, "Member must satisfy enum value set: [ENABLED, DISABLED]");
            }
            String action = Optional.ofNullable(text(body, "ActionAfterCompletion")).orElse("NONE");
            if (!action.equals("NONE") && !action.equals("DELETE")) {
                throw validation("actionAfterCompletion", action, "Member must satisfy enum value set: [NONE, "
                        + "DELETE]");
            }
            String description = text(body, "Description");
            if (description != null && description.length() > 512) {
                throw validation("description", "...", "Member must have length less than or equal to 512");
            }
            return new Definition(expression, timezone, zone, start, end, state, description, action,
                    text(body, "KmsKeyArn"), flexibleTimeWindow(body.get("FlexibleTimeWindow")),
                    target(body.get("Target")));
        }

        private static ObjectNode flexibleTimeWindow(JsonNode window) {
            if (window == null || !window.isObject()) {
                throw validation("flexibleTimeWindow", null, "Member must not be null");
            }
            String mode = text(window, "Mode");
            if (!"OFF".equals(mode) && !"FLEXIBLE".equals(mode)) {
                throw validation("flexibleTimeWindow.mode", mode, "Member must satisfy enum value set: [OFF, "
                        + "FLEXIBLE]");
            }
            JsonNode minutes = window.get("MaximumWindowInMinutes");
            if (mode.equals("FLEXIBLE") && (minutes == null || !minutes.canConvertToInt() || minutes.asInt() < 1
                    || minutes.asInt() > 1440)) {
                throw new Failure(400, "ValidationException", "MaximumWindowInMinutes between 1 and 1440 is "
                        + "required when Mode is FLEXIBLE");
            }
            if (mode.equals("OFF") && minutes != null && !minutes.isNull()) {
                throw new Failure(400, "ValidationException", "MaximumWindowInMinutes is not allowed when Mode is "
                        + "OFF");
            }
            return (ObjectNode) window.deepCopy();
        }

        private static ObjectNode target(JsonNode target) {
            if (target == null || !target.isObject()) {
                throw validation("target", null, "Member must not be null");
            }
            String arn = text(target, "Arn");
            if (arn == null || arn.isEmpty() || arn.length() > 1600) {
                throw validation("target.arn", arn, "Member must not be null and have length between 1 and 1600");
            }
            String role = text(target, "RoleArn");
            if (role == null || role.isEmpty() || role.length() > 1600) {
                throw validation("target.roleArn", role, "Member must not be null and have length between 1 and "
                        + "1600");
            }
            JsonNode input = target.get("Input");
            if (input != null && !input.isNull() && (!input.isTextual() || input.asText().isEmpty())) {
                throw validation("target.input", input, "Member must be a string of length at least 1");
            }
            ObjectNode stored = (ObjectNode) target.deepCopy();
            // AWS answers the retry policy it applies, its defaults filled in
            JsonNode given = target.get("RetryPolicy");
            ObjectNode retry = stored.putObject("RetryPolicy");
            int age = given != null && given.hasNonNull("MaximumEventAgeInSeconds")
                    ? given.get("MaximumEventAgeInSeconds").asInt() : DEFAULT_MAXIMUM_EVENT_AGE_SECONDS;
            int attempts = given != null && given.hasNonNull("MaximumRetryAttempts")
                    ? given.get("MaximumRetryAttempts").asInt() : DEFAULT_MAXIMUM_RETRY_ATTEMPTS;
            if (age < 60 || age > 86_400) {
                throw validation("target.retryPolicy.maximumEventAgeInSeconds", age, "Member must be between 60 "
                        + "and 86400");
            }
            if (attempts < 0 || attempts > 185) {
                throw validation("target.retryPolicy.maximumRetryAttempts", attempts, "Member must be between 0 "
                        + "and 185");
            }
            retry.put("MaximumEventAgeInSeconds", age).put("MaximumRetryAttempts", attempts);
            return stored;
        }

        private static Instant instant(JsonNode body, String field) {
            JsonNode node = body.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (node.isNumber()) {
                BigDecimal seconds = node.decimalValue();
                return Instant.ofEpochSecond(0).plusMillis(seconds.movePointRight(3).longValue());
            }
            try {
                return Instant.parse(node.asText());
            } catch (DateTimeParseException e) {
                throw validation(field, node.asText(), "Member must be a timestamp");
            }
        }
    }

    /** A schedule and where its runner is. */
    private static final class Schedule {
        final String name;
        final String arn;
        final Instant created;
        Instant modified;
        Definition definition;
        String clientToken;
        /** A rate's first occurrence. */
        Instant anchor;
        /** The next occurrence to fire, or null when none is left. */
        Instant next;
        /** Whether an occurrence of the current expression has been claimed. */
        boolean firedOnce;

        Schedule(String name, String arn, Instant created) {
            this.name = name;
            this.arn = arn;
            this.created = created;
        }

        /**
         * Takes a new definition at {@code now}. The runner starts again from now: nothing before it fires. A rate
         * keeps its anchor unless the expression or start date changed; an at() that fired fires again only for a
         * changed expression or time zone.
         */
        void apply(Definition d, Instant now) {
            Definition before = definition;
            boolean sameTimes = before != null && before.expression.text().equals(d.expression.text())
                    && before.zone.equals(d.zone) && Objects.equals(before.startDate, d.startDate);
            definition = d;
            modified = now;
            if (!sameTimes) {
                anchor = d.startDate != null ? d.startDate : now;
                firedOnce = false;
            }
            if (d.expression instanceof ScheduleExpression.At at) {
                next = firedOnce ? null : at.instant(d.zone);
            } else {
                Instant from = d.startDate != null && d.startDate.isAfter(now) ? d.startDate : now;
                next = occurrenceAtOrAfter(from);
            }
        }

        /** The first occurrence at or after {@code from} within [StartDate, EndDate) (at() once only). */
        Instant occurrenceAtOrAfter(Instant from) {
            Definition d = definition;
            if (d.expression instanceof ScheduleExpression.At) {
                return firedOnce ? null : d.expression.atOrAfter(from, d.zone, anchor);
            }
            Instant start = d.startDate != null && d.startDate.isAfter(from) ? d.startDate : from;
            Instant t = d.expression.atOrAfter(start, d.zone, anchor);
            return t == null || (d.endDate != null && !t.isBefore(d.endDate)) ? null : t;
        }

        boolean enabled() {
            return definition.state.equals("ENABLED");
        }

        boolean deleteAfterCompletion() {
            return definition.actionAfterCompletion.equals("DELETE");
        }
    }

    /** An AWS-shaped error answer. */
    static final class Failure extends RuntimeException {
        final int status;
        final String code;

        Failure(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }
}
