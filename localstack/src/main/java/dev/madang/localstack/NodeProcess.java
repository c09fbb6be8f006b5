package dev.madang.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Node.js child process (a local AWS stand-in such as dynalite or the Step Functions bridge).
 *
 * <p>Its stdout and stderr are copied line by line to this JVM's stderr, prefixed with {@code [name]}.
 * {@link #start} returns once a line satisfies {@code readyLine}; it fails, with the last output lines, if the
 * process exits first or the timeout passes. A JVM shutdown hook kills the process (and its children) if
 * {@link #close()} was never called.
 *
 * <p>The node binary is {@code node} on the PATH unless the system property {@code madang.node} or the
 * environment variable {@code MADANG_NODE} names another.
 */
public final class NodeProcess implements AutoCloseable {

    private static final int TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Thread shutdownHook;
    private final Deque<String> tail = new ArrayDeque<>();
    private volatile boolean closed;

    private NodeProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.shutdownHook = new Thread(this::kill, "node-shutdown-" + name);
    }

    /**
     * Starts {@code node <script> <args...>} and waits until one output line (stdout or stderr) matches
     * {@code readyLine}. A {@code null} predicate means "ready as soon as the process is started".
     *
     * @param name      short label used as the log prefix and in error messages
     * @param script    the JavaScript file to run; its parent folder becomes the working directory
     * @param args      arguments after the script
     * @param env       extra environment variables (added to this JVM's environment)
     * @param readyLine predicate on each output line that signals readiness, or {@code null}
     * @param timeout   how long to wait for readiness
     * @throws IllegalStateException if the script is missing, node cannot start, the process exits before it is
     *                               ready, or the timeout passes
     */
    public static NodeProcess start(String name, Path script, List<String> args, Map<String, String> env,
                                    Predicate<String> readyLine, Duration timeout) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(timeout, "timeout");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("[" + name + "] script not found: " + script);
        }
        List<String> command = new ArrayList<>();
        command.add(nodeBinary());
        command.add(script.toAbsolutePath().toString());
        if (args != null) {
            command.addAll(args);
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        Path workDir = script.toAbsolutePath().getParent();
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        if (env != null) {
            builder.environment().putAll(env);
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("[" + name + "] cannot start " + command
                    + " (is Node.js installed and on the PATH, or set -Dmadang.node=/path/to/node?)", e);
        }
        NodeProcess node = new NodeProcess(name, process);
        try {
            Runtime.getRuntime().addShutdownHook(node.shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            node.kill();
            throw shuttingDown;
        }
        CountDownLatch ready = new CountDownLatch(readyLine == null ? 0 : 1);
        node.pump(process.getInputStream(), "stdout", readyLine, ready);
        node.pump(process.getErrorStream(), "stderr", readyLine, ready);
        node.awaitReady(ready, timeout, command);
        return node;
    }

    /** A TCP port that was free on 127.0.0.1 a moment ago (another process may still take it). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    /** The OS process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines the process wrote (stdout and stderr interleaved), for error messages. */
    public String outputTail() {
        synchronized (tail) {
            return String.join(System.lineSeparator(), tail);
        }
    }

    /** Kills the process and its children and waits for it to end. Idempotent. */
    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting; the hook runs (or ran) kill() as well
        }
    }

    private void kill() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                child.onExit().get(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception ignored) {
            // a child that outlives the grace period was already sent destroyForcibly
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private void pump(InputStream in, String stream, Predicate<String> readyLine, CountDownLatch ready) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL_LINES) {
                            tail.removeFirst();
                        }
                    }
                    System.err.println("[" + name + "] " + line);
                    if (ready.getCount() > 0 && readyLine != null && readyLine.test(line)) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // stream closed because the process ended
            }
        }, "node-" + name + "-" + stream);
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitReady(CountDownLatch ready, Duration timeout, List<String> command) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!ready.await(50, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive()) {
                    ready.await(200, TimeUnit.MILLISECONDS); // let the pumps drain the last lines
                    if (ready.getCount() == 0) {
                        return;
                    }
                    close();
                    throw new IllegalStateException("[" + name + "] exited with code " + process.exitValue()
                            + " before it was ready: " + command + System.lineSeparator() + outputTail());
                }
                if (System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("[" + name + "] not ready after " + timeout + ": " + command
                            + System.lineSeparator() + outputTail());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("[" + name + "] interrupted while starting", e);
        }
    }

    private static String nodeBinary() {
        String configured = System.getProperty("madang.node");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("MADANG_NODE");
        }
        return configured == null || configured.isBlank() ? "node" : configured;
    }

    @Override
    public String toString() {
        return "NodeProcess[" + name + ", pid " + process.pid() + (process.isAlive() ? "" : ", ended") + "]";
    }
}
