package dev.madang.localstack;

/**
 * A Lambda function served by {@link LambdaDispatcher}: receives the invocation payload as JSON text and returns
 * the result as JSON text.
 *
 * <p>An exception fails the invocation the way a Lambda runtime reports an unhandled error: the response carries
 * {@code X-Amz-Function-Error: Unhandled} and {@code {"errorType", "errorMessage"}}, where errorType is the value
 * of a public no-argument {@code errorType()} method of the exception if it has one, else its simple class name.
 * Step Functions Retry and Catch match that errorType.
 */
@FunctionalInterface
public interface LambdaFunction {

    /**
     * @param eventJson the invocation payload (JSON text; {@code {}} when the caller sent none)
     * @return the function result as JSON text; {@code null} is answered as JSON {@code null}
     * @throws Exception a function error
     */
    String invoke(String eventJson) throws Exception;
}
