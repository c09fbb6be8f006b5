package dev.madang.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the Lambda Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) on a free
 * loopback port, dispatching to Java {@link LambdaFunction}s registered by name.
 *
 * <p>The Step Functions bridge ({@link SfnBridge}) sends its Task invocations here; an AWS SDK v2
 * {@code LambdaClient} with {@code endpointOverride(endpoint())} works too. The function may be addressed by name,
 * {@code name:qualifier}, partial ARN or full ARN. Invocation types: {@code RequestResponse} (default),
 * {@code Event} (answered 202 at once, run in the background) and {@code DryRun} (204). A function exception is
 * answered 200 with {@code X-Amz-Function-Error: Unhandled} and {@code {"errorType", "errorMessage",
 * "stackTrace"}}; an unknown function 404 with {@code X-Amzn-ErrorType: ResourceNotFoundException}.
 * Requests run on a small thread pool, so several invocations proceed at once.
 */
public final class LambdaDispatcher implements AutoCloseable {

    /** Threads serving invocations by default. */
    public static final int DEFAULT_THREADS = 16;

    private static final Pattern INVOKE_PATH = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations/?$");
    private static final int MAX_STACK_FRAMES = 15;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService pool;
    private final URI endpoint;
    private final Map<String, LambdaFunction> functions = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    private LambdaDispatcher(HttpServer server, ExecutorService pool) {
        this.server = server;
        this.pool = pool;
        this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Starts a dispatcher with {@value #DEFAULT_THREADS} worker threads on a free loopback port. */
    public static LambdaDispatcher start() {
        return start(DEFAULT_THREADS);
    }

    /** Starts a dispatcher with {@code threads} worker threads on a free loopback port. */
    public static LambdaDispatcher start(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        int instance = INSTANCES.incrementAndGet();
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "lambda-dispatcher-" + instance + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads, factory);
        HttpServer server;
        LoopbackServers.answerWithoutDelay();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            pool.shutdownNow();
            throw new UncheckedIOException("cannot open the Lambda dispatcher's port", e);
        }
        LambdaDispatcher dispatcher = new LambdaDispatcher(server, pool);
        server.createContext("/", dispatcher::handle);
        server.setExecutor(pool);
        server.start();
        return dispatcher;
    }

    /** Base URL of the Invoke API, e.g. {@code http://127.0.0.1:43125}. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Serves {@code fn} under {@code functionName} (a name, or an ARN whose name part is used), replacing any
     * function registered under that name before.
     */
    public void register(String functionName, LambdaFunction fn) {
        Objects.requireNonNull(fn, "fn");
        functions.put(nameOf(Objects.requireNonNull(functionName, "functionName")), fn);
    }

    /** Stops serving a function; later invocations get 404. */
    public void unregister(String functionName) {
        functions.remove(nameOf(functionName));
    }

    /** The names currently served. */
    public Set<String> functionNames() {
        return new TreeSet<>(functions.keySet());
    }

    /** Stops the server and its threads. Idempotent. */
    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    /**
     * The function name in a reference as the Invoke API accepts it: {@code name}, {@code name:qualifier},
     * {@code account:function:name[:qualifier]} or {@code arn:aws:lambda:region:account:function:name[:qualifier]}.
     */
    static String nameOf(String reference) {
        String[] parts = reference.split(":", -1);
        if (parts.length >= 7 && parts[0].equals("arn")) {
            return parts[6];
        }
        if (parts.length >= 3 && parts[1].equals("function")) {
            return parts[2];
        }
        return parts[0];
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Matcher matcher = INVOKE_PATH.matcher(exchange.getRequestURI().getRawPath());
            if (!matcher.matches() || !"POST".equals(exchange.getRequestMethod())) {
                sendError(exchange, 404, "UnknownOperationException", "not a Lambda Invoke request: "
                        + exchange.getRequestMethod() + " " + exchange.getRequestURI());
                return;
            }
            String reference = URLDecoder.decode(matcher.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
            String name = nameOf(reference);
            LambdaFunction fn = functions.get(name);
            String payload = readBody(exchange.getRequestBody());
            if (fn == null) {
                sendError(exchange, 404, "ResourceNotFoundException", "Function not found: "
                        + "arn:aws:lambda:" + SfnBridge.REGION + ":" + SfnBridge.ACCOUNT + ":function:" + name
                        + " (registered: " + functionNames() + ")");
                return;
            }
            String event = payload.isBlank() ? "{}" : payload;
            String invocationType = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
            if ("DryRun".equalsIgnoreCase(invocationType)) {
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            if ("Event".equalsIgnoreCase(invocationType)) {
                try {
                    pool.execute(() -> invokeInBackground(name, fn, event));
                } catch (RejectedExecutionException closing) {
                    sendError(exchange, 503, "ServiceException", "the dispatcher is shutting down");
                    return;
                }
                exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
                exchange.sendResponseHeaders(202, -1);
                return;
            }
            invokeAndReply(exchange, fn, event);
        } catch (IOException e) {
            // the caller went away; nothing to answer
        }
    }

    private void invokeAndReply(HttpExchange exchange, LambdaFunction fn, String event) throws IOException {
        String result;
        try {
            result = fn.invoke(event);
        } catch (Throwable failure) {
            exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
            send(exchange, 200, json.writeValueAsBytes(errorBody(failure)));
            return;
        }
        send(exchange, 200, (result == null ? "null" : result).getBytes(StandardCharsets.UTF_8));
    }

    private void invokeInBackground(String name, LambdaFunction fn, String event) {
        try {
            fn.invoke(event);
        } catch (Throwable failure) {
            System.err.println("[lambda-dispatcher] asynchronous invocation of " + name + " failed: " + failure);
        }
    }

    private ObjectNode errorBody(Throwable failure) {
        ObjectNode body = json.createObjectNode();
        body.put("errorType", errorType(failure));
        body.put("errorMessage", failure.getMessage());
        ArrayNode stack = body.putArray("stackTrace");
        StackTraceElement[] frames = failure.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, MAX_STACK_FRAMES); i++) {
            stack.add(frames[i].toString());
        }
        return body;
    }

    /** The value of a public {@code errorType()} method when the exception has one, else its simple class name. */
    static String errorType(Throwable failure) {
        try {
            Method method = failure.getClass().getMethod("errorType");
            if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())) {
                method.setAccessible(true); // a public method of a non-public (e.g. nested test) class
                Object value = method.invoke(failure);
                if (value != null && !value.toString().isBlank()) {
                    return value.toString();
                }
            }
        } catch (ReflectiveOperationException | RuntimeException noErrorType) {
            // fall back to the class name
        }
        String simple = failure.getClass().getSimpleName();
        return simple.isEmpty() ? failure.getClass().getName() : simple;
    }

    private void sendError(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode body = json.createObjectNode();
        body.put("Type", "User");
        body.put("message", message);
        body.put("__type", type);
        exchange.getResponseHeaders().set("X-Amzn-ErrorType", type);
        send(exchange, status, json.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Amzn-RequestId", java.util.UUID.randomUUID().toString());
        if (status == 200) {
            exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String readBody(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public String toString() {
        return "LambdaDispatcher[" + endpoint + ", " + functionNames() + "]";
    }
}
