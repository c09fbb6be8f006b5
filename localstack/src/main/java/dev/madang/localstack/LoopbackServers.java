package dev.madang.localstack;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every JDK-HTTP stand-in and sandbox starts with: a server on the loopback address only (nothing here is ever
 * reachable from another machine) and daemon threads that never keep a test's JVM alive.
 */
final class LoopbackServers {

    private LoopbackServers() {
    }

    /** The JDK HTTP server's switch for {@code TCP_NODELAY} on the connections it accepts (default false). */
    static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    /**
     * Has the JDK HTTP servers of this JVM answer without Nagle's delay, unless {@value #NO_DELAY_PROPERTY} was set
     * already. The server writes a response's headers and body separately; with Nagle's algorithm the body waits
     * for the client to acknowledge the headers, which a client delays by ~40 ms, so every small answer took ~50 ms
     * (measured on the Lambda dispatcher: 50 ms a call, 1.6 ms with no delay). The JDK reads the property once,
     * when its first server starts: call this before creating one.
     */
    static void answerWithoutDelay() {
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
    }

    /** Listens on {@code port} of loopback (0: any free port); {@code what} names the server in the error. */
    static HttpServer listen(String what, int port) {
        answerWithoutDelay();
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new IllegalStateException("the " + what + " could not listen on port " + port, e);
        }
    }

    /**
     * Threads as many as requests need: a delayed or stalled answer must not hold up the retry that follows it (the
     * sandboxes inject delays on purpose).
     */
    static ExecutorService daemonThreads(String namePrefix) {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, namePrefix + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Serves every path with {@code handler} on {@code threads}, and starts: what each stand-in's start ends with. */
    static void serve(HttpServer server, ExecutorService threads, HttpHandler handler) {
        server.createContext("/", handler);
        server.setExecutor(threads);
        server.start();
    }

    /** The server's base URL ({@code http://127.0.0.1:<port>}), for the SDK's {@code endpointOverride}. */
    static URI endpoint(HttpServer server) {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }
}
