package dev.madang.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The cost model's lines, worked by hand for a thousand viewers watching for one minute. */
class LiveChannelCostTest {

    private static final LiveChannelCost.Inputs SMALL = new LiveChannelCost.Inputs(1_000, 1, 1, 1_700, 250, 40_000,
            40, 300, 1_000, 1, 120, 1);

    @Test
    void polling_every_second_pays_per_request_and_per_byte_at_the_edge() {
        LiveChannelCost.Bill bill = LiveChannelCost.polledSnapshot(SMALL);
        // 1,000 viewers × 60 polls + 1,000 layouts = 61,000 requests at $0.01 per 10,000
        assertThat(bill.lines().get("cloudfront_requests")).isCloseTo(0.061, within(1e-9));
        // 60,000 statuses of 1,700 B (each second the map changed) + 1,000 layouts of 40 KB = 0.142 GB at $0.085
        assertThat(bill.lines().get("cloudfront_transfer")).isCloseTo(0.142 * 0.085, within(1e-9));
        // the origin: 40 edge caches once a second for 60 s, + 1,000 layouts = 3,400 requests at $1 per million
        assertThat(bill.lines().get("http_api_origin_requests")).isCloseTo(0.0034, within(1e-9));
    }

    @Test
    void a_socket_pays_per_connection_minute_and_per_message() {
        LiveChannelCost.Bill bill = LiveChannelCost.webSocket(SMALL);
        assertThat(bill.lines().get("websocket_connection_minutes")).isCloseTo(1_000 * 0.25 / 1e6, within(1e-12));
        // 60,000 diffs + 2,000 subscribe messages and acknowledgements at $1 per million
        assertThat(bill.lines().get("websocket_messages")).isCloseTo(0.062, within(1e-9));
        assertThat(bill.total()).isGreaterThan(bill.lines().get("websocket_messages"));
    }

    @Test
    void polling_slower_than_the_map_changes_costs_less_and_faster_meets_304s() {
        LiveChannelCost.Inputs everyTwo = new LiveChannelCost.Inputs(1_000, 1, 2, 1_700, 250, 40_000, 40, 300, 1_000,
                1, 120, 1);
        LiveChannelCost.Inputs twiceASecond = new LiveChannelCost.Inputs(1_000, 1, 0.5, 1_700, 250, 40_000, 40, 300,
                1_000, 1, 120, 1);
        double each = LiveChannelCost.polledSnapshot(SMALL).lines().get("cloudfront_transfer");
        assertThat(LiveChannelCost.polledSnapshot(everyTwo).lines().get("cloudfront_transfer")).isLessThan(each);
        // twice as many polls, half of them a 250-byte 304: 60,000 × 1,700 + 60,000 × 250 bytes of statuses
        assertThat(LiveChannelCost.polledSnapshot(twiceASecond).lines().get("cloudfront_transfer"))
                .isCloseTo((60_000 * 1_700 + 60_000 * 250 + 1_000 * 40_000) / 1e9 * 0.085, within(1e-9));
    }
}
