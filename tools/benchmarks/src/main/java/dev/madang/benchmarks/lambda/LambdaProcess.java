package dev.madang.benchmarks.lambda;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A function's JVM as Lambda's managed Java runtime starts it: the artifact's zip unpacked into a task root, the
 * AWS Lambda runtime interface client (the same client the managed runtime embeds) as the main class on the system
 * class path, which loads the handler from the task root (its working directory) and its {@code lib/} jars, and
 * polls the Runtime API named by {@code AWS_LAMBDA_RUNTIME_API}. The JVM is the one running the benchmark; its flags
 * are the caller's (the same for every artifact compared).
 */
public final class LambdaProcess implements AutoCloseable {

    /** The handler every Madang and bare Quarkus function runs. */
    public static final String QUARKUS_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    private final Process process;

    private LambdaProcess(Process process) {
        this.process = process;
    }

    /** Unpacks {@code functionZip} under {@code workDir} (once per build of it) and answers the task root. */
    public static Path taskRoot(Path functionZip, Path workDir) {
        if (!Files.isRegularFile(functionZip)) {
            throw new IllegalStateException("no " + functionZip
                    + ": build the artifacts first (mvn -q install -DskipTests)");
        }
        try (InputStream in = Files.newInputStream(functionZip); ZipInputStream zip = new ZipInputStream(in)) {
            // one task root per build of the artifact: a rebuilt zip is unpacked afresh
            Path root = workDir.resolve(functionZip.getParent().getParent().getFileName() + "-task-"
                    + Files.getLastModifiedTime(functionZip).toMillis());
            if (Files.isDirectory(root)) {
                return root;
            }
            Path partial = Files.createDirectories(workDir).resolve(root.getFileName() + ".partial");
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                Path target = partial.resolve(e.getName()).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("entry outside the task root: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(partial, root);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + functionZip, e);
        }
    }

    /**
     * Starts the function's JVM. {@code environment} is the function's (template) environment; the Lambda variables
     * the runtime sets are added here. Output goes to {@code log}.
     */
    public static LambdaProcess start(Path taskRoot, String handler, List<String> jvmFlags,
                                      Map<String, String> environment, RuntimeApiEndpoint runtimeApi, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(runtimeClientClassPath());
        command.add(AWSLambda.class.getName());
        command.add(handler);
        // the runtime client takes the working directory as the task root (Lambda runs functions in /var/task)
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.putAll(environment);
        Map<String, String> lambda = new LinkedHashMap<>();
        lambda.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        lambda.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        lambda.put("_HANDLER", handler);
        lambda.put("AWS_LAMBDA_FUNCTION_NAME", "bench");
        lambda.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        lambda.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1536");
        lambda.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/bench");
        lambda.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        lambda.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
        env.putAll(lambda);
        try {
            Files.createDirectories(log.getParent());
            return new LambdaProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the function's JVM", e);
        }
    }

    /** CPU time (user + system) the function's JVM has used so far, all its threads. */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this OS does not report a process's CPU time"));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The runtime interface client and what it needs (core, serialization, utils-lite), found by their classes. */
    private static String runtimeClientClassPath() {
        List<String> jars = new ArrayList<>();
        for (String type : List.of(AWSLambda.class.getName(), "com.amazonaws.services.lambda.runtime.Context",
                "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
                "software.amazon.awssdk.utilslite.SdkInternalThreadLocal")) {
            try {
                Class<?> c = Class.forName(type, false, LambdaProcess.class.getClassLoader());
                jars.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the runtime interface client needs " + type + " on the class path", e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(java.io.File.pathSeparator, jars);
    }
}
