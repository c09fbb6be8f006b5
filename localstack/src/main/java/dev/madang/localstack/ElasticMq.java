package dev.madang.localstack;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import java.net.URI;

/**
 * An SQS stand-in: ElasticMQ embedded in this JVM, on a free loopback port, answering as region
 * {@value #REGION} and account {@value #ACCOUNT_ID} (so queue ARNs look like AWS's).
 *
 * <p>Supports SDK v2's JSON protocol: visibility timeouts, dead-letter redrive ({@code maxReceiveCount}), FIFO
 * queues, delays and long polling. Queue URLs follow the request's host and port
 * ({@code http://127.0.0.1:<port>/000000000000/<QueueName>}).
 */
public final class ElasticMq implements AutoCloseable {

    public static final String REGION = "ap-northeast-2";
    public static final String ACCOUNT_ID = "000000000000";

    private final SQSRestServer server;
    private final URI endpoint;
    private volatile boolean closed;

    private ElasticMq(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** Starts the server and waits until it listens (a few seconds on a cold JVM). */
    public static ElasticMq start() {
        // Pekko loads its plug-ins through the context class loader; under Quarkus tests that loader holds a second
        // copy of Pekko, so pin it to the loader that loaded ElasticMQ itself.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ElasticMq.class.getClassLoader());
        SQSRestServer server;
        try {
            server = SQSRestServerBuilder
                    .withInterface("127.0.0.1")
                    .withDynamicPort()
                    .withAWSRegion(REGION)
                    .withAWSAccountId(ACCOUNT_ID)
                    .start();
        } finally {
            thread.setContextClassLoader(previous);
        }
        try {
            int port = server.waitUntilStarted().localAddress().getPort();
            return new ElasticMq(server, URI.create("http://127.0.0.1:" + port));
        } catch (RuntimeException e) {
            server.stopAndWait();
            throw new IllegalStateException("ElasticMQ did not start", e);
        }
    }

    /** The HTTP endpoint for {@code endpointOverride}, e.g. {@code http://127.0.0.1:41235}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The URL ElasticMQ gives a queue of this name. */
    public String queueUrl(String queueName) {
        return endpoint + "/" + ACCOUNT_ID + "/" + queueName;
    }

    /** The ARN ElasticMQ gives a queue of this name. */
    public static String queueArn(String queueName) {
        return "arn:aws:sqs:" + REGION + ":" + ACCOUNT_ID + ":" + queueName;
    }

    /** Stops the server and its actor system; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stopAndWait();
    }

    @Override
    public String toString() {
        return "ElasticMq[" + endpoint + "]";
    }
}
