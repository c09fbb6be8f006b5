package dev.madang.workers;

import com.amazonaws.services.lambda.runtime.Context;
import dev.madang.aws.support.LogFields;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.jboss.logging.MDC;

import java.util.UUID;

/**
 * What the operators see of each worker invocation (docs/operations.md): its log lines carry the Lambda request id
 * (an SQS consumer's lines each message's id instead, see {@code SqsBatches.consume}). Workers act for no caller:
 * no fan id.
 */
@LogsInvocation
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class InvocationLogContext {

    @AroundInvoke
    Object tag(InvocationContext invocation) throws Exception {
        String requestId = null;
        for (Object parameter : invocation.getParameters()) {
            if (parameter instanceof Context lambda) {
                requestId = lambda.getAwsRequestId();
            }
        }
        MDC.put(LogFields.REQUEST_ID, requestId == null ? UUID.randomUUID().toString() : requestId);
        try {
            return invocation.proceed();
        } finally {
            MDC.remove(LogFields.REQUEST_ID);
        }
    }
}
