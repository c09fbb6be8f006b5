package dev.madang.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;

/**
 * A stand-in for the part of Amazon SES (API v2) Madang uses, so the code that e-mails fans runs locally through the
 * real SDK v2 {@code SesV2Client}, and a developer reads what was sent in a browser.
 *
 * <h2>Protocol</h2>
 * SES v2's REST JSON, as the SDK speaks it:
 * <ul>
 *   <li>{@code POST /v2/email/outbound-emails} ({@code SendEmail}): {@code FromEmailAddress},
 *       {@code Destination.ToAddresses/CcAddresses/BccAddresses} and a {@code Content.Simple} message (subject, text
 *       and/or HTML body). Answers {@code {"MessageId"}}. As in the SES sandbox, the sender must be a verified
 *       identity (the address, or its domain): otherwise 400 {@code MessageRejected}, which the SDK throws as
 *       {@code MessageRejectedException}. A message without a recipient or a subject is a 400
 *       {@code BadRequestException}.</li>
 *   <li>{@code POST /v2/email/identities} ({@code CreateEmailIdentity}): the identity is verified at once (SES
 *       sends a confirmation e-mail or asks for DKIM records; here nobody has to click). Provisioning does this
 *       for the template's {@code AWS::SES::EmailIdentity} resources.</li>
 * </ul>
 * Errors carry their code in {@code x-amzn-ErrorType} and {@code {"message"}}. Request signatures are not verified.
 * Not served (404 {@code NotFoundException}): raw and templated messages, bulk sending, configuration sets,
 * suppression lists, sending quotas and rates, bounces and complaints.
 *
 * <h2>Reading the mail</h2>
 * {@code GET /} lists the messages kept, newest first, as HTML; {@code GET /messages/<MessageId>} shows one.
 * {@link #messages()} gives them to tests.
 */
public final class SesStandIn implements AutoCloseable {

    /** One sent e-mail as SES accepted it. */
    public record SentEmail(String messageId, Instant sentAt, String from, List<String> to, String subject,
                            String text, String html) {
    }

    private static final String SEND_PATH = "/v2/email/outbound-emails";
    private static final String IDENTITIES_PATH = "/v2/email/identities";
    private static final int MAX_BODY = 10 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final Set<String> verifiedIdentities = ConcurrentHashMap.newKeySet();
    private final List<SentEmail> sent = new CopyOnWriteArrayList<>();

    private SesStandIn(HttpServer server, ExecutorService executor, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.clock = clock;
    }

    /** Starts on a free loopback port. */
    public static SesStandIn start() {
        return start(0);
    }

    /** Starts on {@code port} of loopback (0: any free port). */
    public static SesStandIn start(int port) {
        HttpServer server = LoopbackServers.listen("SES stand-in", port);
        ExecutorService executor = LoopbackServers.daemonThreads("ses-standin");
        SesStandIn standIn = new SesStandIn(server, executor, Clock.systemUTC());
        LoopbackServers.serve(server, executor, standIn::handle);
        return standIn;
    }

    /** The endpoint to give the SDK ({@code endpointOverride}); its root is also the mail viewer. */
    public URI endpoint() {
        return LoopbackServers.endpoint(server);
    }

    /** Where a developer reads the mail: the list of messages sent. */
    public URI viewer() {
        return URI.create(endpoint() + "/");
    }

    /** Verifies an e-mail address or a domain as a sender, as {@code CreateEmailIdentity} does. */
    public void verifyIdentity(String identity) {
        verifiedIdentities.add(identity.toLowerCase(Locale.ROOT));
    }

    /** Every message accepted so far, oldest first. */
    public List<SentEmail> messages() {
        return List.copyOf(sent);
    }

