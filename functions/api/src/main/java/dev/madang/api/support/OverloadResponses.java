package dev.madang.api.support;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Every route can be answered 429: the HTTP API's stage throttle refuses any route over its rate before a function
 * runs, and the functions answer DynamoDB's throttling and call timeouts with 429 {@code busy} (ProblemMappers). A
 * client must expect it everywhere, so the OpenAPI document says so on each operation that does not describe a 429
 * of its own (the rate-limited routes do, naming their limits).
 */
public class OverloadResponses implements OASFilter {

    static final String BUSY = "Busy: over the API's throttle or the database's throughput (problem type busy, or the "
            + "gateway's own answer); retry after Retry-After, or after a short wait without it";

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses != null && !responses.hasAPIResponse("429")) {
            responses.addAPIResponse("429", OASFactory.createAPIResponse().description(BUSY));
        }
        return operation;
    }
}
