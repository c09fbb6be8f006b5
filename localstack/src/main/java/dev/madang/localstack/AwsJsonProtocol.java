package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/**
 * The AWS JSON 1.1 protocol as the stand-ins speak it (Secrets Manager, EventBridge): {@code POST /} with
 * {@code X-Amz-Target: <prefix>.<Operation>} and a JSON object body; answers in
 * {@code application/x-amz-json-1.1}, errors as {@code {"__type":"<Code>","message":...}} with the code also in
 * {@code x-amzn-ErrorType}, which the SDK turns into its typed exceptions.
 */
final class AwsJsonProtocol {

    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1024 * 1024;

    private AwsJsonProtocol() {
    }

    /** A refused request: its error code and message, answered with {@code status}. */
    static final class Refusal extends Exception {

        final int status;
        final String code;

        Refusal(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    /** The operation named by {@code X-Amz-Target} after {@code prefix} (e.g. {@code "AWSEvents."}). */
    static String operation(HttpExchange exchange, String prefix) throws Refusal {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(prefix)) {
            throw new Refusal(400, "UnknownOperationException", "only POST / with X-Amz-Target " + prefix
                    + "<Operation> is served, not " + target);
        }
        return target.substring(prefix.length());
    }

    /** The request's JSON object (an empty body is {@code {}}). */
    static JsonNode body(HttpExchange exchange) throws Refusal {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw new Refusal(400, "SerializationException", "the request body could not be read");
        }
        if (bytes.length > MAX_BODY) {
            throw new Refusal(413, "InvalidRequestException", "the request body is too large");
        }
        JsonNode body;
        try {
            body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        } catch (IOException e) {
            throw new Refusal(400, "SerializationException", "the request body is not JSON");
        }
        if (body == null || !body.isObject()) {
            throw new Refusal(400, "SerializationException", "the request body is not a JSON object");
        }
        return body;
    }

    static ObjectNode error(String code, String message) {
        return JSON.createObjectNode().put("__type", code).put("message", message);
    }

    static void refuse(HttpExchange exchange, Refusal refusal) throws IOException {
        respond(exchange, refusal.status, error(refusal.code, refusal.getMessage()));
    }

    static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        JsonNode code = body.get("__type");
        if (code != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", code.asText());
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