    /** The messages sent to one address, oldest first. */
    public List<SentEmail> messagesTo(String address) {
        return sent.stream().filter(m -> m.to().stream().anyMatch(address::equalsIgnoreCase)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "SesStandIn[" + endpoint() + ", " + sent.size() + " sent]";
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && path.equals(SEND_PATH)) {
                sendEmail(exchange, readJson(exchange));
            } else if (method.equals("POST") && path.equals(IDENTITIES_PATH)) {
                createIdentity(exchange, readJson(exchange));
            } else if (method.equals("GET") && (path.equals("/") || path.isEmpty())) {
                html(exchange, 200, listPage());
            } else if (method.equals("GET") && path.startsWith("/messages/")) {
                String id = path.substring("/messages/".length());
                Optional<SentEmail> found = sent.stream().filter(m -> m.messageId().equals(id)).findFirst();
                if (found.isPresent()) {
                    html(exchange, 200, messagePage(found.get()));
                } else {
                    html(exchange, 404, page("Not found", "<p>No message " + escape(id) + ".</p>"));
                }
            } else {
                error(exchange, 404, "NotFoundException", "the SES stand-in does not serve " + method + " " + path);
            }
        } catch (IOException e) {
            // the caller went away
        }
    }

    private void sendEmail(HttpExchange exchange, JsonNode body) throws IOException {
        if (body == null) {
            error(exchange, 400, "BadRequestException", "the body is not JSON");
            return;
        }
        String from = body.path("FromEmailAddress").asText("");
        List<String> to = new ArrayList<>();
        for (String field : List.of("ToAddresses", "CcAddresses", "BccAddresses")) {
            body.path("Destination").path(field).forEach(a -> to.add(a.asText()));
        }
        JsonNode simple = body.path("Content").path("Simple");
        String subject = simple.path("Subject").path("Data").asText(null);
        String text = simple.path("Body").path("Text").path("Data").asText(null);
        String html = simple.path("Body").path("Html").path("Data").asText(null);
        if (simple.isMissingNode()) {
            error(exchange, 400, "BadRequestException", "only Content.Simple messages are served by this stand-in");
        } else if (to.isEmpty() || subject == null || (text == null && html == null)) {
            error(exchange, 400, "BadRequestException", "a message needs a recipient, a subject and a body");
        } else if (!verified(from)) {
            error(exchange, 400, "MessageRejected", "Email address is not verified. The following identities failed "
                    + "the check in region " + LocalAws.REGION + ": " + from);
        } else {
            SentEmail mail = new SentEmail(UUID.randomUUID().toString(), clock.instant(), from, List.copyOf(to),
                    subject, text, html);
            sent.add(mail);
            ObjectNode answer = JSON.createObjectNode().put("MessageId", mail.messageId());
            json(exchange, 200, answer);
        }
    }

    private void createIdentity(HttpExchange exchange, JsonNode body) throws IOException {
        String identity = body == null ? "" : body.path("EmailIdentity").asText("");
        if (identity.isBlank()) {
            error(exchange, 400, "BadRequestException", "EmailIdentity is required");
            return;
        }
        verifyIdentity(identity);
        json(exchange, 200, JSON.createObjectNode()
                .put("IdentityType", identity.contains("@") ? "EMAIL_ADDRESS" : "DOMAIN")
                .put("VerifiedForSendingStatus", true));
    }

    /** A sender is verified as itself, or by its domain ("Name <a@b>" is how SES lets a sender carry a name). */
    private boolean verified(String from) {
        String address = from.contains("<") ? from.substring(from.indexOf('<') + 1, from.lastIndexOf('>')) : from;
        address = address.strip().toLowerCase(Locale.ROOT);
        return verifiedIdentities.contains(address)
                || (address.contains("@") && verifiedIdentities.contains(address.substring(address.indexOf('@') + 1)));
    }

    private String listPage() {
        StringBuilder rows = new StringBuilder();
        List<SentEmail> newestFirst = new ArrayList<>(sent);
        java.util.Collections.reverse(newestFirst);
        for (SentEmail m : newestFirst) {
            rows.append("<tr><td>").append(m.sentAt()).append("</td><td>").append(escape(String.join(", ", m.to())))
                    .append("</td><td><a href=\"/messages/").append(m.messageId()).append("\">")
                    .append(escape(m.subject())).append("</a></td></tr>\n");
        }
        return page("Sent e-mail (" + sent.size() + ")", sent.isEmpty() ? "<p>Nothing sent yet.</p>"
                : "<table><tr><th>Sent</th><th>To</th><th>Subject</th></tr>\n" + rows + "</table>");
    }

    private String messagePage(SentEmail m) {
        return page(escape(m.subject()), "<p><a href=\"/\">All messages</a></p><dl><dt>From</dt><dd>"
                + escape(m.from()) + "</dd><dt>To</dt><dd>" + escape(String.join(", ", m.to())) + "</dd><dt>Sent</dt><dd>"
                + m.sentAt() + "</dd><dt>Message id</dt><dd>" + m.messageId() + "</dd></dl>"
                + (m.text() == null ? "" : "<pre>" + escape(m.text()) + "</pre>")
                // an HTML body is shown as its source: the viewer never runs what an e-mail carries
                + (m.html() == null ? "" : "<h2>HTML body</h2><pre>" + escape(m.html()) + "</pre>"));
    }

    private static String page(String title, String content) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + " · SES stand-in</title><style>body{font-family:sans-serif;margin:2em}td,th{padding:4px 12px;"
                + "text-align:left}pre{white-space:pre-wrap}</style></head><body><h1>" + title + "</h1>" + content
                + "</body></html>";
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static JsonNode readJson(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY);
            return JSON.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", code);
        json(exchange, status, JSON.createObjectNode().put("message", message));
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void html(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "text/html; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
