package dev.madang.localstack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.madang.localstack.TossSandbox.Delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.madang.localstack.TossSandboxJson.JSON;
import static dev.madang.localstack.TossSandboxJson.statusChangedBody;

/**
 * The {@link TossSandbox}'s webhooks (DEPOSIT_CALLBACK, PAYMENT_STATUS_CHANGED): posted one at a time, in the order
 * the changes happened, to the configured URL, each recorded as a {@link Delivery} with the receiver's answer.
 */
final class TossSandboxWebhooks {

    /** One thread: webhooks leave in the order the changes happened. */
    private final ExecutorService webhookSender;
    private final HttpClient webhookClient;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile URI webhookUrl;
    private volatile boolean statusChangedWebhooks = true;

    TossSandboxWebhooks() {
        this.webhookSender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "toss-sandbox-webhooks");
            t.setDaemon(true);
            return t;
        });
        this.webhookClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void webhookUrl(URI url) {
        this.webhookUrl = url;
    }

    void statusChangedWebhooks(boolean send) {
        this.statusChangedWebhooks = send;
    }

    /** Queues PAYMENT_STATUS_CHANGED for the payment snapshot, unless turned off. */
    CompletableFuture<Integer> statusChanged(ObjectNode payment) {
        if (!statusChangedWebhooks) {
            return CompletableFuture.completedFuture(0);
        }
        return post("PAYMENT_STATUS_CHANGED", statusChangedBody(payment));
    }

    /** Queues a webhook; completes with the receiver's status, -1 if it could not be reached, 0 if none is set. */
    CompletableFuture<Integer> post(String eventType, ObjectNode body) {
        URI target = webhookUrl;
        if (target == null) {
            return CompletableFuture.completedFuture(0);
        }
        String orderId = "DEPOSIT_CALLBACK".equals(eventType) ? body.path("orderId").asText()
                : body.path("data").path("orderId").asText();
        try {
            return CompletableFuture.supplyAsync(() -> {
                int status;
                try {
                    HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
                    status = webhookClient.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException e) {
                    status = -1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    status = -1;
                }
                deliveries.add(new Delivery(eventType, orderId, status));
                return status;
            }, webhookSender);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            return CompletableFuture.completedFuture(-1);
        }
    }

    /** The receiver's status, or -1 if not known within 30 seconds. */
    static int await(CompletableFuture<Integer> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        }
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    void clearDeliveries() {
        deliveries.clear();
    }

    void close() {
        webhookSender.shutdownNow();
    }
}
