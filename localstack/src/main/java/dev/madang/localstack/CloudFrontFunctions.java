package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.madang.localstack.CloudFrontDistribution.ViewerFunction;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs viewer-request CloudFront Functions for the {@link CloudFrontStandIn}: the template's own
 * {@code FunctionCode}, executed by Node.js ({@code localstack/cloudfront-functions/server.mjs}, a child process
 * on a free loopback port), so that the JavaScript that is deployed is the JavaScript that runs locally. This
 * class translates between a viewer's request and the CloudFront Functions event ({@code cloudfront-js-2.0}
 * shape: {@code request.uri}, {@code querystring}, {@code headers} and {@code cookies} as
 * {@code {name: {value, multiValue}}}), and applies what the handler returns: the request, changed, or a response
 * that the stand-in sends instead of asking an origin.
 *
 * <p>Node runs a superset of CloudFront's JavaScript: code that CloudFront would reject may run here, and
 * CloudFront's limits (1 ms of compute, 10 KB of code) are not imitated; a handler gets a second. Key value stores
 * are not available.
 */
final class CloudFrontFunctions implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern READY = Pattern.compile("cloudfront-functions listening on (\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeProcess process;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private CloudFrontFunctions(NodeProcess process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts the runner from the repository's {@code localstack/} folder and waits until it listens. */
    static CloudFrontFunctions start(Path localstackDir) {
        Path script = localstackDir.resolve("cloudfront-functions").resolve("server.mjs");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("the CloudFront Functions runner is missing: " + script);
        }
        AtomicInteger port = new AtomicInteger();
        NodeProcess process = NodeProcess.start("cloudfront-functions", script, List.of(),
                Map.of("PORT", "0", "CLOUDFRONT_FUNCTIONS_EXIT_ON_STDIN_EOF", "1"),
                line -> {
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        port.set(Integer.parseInt(m.group(1)));
                        return true;
                    }
                    return false;
                }, START_TIMEOUT);
        return new CloudFrontFunctions(process, URI.create("http://127.0.0.1:" + port.get()));
    }

    @Override
    public void close() {
        process.close();
    }

    // ------------------------------------------------------------------------------------------------------

    /**
     * A viewer's request as a viewer-request function sees and changes it.
     *
     * @param uri      the path, percent-encoded as received
     * @param rawQuery the query string as received, without {@code ?}; empty if none
     * @param headers  lower-case names, values in order (the {@code cookie} header included)
     */
    record ViewerRequest(String method, String uri, String rawQuery, Map<String, List<String>> headers,
                         String viewerIp) {
    }

    /** What a viewer-request function decided: go on with {@code request}, or answer with {@code response}. */
    record Outcome(ViewerRequest request, GeneratedResponse response) {
    }

    /** A response made by a function ({@code statusCode}, {@code headers}, {@code body}). */
    record GeneratedResponse(int status, Map<String, List<String>> headers, byte[] body) {
    }

    /** Raised when a function does not compile, throws, runs too long or returns neither a request nor a response. */
    static final class FunctionFailure extends Exception {
        FunctionFailure(String message) {
            super(message);
        }
    }

    /** Runs a viewer-request function on a request. */
    Outcome viewerRequest(ViewerFunction function, ViewerRequest request, String distributionDomain,
                          String distributionId) throws FunctionFailure {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "1.0");
        event.putObject("context").put("distributionDomainName", distributionDomain)
                .put("distributionId", distributionId).put("eventType", "viewer-request")
                .put("requestId", UUID.randomUUID().toString());
        event.putObject("viewer").put("ip", request.viewerIp());
        ObjectNode r = event.putObject("request");
        r.put("method", request.method());
        r.put("uri", request.uri());
        r.set("querystring", values(queryPairs(request.rawQuery())));
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        List<String> cookieHeaders = headers.remove("cookie");
        r.set("headers", values(headers));
        r.set("cookies", values(cookies(cookieHeaders)));

        JsonNode result = invoke(function, event);
        if (result == null || !result.isObject()) {
            throw new FunctionFailure(function.logicalId() + " returned " + result + ", neither a request nor a "
                    + "response");
        }
        if (result.has("statusCode")) {
            return new Outcome(null, response(function, result));
        }
        String uri = result.path("uri").asText(request.uri());
        Map<String, List<String>> newHeaders = new LinkedHashMap<>();
        readValues(result.path("headers")).forEach((name, v) -> newHeaders.put(name.toLowerCase(Locale.ROOT), v));
        Map<String, List<String>> newCookies = readValues(result.path("cookies"));
        if (!newCookies.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            newCookies.forEach((name, vs) -> vs.forEach(v -> pairs.add(name + "=" + v)));
            newHeaders.put("cookie", List.of(String.join("; ", pairs)));
        }
        List<String> query = new ArrayList<>();
        readValues(result.path("querystring")).forEach((name, vs) -> vs.forEach(v ->
                query.add(v.isEmpty() ? name : name + "=" + v)));
        return new Outcome(new ViewerRequest(request.method(), uri, String.join("&", query), newHeaders,
                request.viewerIp()), null);
    }

    private JsonNode invoke(ViewerFunction function, ObjectNode event) throws FunctionFailure {
        ObjectNode body = JSON.createObjectNode().put("name", function.logicalId()).put("code", function.code());
        body.set("event", event);
        JsonNode answer;
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/invocations"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new FunctionFailure("the CloudFront Functions runner did not answer (" + e + "): "
                    + process.outputTail());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FunctionFailure("interrupted");
        }
        if (answer.hasNonNull("error")) {
            throw new FunctionFailure(function.logicalId() + " failed: " + answer.get("error").asText());
        }
        return answer.get("result");
    }

    private static GeneratedResponse response(ViewerFunction function, JsonNode result) throws FunctionFailure {
        int status = result.path("statusCode").asInt(0);
        if (status < 100 || status > 599) {
            throw new FunctionFailure(function.logicalId() + " answered statusCode " + result.get("statusCode"));
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        readValues(result.path("headers")).forEach((name, v) -> headers.put(name.toLowerCase(Locale.ROOT), v));
        JsonNode cookies = result.path("cookies");
        if (cookies.isObject()) {
            List<String> setCookies = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = cookies.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> c = it.next();
                String attributes = c.getValue().path("attributes").asText("");
                setCookies.add(c.getKey() + "=" + c.getValue().path("value").asText("")
                        + (attributes.isEmpty() ? "" : "; " + attributes));
            }
            if (!setCookies.isEmpty()) {
                headers.put("set-cookie", setCookies);
            }
        }
        JsonNode body = result.path("body");
        byte[] bytes;
        if (body.isTextual()) {
            bytes = body.asText().getBytes(StandardCharsets.UTF_8);
        } else if (body.isObject()) {
            String data = body.path("data").asText("");
            bytes = "base64".equals(body.path("encoding").asText("text")) ? Base64.getDecoder().decode(data)
                    : data.getBytes(StandardCharsets.UTF_8);
        } else {
            bytes = new byte[0];
        }
        return new GeneratedResponse(status, headers, bytes);
    }

    /** {@code {name: {value}}}, with {@code multiValue} when a name has several values, as CloudFront gives them. */
    private static ObjectNode values(Map<String, List<String>> values) {
        ObjectNode out = JSON.createObjectNode();
        values.forEach((name, vs) -> {
            if (vs.isEmpty()) {
                return;
            }
            ObjectNode v = out.putObject(name).put("value", vs.get(0));
            if (vs.size() > 1) {
                ArrayNode multi = v.putArray("multiValue");
                vs.forEach(each -> multi.addObject().put("value", each));
            }
        });
        return out;
    }

    /** Reads {@code {name: {value, multiValue}}} back (multiValue wins when present). */
    private static Map<String, List<String>> readValues(JsonNode node) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (!node.isObject()) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> vs = new ArrayList<>();
            JsonNode multi = e.getValue().path("multiValue");
            if (multi.isArray() && !multi.isEmpty()) {
                multi.forEach(m -> vs.add(m.path("value").asText("")));
            } else if (e.getValue().has("value")) {
                vs.add(e.getValue().path("value").asText(""));
            }
            out.put(e.getKey(), vs);
        }
        return out;
    }

    /** Query pairs as received (not decoded: a function sees and writes them raw). */
    static Map<String, List<String>> queryPairs(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.computeIfAbsent(eq < 0 ? pair : pair.substring(0, eq), k -> new ArrayList<>())
                    .add(eq < 0 ? "" : pair.substring(eq + 1));
        }
        return out;
    }

    /** The cookies of {@code Cookie} headers, {@code a=1; b=2}. */
    static Map<String, List<String>> cookies(List<String> cookieHeaders) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (cookieHeaders == null) {
            return out;
        }
        for (String header : cookieHeaders) {
            for (String part : header.split(";")) {
                String p = part.strip();
                if (p.isEmpty()) {
                    continue;
                }
                int eq = p.indexOf('=');
                out.computeIfAbsent(eq < 0 ? p : p.substring(0, eq).strip(), k -> new ArrayList<>())
                        .add(eq < 0 ? "" : p.substring(eq + 1).strip());
            }
        }
        return out;
    }
}
