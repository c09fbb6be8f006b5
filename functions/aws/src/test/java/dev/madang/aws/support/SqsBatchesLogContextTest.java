package dev.madang.aws.support;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A consumer's log lines name the message they are about: its id is the request id while it is handled. */
class SqsBatchesLogContextTest {

    @AfterEach
    void clear() {
        MDC.remove(LogFields.REQUEST_ID);
    }

    @Test
    void each_message_is_handled_under_its_own_id_and_the_invocation_id_comes_back_after() {
        MDC.put(LogFields.REQUEST_ID, "invocation-1");
        List<Object> seen = new ArrayList<>();

        List<String> failed = SqsBatches.consume(List.of(new SqsBatches.Message("m-1", "a"),
                new SqsBatches.Message("m-2", "b")), "test", body -> {
                    seen.add(MDC.get(LogFields.REQUEST_ID));
                    if (body.equals("b")) {
                        throw new IllegalStateException("fails");
                    }
                });

        assertThat(seen).containsExactly("m-1", "m-2");
        assertThat(failed).containsExactly("m-2");
        assertThat(MDC.get(LogFields.REQUEST_ID)).isEqualTo("invocation-1");
    }
}
