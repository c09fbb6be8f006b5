package dev.madang.localstack;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A dynalite (DynamoDB stand-in) server in a child Node.js process, in memory, on a free local port.
 *
 * <p>Tables are created, deleted and updated without delay. The dynalite installed under
 * {@code localstack/node_modules} carries the project's patch ({@code localstack/patches/}) adding
 * TransactWriteItems and TransactGetItems.
 */
public final class Dynalite implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;

    private final NodeProcess process;
    private final URI endpoint;

    private Dynalite(NodeProcess process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * Starts dynalite from {@code <localstackDir>/node_modules/dynalite/cli.js} and waits (at most 30 s) until it
     * listens.
     *
     * @throws IllegalStateException if dynalite is not installed (run {@code npm ci --prefix localstack}) or does
     *                               not start
     */
    public static Dynalite start(Path localstackDir) {
        Path cli = localstackDir.resolve("node_modules").resolve("dynalite").resolve("cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("dynalite is not installed: " + cli + " is missing. Run "
                    + "`npm ci --prefix localstack` in the repository root (it also applies localstack/patches).");
        }
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = NodeProcess.freePort();
            try {
                NodeProcess process = NodeProcess.start("dynalite:" + port, cli,
                        List.of("--port", Integer.toString(port), "--host", "127.0.0.1",
                                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"),
                        // exits when this JVM's end of its stdin closes, even if the JVM is killed outright
                        Map.of("DYNALITE_EXIT_ON_STDIN_EOF", "1"),
                        line -> line.contains("listening"), START_TIMEOUT);
                return new Dynalite(process, URI.create("http://127.0.0.1:" + port));
            } catch (IllegalStateException e) {
                last = e;
                // the free port may have been taken between freePort() and listen(): try another one
                if (e.getMessage() == null || !e.getMessage().contains("EADDRINUSE")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    /** Starts dynalite from the folder {@link LocalstackDir#localstackDir()} finds. */
    public static Dynalite start() {
        return start(LocalstackDir.localstackDir());
    }

    /** The HTTP endpoint for {@code endpointOverride}, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Stops the server (and any child process) and waits for it to end. */
    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "Dynalite[" + endpoint + "]";
    }
}
