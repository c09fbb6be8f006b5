package dev.madang.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Cost model for the live seat map (issue 16): what one on-sale watched by {@code viewers} fans for {@code minutes}
 * costs on each candidate channel, from stated AWS list prices, and per month for {@code onsales.per.month} such
 * on-sales. Arithmetic only: nothing is called.
 *
 * <p>The two channels:
 * <ul>
 *   <li><b>Polled CDN snapshot</b> (built): every viewer asks {@code GET /v1/rounds/{id}/seat-status} every
 *       {@code poll.s} seconds through CloudFront. The edge answers from its one-second copy (a 304 when the viewer
 *       has it, else the status); each edge cache asks the API about once a second, so the origin's cost follows the
 *       number of edge caches ({@code edge.caches}), not viewers. The layout comes once per viewer, compressed.</li>
 *   <li><b>API Gateway WebSocket</b> (the alternative): every viewer connects with its token and subscribes to the
 *       round; each second the refresher's diff goes to every connection with {@code PostToConnection}, from Lambda
 *       functions that read the round's connections from a DynamoDB table. Connects and disconnects are written
 *       there. The layout still comes once per viewer.</li>
 * </ul>
 * Prices are US East list prices (the pages name the Seoul region's a little higher on every line alike), without
 * free tiers or savings plans. Every input is a system property: {@code -Dviewers=100000 -Dminutes=10 -Dpoll.s=1}.
 */
public final class LiveChannelCost {

    // --- stated prices (USD), AWS list prices, us-east-1
    /** CloudFront, HTTPS requests, per 10,000 (North America / Europe). */
    static final double CLOUDFRONT_HTTPS_PER_10K = 0.0100;
    /** CloudFront, data transfer out to the internet, first 10 TB a month, per GB. */
    static final double CLOUDFRONT_OUT_PER_GB = 0.085;
    /** API Gateway HTTP API, requests, first 300 million a month, per million. */
    static final double HTTP_API_PER_MILLION = 1.00;
    /** API Gateway WebSocket API, messages (sent or received, metered in 32 KB units), first billion, per million. */
    static final double WEBSOCKET_MESSAGES_PER_MILLION = 1.00;
    /** API Gateway WebSocket API, connection minutes, per million. */
    static final double WEBSOCKET_CONNECTION_MINUTES_PER_MILLION = 0.25;
    /** Data transfer out of AWS to the internet (API Gateway), first 10 TB a month, per GB. */
    static final double AWS_OUT_PER_GB = 0.09;
    /** Lambda, per GB-second (x86) and per million requests. */
    static final double LAMBDA_PER_GB_S = 0.0000166667;
    static final double LAMBDA_PER_MILLION_REQUESTS = 0.20;
    /** DynamoDB on-demand, per million write and read request units. */
    static final double DYNAMODB_PER_MILLION_WRU = 0.625;
    static final double DYNAMODB_PER_MILLION_RRU = 0.125;

    /** API Gateway's default quota of new WebSocket connections per second, per account and region. */
    static final int WEBSOCKET_NEW_CONNECTIONS_PER_S = 500;
    /** API Gateway's default account-level request throttle per region (steady rate, requests/s). */
    static final int API_GATEWAY_ACCOUNT_RPS = 10_000;

    record Inputs(long viewers, double minutes, double pollSeconds, int statusBytes, int notModifiedBytes,
                  int layoutBytes, int edgeCaches, int diffBytes, double postsPerLambdaSecond, double lambdaGb,
                  int connectionItemBytes, int onsalesPerMonth) {

        static Inputs fromSystemProperties() {
            return new Inputs(Long.getLong("viewers", 100_000), dbl("minutes", 10), dbl("poll.s", 1),
                    // the arena's gzipped status and its headers, as SeatMapWireBenchmark measures them
                    Integer.getInteger("status.bytes", 1_700), Integer.getInteger("not.modified.bytes", 250),
                    // the arena's gzipped layout, as SeatMapWireBenchmark measures it
                    Integer.getInteger("layout.bytes", 40_000), Integer.getInteger("edge.caches", 40),
                    Integer.getInteger("diff.bytes", 300), dbl("posts.per.lambda.s", 1_000), dbl("lambda.gb", 1),
                    Integer.getInteger("connection.item.bytes", 120), Integer.getInteger("onsales.per.month", 1));
        }

        private static double dbl(String key, double orElse) {
            String v = System.getProperty(key);
            return v == null ? orElse : Double.parseDouble(v);
        }

        double seconds() {
            return minutes * 60;
        }
    }

    /** One channel's bill for one on-sale, line by line, in USD. */
    record Bill(String channel, Map<String, Double> lines) {
        double total() {
            return lines.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    static Bill polledSnapshot(Inputs in) {
        double polls = in.viewers() * in.seconds() / in.pollSeconds();
        // while seats sell, the status changes every second: a viewer polling every p s finds it changed each time
        // when p >= 1 (a 200 with the status); a 304 only when polling faster than the map changes
        double changedShare = Math.min(1, in.pollSeconds());
        double statusGb = polls * (changedShare * in.statusBytes() + (1 - changedShare) * in.notModifiedBytes()) / 1e9;
        double layoutGb = in.viewers() * (double) in.layoutBytes() / 1e9;
        double originRequests = in.edgeCaches() * in.seconds() + in.viewers(); // edge refreshes + one layout each
        Map<String, Double> lines = new LinkedHashMap<>();
        lines.put("cloudfront_requests", (polls + in.viewers()) / 10_000 * CLOUDFRONT_HTTPS_PER_10K);
        lines.put("cloudfront_transfer", (statusGb + layoutGb) * CLOUDFRONT_OUT_PER_GB);
        lines.put("http_api_origin_requests", originRequests / 1e6 * HTTP_API_PER_MILLION);
        // an origin request is a warm Lambda answering from its cached snapshot: ~20 ms at 1.5 GB
        lines.put("lambda_origin", originRequests / 1e6 * LAMBDA_PER_MILLION_REQUESTS
                + originRequests * 0.020 * 1.5 * LAMBDA_PER_GB_S);
        // each instance reads the round and its snapshot once a second; instances ~ edge caches at most
        lines.put("dynamodb_reads", 2.0 * in.edgeCaches() * in.seconds() / 1e6 * DYNAMODB_PER_MILLION_RRU);
        return new Bill("polled_cdn_snapshot", lines);
    }

    static Bill webSocket(Inputs in) {
        double diffs = in.viewers() * in.seconds(); // one diff a second to every connection
        double messages = diffs + 2.0 * in.viewers(); // + subscribe and its acknowledgement
        double layoutGb = in.viewers() * (double) in.layoutBytes() / 1e9;
        double fanOutLambdaSeconds = diffs / in.postsPerLambdaSecond();
        // the fan-out reads the round's connections every second (eventually consistent: 0.5 RRU per 4 KB)
        double connectionReads = in.seconds() * Math.ceil(in.viewers() * (double) in.connectionItemBytes() / 4096) * 0.5;
        Map<String, Double> lines = new LinkedHashMap<>();
        lines.put("websocket_connection_minutes", in.viewers() * in.minutes() / 1e6
                * WEBSOCKET_CONNECTION_MINUTES_PER_MILLION);
        lines.put("websocket_messages", messages / 1e6 * WEBSOCKET_MESSAGES_PER_MILLION);
        lines.put("websocket_transfer", diffs * in.diffBytes() / 1e9 * AWS_OUT_PER_GB);
        lines.put("lambda_connect_and_fan_out", (2.0 * in.viewers() + in.seconds()) / 1e6 * LAMBDA_PER_MILLION_REQUESTS
                + fanOutLambdaSeconds * in.lambdaGb() * LAMBDA_PER_GB_S);
        lines.put("dynamodb_connections", 2.0 * in.viewers() / 1e6 * DYNAMODB_PER_MILLION_WRU
                + connectionReads / 1e6 * DYNAMODB_PER_MILLION_RRU);
        lines.put("cloudfront_layout", (in.viewers() / 10_000.0 * CLOUDFRONT_HTTPS_PER_10K)
                + layoutGb * CLOUDFRONT_OUT_PER_GB);
        return new Bill("api_gateway_websocket", lines);
    }

    public static void main(String[] args) {
        Inputs in = Inputs.fromSystemProperties();
        Bill polled = polledSnapshot(in);
        Bill socket = webSocket(in);
        print("scenario", String.format(Locale.ROOT, "%,d concurrent viewers of one on-sale for %.0f minutes, "
                        + "%d such on-sale(s) a month; US East list prices, no free tier", in.viewers(), in.minutes(),
                in.onsalesPerMonth()));
        for (Bill bill : new Bill[] {polled, socket}) {
            bill.lines().forEach((line, usd) -> print(bill.channel() + "." + line + "_usd", money(usd)));
            print(bill.channel() + ".per_onsale_usd", money(bill.total()));
            print(bill.channel() + ".monthly_usd", money(bill.total() * in.onsalesPerMonth()));
        }
        print("cost_ratio_polled_over_websocket", String.format(Locale.ROOT, "%.2f", polled.total() / socket.total()));
        // what the money does not show: how fast a crowd can join, and the fan-out's request rate
        print("websocket_seconds_to_connect_all", (long) Math.ceil(in.viewers() / (double) WEBSOCKET_NEW_CONNECTIONS_PER_S));
        print("websocket_posts_per_s", in.viewers());
        print("websocket_posts_over_account_throttle", String.format(Locale.ROOT, "%.1f",
                in.viewers() / (double) API_GATEWAY_ACCOUNT_RPS));
        print("polled_origin_requests_per_s", in.edgeCaches());
        print("built", polled.channel());
    }

    private static String money(double usd) {
        return String.format(Locale.ROOT, "%.2f", usd);
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}
