package dev.madang.benchmarks.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API (2018-06-01) as the runtime interface client in a function's JVM calls it, so that the
 * benchmarks run a function artifact exactly as Lambda does: the client asks for the next event
 * ({@code GET /runtime/invocation/next}, which blocks until one is queued) and posts its response or error. It also
 * records when the first "next" arrived: that is where Lambda's init phase ends. With SnapStart
 * ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}) the client runs the checkpoint hooks after init and then asks
 * to be restored ({@code GET /runtime/restore/next}), which is answered at once: no snapshot is taken here. One endpoint serves one function
 * process at a time. Besides, it serves one static document (the token verification JWKS) on a path of the caller's
 * choosing, so the function fetches its keys over HTTP as it does from the auth endpoint in AWS.
 */
public final class RuntimeApiEndpoint implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    /** What the function answered to one event, and when (nanoTime) it was handed out and answered. */
    public record Answer(byte[] body, boolean error, long handedOutNanos, long answeredNanos) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public long millis() {
            return TimeUnit.NANOSECONDS.toMillis(answeredNanos - handedOutNanos);
        }
    }

    private record Invocation(String id, byte[] event, CompletableFuture<Answer> answer) {
    }

    /** An invocation the function has taken, and when (nanoTime). */
    private record HandedOut(Invocation invocation, long atNanos) {
    }

    private final HttpServer server;
    private final BlockingDeque<Invocation> queued = new LinkedBlockingDeque<>();
    private final Map<String, HandedOut> handedOut = new ConcurrentHashMap<>();
    private volatile long firstNextNanos;
    private volatile String initError;
    private volatile boolean restored;
    /** Counts processes: a "next" left waiting by a process that was stopped must not take the next one's event. */
    private volatile long generation;

    private RuntimeApiEndpoint(HttpServer server) {
        this.server = server;
    }

    public static RuntimeApiEndpoint start(String documentPath, String document) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            RuntimeApiEndpoint endpoint = new RuntimeApiEndpoint(server);
            server.createContext(PREFIX, endpoint::runtime);
            server.createContext(documentPath, exchange -> reply(exchange, 200,
                    document.getBytes(StandardCharsets.UTF_8), "application/json"));
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "runtime-api");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local Runtime API", e);
        }
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://" + address() + path;
    }

    /** Queues an event; the future completes when the function answers it. */
    public CompletableFuture<Answer> invoke(byte[] event) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event, new CompletableFuture<>());
        queued.add(invocation);
        return invocation.answer();
    }

    /** nanoTime of the function's first "next" (its init done), or 0 before it. */
    public long firstNextNanos() {
        return firstNextNanos;
    }

    /** Forgets the last process: a new one's init ends at its own first "next". */
    public void reset() {
        generation++;
        firstNextNanos = 0;
        initError = null;
        restored = false;
        queued.clear();
    }

    /** Whether the last process went through SnapStart's checkpoint (its hooks ran, then it asked to be restored). */
    public boolean restored() {
        return restored;
    }

    public String initError() {
        return initError;
    }

    private void runtime(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        byte[] body = readAll(exchange.getRequestBody());
        if (path.equals("invocation/next") && exchange.getRequestMethod().equals("GET")) {
            if (firstNextNanos == 0) {
                firstNextNanos = System.nanoTime();
            }
            Invocation next = awaitNext(generation);
            if (next == null) {
                exchange.close(); // its process is gone
                return;
            }
            handedOut.put(next.id(), new HandedOut(next, System.nanoTime()));
            exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", next.id());
            exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                    String.valueOf(System.currentTimeMillis() + 30_000));
            exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                    "arn:aws:lambda:ap-northeast-2:000000000000:function:bench:live");
            exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
            reply(exchange, 200, next.event(), "application/json");
        } else if (path.startsWith("invocation/") && exchange.getRequestMethod().equals("POST")) {
            String[] parts = path.split("/");
            HandedOut answered = handedOut.remove(parts[1]);
            if (answered == null) {
                reply(exchange, 400, "{\"errorType\":\"InvalidRequestID\"}".getBytes(StandardCharsets.UTF_8),
                        "application/json");
                return;
            }
            reply(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8), "application/json");
            answered.invocation().answer().complete(new Answer(body, parts[2].equals("error"), answered.atNanos(),
                    System.nanoTime()));
        } else if (path.equals("restore/next") && exchange.getRequestMethod().equals("GET")) {
            // SnapStart: the runtime client has run the checkpoint hooks and waits to be restored; it is at once
            restored = true;
            reply(exchange, 200, new byte[0], "application/json");
        } else if (path.equals("init/error") || path.equals("restore/error")) {
            initError = new String(body, StandardCharsets.UTF_8);
            reply(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8), "application/json");
        } else {
            reply(exchange, 404, new byte[0], "text/plain");
        }
    }

    private Invocation awaitNext(long asked) {
        try {
            while (asked == generation) {
                Invocation next = queued.poll(50, TimeUnit.MILLISECONDS);
                if (next != null && asked == generation) {
                    return next;
                }
                if (next != null) {
                    queued.addFirst(next); // taken for a process that is gone: the new one's
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body, String type) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
