package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the part of Amazon EventBridge Madang uses: {@code PutEvents} onto event buses, rules matching
 * event patterns, and Lambda targets invoked through the {@link LambdaDispatcher}. The real SDK v2
 * {@code EventBridgeClient} works against it over real HTTP. None of the open-source engines of the local stack
 * serves EventBridge without Docker. A JDK {@link HttpServer} on a loopback port; buses and rules in memory.
 *
 * <h2>Protocol</h2>
 * AWS JSON 1.1: {@code POST /}, {@code X-Amz-Target: AWSEvents.PutEvents}, as the SDK speaks it. The answer is
 * {@code {"FailedEntryCount":n,"Entries":[{"EventId":...} or {"ErrorCode":...,"ErrorMessage":...}]}} in the order
 * of the request's entries; an entry without {@code Source}, {@code DetailType} or {@code Detail}, with a
 * {@code Detail} that is not a JSON object, or naming a bus that does not exist, fails alone. More than 10 entries
 * is a {@code ValidationException}. Signatures are not verified. Other operations answer
 * {@code UnknownOperationException}: buses and rules come from {@code template.yaml} ({@link #provision}), not
 * from {@code PutRule}/{@code PutTargets}.
 *
 * <h2>Provisioning</h2>
 * {@code AWS::Events::EventBus} resources (local name: the logical id, as {@code !Ref} resolves it locally; the
 * {@code default} bus always exists), {@code AWS::Events::Rule} resources ({@code EventBusName}, {@code EventPattern},
 * {@code Targets} whose {@code Arn} is a function's {@code !GetAtt X.Arn} or {@code !Ref X.Alias}) and SAM functions'
 * {@code EventBridgeRule} events ({@code EventBusName}, {@code Pattern}; the target is the function's alias when it
 * has an {@code AutoPublishAlias}, as SAM makes it; locally every qualifier reaches the one function).
 *
 * <h2>Event patterns (the subset served)</h2>
 * A pattern is an object whose fields name event fields ({@code source}, {@code detail-type}, {@code account},
 * {@code region}, {@code resources}, {@code detail} and, nested, any field of the detail); every field of the pattern
 * must match. A field's value is an object (match the nested fields) or an array of accepted values, each either a
 * literal (string, number, boolean, null: equal to the event's value, or to any element of an array value),
 * {@code {"prefix": "..."}}, {@code {"exists": true|false}} or {@code {"anything-but": literal or [literals]}}. Not
 * served: {@code numeric}, {@code cidr}, {@code suffix}, {@code equals-ignore-case}, {@code wildcard},
 * {@code $or}; a pattern using them never matches, and provisioning refuses it.
 *
 * <h2>Delivery</h2>
 * Each matching rule's targets are invoked asynchronously with the event envelope ({@code version}, {@code id},
 * {@code detail-type}, {@code source}, {@code account}, {@code time}, {@code region}, {@code resources},
 * {@code detail}), once: no retries and no dead-letter queue (a failed invocation is recorded in
 * {@link #deliveries()} and printed). Only Lambda targets.
 */
public final class EventBridgeStandIn implements AutoCloseable {

    public static final String DEFAULT_BUS = "default";
    public static final String EVENT_BUS = "AWS::Events::EventBus";
    public static final String RULE = "AWS::Events::Rule";

    private static final String TARGET_PREFIX = "AWSEvents.";
    private static final int MAX_ENTRIES = 10;
    private static final ObjectMapper JSON = AwsJsonProtocol.JSON;
    private static final Set<String> OPERATORS = Set.of("prefix", "exists", "anything-but");

    /** A rule: on a bus, with a pattern, invoking functions (their ARNs). */
    public record Rule(String bus, String name, JsonNode pattern, List<String> targetArns) {

        public Rule {
            targetArns = List.copyOf(targetArns);
        }
    }

    /** One invocation of a target: what was delivered and how it went. */
    public record Delivery(String rule, String targetArn, String eventId, String detailType, JsonNode event,
                           boolean succeeded, String answer) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final ExecutorService deliverers;
    private final HttpClient http;
    private final URI lambdaEndpoint;
    private final Set<String> buses = ConcurrentHashMap.newKeySet();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();

    private EventBridgeStandIn(HttpServer server, ExecutorService executor, URI lambdaEndpoint) {
        this.server = server;
        this.executor = executor;
        this.lambdaEndpoint = lambdaEndpoint;
        this.deliverers = LoopbackServers.daemonThreads("eventbridge-deliver");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(deliverers).build();
        buses.add(DEFAULT_BUS);
    }

    /** Starts on a free loopback port, invoking targets at {@code lambdaEndpoint} ({@link LambdaDispatcher#endpoint()}). */
    public static EventBridgeStandIn start(URI lambdaEndpoint) {
        HttpServer server = LoopbackServers.listen("EventBridge stand-in", 0);
        ExecutorService executor = LoopbackServers.daemonThreads("eventbridge-standin");
        EventBridgeStandIn standIn = new EventBridgeStandIn(server, executor, lambdaEndpoint);
        LoopbackServers.serve(server, executor, standIn::handle);
        return standIn;
    }

    public URI endpoint() {
        return LoopbackServers.endpoint(server);
    }

    /** Requests received so far, answered successfully or not. */
    public int requestCount() {
        return requests.get();
    }

    public void addBus(String name) {
        buses.add(name);
    }

    /** Adds a rule (its pattern checked against the subset served). */
    public void addRule(Rule rule) {
        if (!buses.contains(rule.bus())) {
            throw new IllegalArgumentException("rule " + rule.name() + " names the bus " + rule.bus()
                    + ", which does not exist");
        }
        checkPattern(rule.pattern(), rule.name());
        rules.removeIf(r -> r.bus().equals(rule.bus()) && r.name().equals(rule.name()));
        rules.add(rule);
    }

    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    /** Every target invocation finished so far, oldest first. */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Waits until no delivery is under way (or {@code timeout} passes); true when none is. */
    public boolean awaitDeliveries(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() > end) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return true;
    }

    /** SAM points a function's events at its AutoPublishAlias when it has one (the qualifier names the same function). */
    private static String aliasOrFunctionArn(SamTemplate.Function f) {
        Object alias = f.properties().get("AutoPublishAlias");
        return TemplateProvisioner.functionArn(f.logicalId()) + (alias instanceof String name ? ":" + name : "");
    }

    /** Creates the template's buses and rules (see the class comment); provisioning again replaces the rules. */
    public void provision(SamTemplate template) {
        for (SamTemplate.Resource bus : template.resourcesOfType(EVENT_BUS)) {
            addBus(bus.logicalId());
        }
        for (SamTemplate.Resource rule : template.resourcesOfType(RULE)) {
            Map<String, Object> p = rule.properties();
            List<String> targets = new ArrayList<>();
            if (p.get("Targets") instanceof List<?> list) {
                for (Object t : list) {
                    if (t instanceof Map<?, ?> target && target.get("Arn") instanceof SamTemplate.GetAtt arn
                            && arn.attribute().equals("Arn")) {
                        targets.add(TemplateProvisioner.functionArn(arn.resource()));
                    } else if (t instanceof Map<?, ?> target && target.get("Arn") instanceof SamTemplate.Ref ref
                            && ref.target().endsWith(".Alias")) {
                        // !Ref Function.Alias: one local function serves every alias
                        targets.add(aliasOrFunctionArn(template.function(ref.target().substring(0,
                                ref.target().length() - ".Alias".length()))));
                    }
                }
            }
            addRule(new Rule(busName(p.get("EventBusName")), rule.logicalId(), JSON.valueToTree(p.get("EventPattern")),
                    targets));
        }
        for (SamTemplate.Function f : template.functions()) {
            for (SamTemplate.Event e : f.events()) {
                if (e.type().equals("EventBridgeRule")) {
                    addRule(new Rule(busName(e.properties().get("EventBusName")), f.logicalId() + e.name(),
                            JSON.valueToTree(e.properties().get("Pattern")),
                            List.of(aliasOrFunctionArn(f))));
                }
            }
        }
    }

    private static String busName(Object value) {
        if (value == null) {
            return DEFAULT_BUS;
        }
        if (value instanceof SamTemplate.Ref ref) {
            return ref.target();
        }
        if (value instanceof String name) {
            return name;
        }
        throw new IllegalArgumentException("an EventBusName the stand-in cannot resolve: " + value);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        deliverers.shutdownNow();
    }

    @Override
    public String toString() {
        return "EventBridgeStandIn[" + endpoint() + "]";
    }

    // ------------------------------------------------------------------------------------------------------
    // PutEvents
    // ------------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            JsonNode entries;
            try {
                String operation = AwsJsonProtocol.operation(exchange, TARGET_PREFIX);
                if (!operation.equals("PutEvents")) {
                    throw new AwsJsonProtocol.Refusal(400, "UnknownOperationException",
                            "the stand-in serves PutEvents only; rules come from template.yaml");
                }
                entries = AwsJsonProtocol.body(exchange).path("Entries");
                if (!entries.isArray() || entries.isEmpty() || entries.size() > MAX_ENTRIES) {
                    throw new AwsJsonProtocol.Refusal(400, "ValidationException", "Entries must hold 1 to "
                            + MAX_ENTRIES + " entries");
                }
            } catch (AwsJsonProtocol.Refusal r) {
                AwsJsonProtocol.refuse(exchange, r);
                return;
            }
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode results = answer.putArray("Entries");
            int failed = 0;
            for (JsonNode entry : entries) {
                ObjectNode result = results.addObject();
                String problem = put(entry, result);
                if (problem != null) {
                    failed++;
                    result.put("ErrorCode", problem.substring(0, problem.indexOf(':')))
                            .put("ErrorMessage", problem.substring(problem.indexOf(':') + 2));
                }
            }
            answer.put("FailedEntryCount", failed);
            AwsJsonProtocol.respond(exchange, 200, answer);
        }
    }

    /** Accepts one entry and starts its deliveries; null, or "Code: message" when it is refused. */
    private String put(JsonNode entry, ObjectNode result) {
        String source = entry.path("Source").asText("");
        String detailType = entry.path("DetailType").asText("");
        String detailText = entry.path("Detail").asText("");
        if (source.isEmpty() || detailType.isEmpty() || detailText.isEmpty()) {
            return "InvalidArgument: Source, DetailType and Detail are required";
        }
        JsonNode detail;
        try {
            detail = JSON.readTree(detailText);
        } catch (IOException e) {
            detail = null;
        }
        if (detail == null || !detail.isObject()) {
            return "MalformedDetail: Detail is not a JSON object";
        }
        String bus = entry.path("EventBusName").asText(DEFAULT_BUS);
        if (bus.contains("/")) {
            bus = bus.substring(bus.lastIndexOf('/') + 1); // an ARN names the bus after "event-bus/"
        }
        if (!buses.contains(bus)) {
            return "ResourceNotFoundException: Event bus " + bus + " does not exist";
        }
        String id = UUID.randomUUID().toString();
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0").put("id", id).put("detail-type", detailType).put("source", source)
                .put("account", LocalAws.ACCOUNT_ID)
                .put("time", entry.hasNonNull("Time") ? entry.get("Time").asText() : Instant.now().toString()
                        .replaceAll("\\.\\d+Z$", "Z"))
                .put("region", LocalAws.REGION);
        event.set("resources", entry.has("Resources") ? entry.get("Resources") : JSON.createArrayNode());
        event.set("detail", detail);
        for (Rule rule : rules) {
            if (rule.bus().equals(bus) && matches(rule.pattern(), event)) {
                for (String arn : rule.targetArns()) {
                    deliver(rule, arn, id, detailType, event);
                }
            }
        }
        result.put("EventId", id);
        return null;
    }

    private void deliver(Rule rule, String arn, String id, String detailType, ObjectNode event) {
        pending.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(URI.create(lambdaEndpoint + "/2015-03-31/functions/"
                        + URLEncoder.encode(arn, StandardCharsets.UTF_8) + "/invocations"))
                .timeout(Duration.ofMinutes(15))
                .header("Content-Type", "application/json")
                .header("X-Amz-Invocation-Type", "RequestResponse")
                .POST(HttpRequest.BodyPublishers.ofString(event.toString(), StandardCharsets.UTF_8)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).whenComplete((r, e) -> {
            boolean ok = e == null && r.statusCode() == 200 && r.headers().firstValue("X-Amz-Function-Error").isEmpty();
            String answer = e != null ? e.toString() : "HTTP " + r.statusCode() + " " + r.body();
            deliveries.add(new Delivery(rule.name(), arn, id, detailType, event, ok, answer));
            if (!ok) {
                System.err.println("[eventbridge] " + rule.name() + " → " + arn + " failed: " + answer);
            }
            pending.decrementAndGet();
        });
    }

    // ------------------------------------------------------------------------------------------------------
    // Event patterns
    // ------------------------------------------------------------------------------------------------------

    /** True when every field of {@code pattern} matches {@code value} (see the class comment for the subset). */
    static boolean matches(JsonNode pattern, JsonNode value) {
        for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode actual = value == null ? null : value.get(field.getKey());
            JsonNode wanted = field.getValue();
            if (wanted.isObject()) {
                if (actual == null || !actual.isObject() || !matches(wanted, actual)) {
                    return false;
                }
            } else if (!anyAccepted(wanted, actual)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyAccepted(JsonNode accepted, JsonNode actual) {
        for (JsonNode a : accepted) {
            if (a.isObject() && a.has("exists")) {
                if (a.get("exists").asBoolean() == (actual != null && !actual.isNull())) {
                    return true;
                }
                continue;
            }
            if (actual == null) {
                continue;
            }
            for (JsonNode v : actual.isArray() ? actual : JSON.createArrayNode().add(actual)) {
                if (accepts(a, v)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean accepts(JsonNode accepted, JsonNode v) {
        if (!accepted.isObject()) {
            return accepted.equals(v) || accepted.isNumber() && v.isNumber()
                    && accepted.decimalValue().compareTo(v.decimalValue()) == 0;
        }
        if (accepted.has("prefix")) {
            return v.isTextual() && v.asText().startsWith(accepted.get("prefix").asText());
        }
        if (accepted.has("anything-but")) {
            JsonNode but = accepted.get("anything-but");
            for (JsonNode b : but.isArray() ? but : JSON.createArrayNode().add(but)) {
                if (accepts(b, v)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static void checkPattern(JsonNode pattern, String rule) {
        if (pattern == null || !pattern.isObject() || pattern.isEmpty()) {
            throw new IllegalArgumentException("rule " + rule + ": a pattern is a non-empty object");
        }
        pattern.fields().forEachRemaining(f -> {
            if (f.getKey().startsWith("$")) {
                throw new IllegalArgumentException("rule " + rule + ": " + f.getKey() + " is not served");
            }
            if (f.getValue().isObject()) {
                checkPattern(f.getValue(), rule);
            } else if (!f.getValue().isArray()) {
                throw new IllegalArgumentException("rule " + rule + ": " + f.getKey()
                        + " must be an array of accepted values or an object");
            } else {
                for (JsonNode a : f.getValue()) {
                    if (a.isObject() && (a.size() != 1 || !OPERATORS.contains(a.fieldNames().next()))) {
                        throw new IllegalArgumentException("rule " + rule + ": " + a
                                + " is not an operator the stand-in serves " + OPERATORS);
                    }
                }
            }
        });
    }
}
