package dev.madang.aws.support;

/**
 * The MDC keys every Madang log line may carry (docs/operations.md, "Logs"); JSON logging writes them under
 * {@code mdc}. Never personal data: an id of the request or message, and the fan's opaque account id.
 */
public final class LogFields {

    /** API Gateway's request id, an SQS message id, or the Lambda invocation's request id. */
    public static final String REQUEST_ID = "requestId";
    /** The caller's account id (the token subject, a ULID): pseudonymous, never an e-mail or phone. */
    public static final String FAN_ID = "fanId";

    private LogFields() {
    }
}
