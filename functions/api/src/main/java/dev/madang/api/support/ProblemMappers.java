package dev.madang.api.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.madang.domain.account.social.SocialProviderUnavailable;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.identity.IdentityProviderUnavailable;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every failure into a problem response with the status docs/api.md §5 names. A client's mistake is never a 500;
 * overload the API can see (DynamoDB throttling it after the SDK's retries, or calls timing out) is a 429 with
 * Retry-After, as API Gateway answers overload before it reaches us, so that a client backs off the same way and an
 * on-sale's rush shows no 5xx; a dependency that is down is a 503 with Retry-After; anything else is a 500 that says
 * nothing.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response domain(DomainException e) {
        int status = switch (e.kind()) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case RULE_VIOLATED -> 422;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case THROTTLED -> 429;
        };
        String title = switch (e.kind()) {
            case INVALID -> "Invalid request";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Conflict";
            case RULE_VIOLATED -> "Rule violated";
            case UNAUTHENTICATED -> "Unauthorized";
            case FORBIDDEN -> "Forbidden";
            case THROTTLED -> "Too many requests";
        };
        Response response = problem(Problem.of(status, e.type(), title, e.getMessage(), e.errors()));
        if (e.kind() == DomainException.Kind.UNAUTHENTICATED) {
            // RFC 9110: a 401 carries a challenge; the API's scheme is the bearer token that a login hands out
            return Response.fromResponse(response).header("WWW-Authenticate", "Bearer").build();
        }
        if (e.kind() == DomainException.Kind.THROTTLED) {
            // whole seconds, rounded up, never 0 (which would invite an immediate retry)
            long seconds = e.retryAfter().map(d -> Math.max(1L, d.plusNanos(999_999_999).toSeconds())).orElse(1L);
            return Response.fromResponse(response).header("Retry-After", Long.toString(seconds)).build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return malformed(e);
    }

    /** Takes precedence over Quarkus' built-in mapper for the same exception, which answers without a problem body. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatched(MismatchedInputException e) {
        return malformed(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return malformed(json);
        }
        int status = e.getResponse().getStatus();
        String slug = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
        String detail = status == 404 ? "no such resource" : e.getMessage();
        return problem(Problem.of(status, slug, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), detail, List.of()));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return Response.fromResponse(problem(Problem.of(401, "unauthorized", "Unauthorized",
                        "a valid bearer token is required", List.of())))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(Problem.of(403, "forbidden", "Forbidden", "your role may not do this", List.of()));
    }

    @ServerExceptionMapper({ProvisionedThroughputExceededException.class, RequestLimitExceededException.class,
            ApiCallTimeoutException.class, ApiCallAttemptTimeoutException.class})
    public Response busy(RuntimeException e) {
        LOG.warnf("overloaded: %s", e.getClass().getSimpleName());
        return Response.fromResponse(problem(Problem.of(429, "busy", "Too many requests",
                "too many requests at once; try again shortly", List.of()))).header("Retry-After", "2").build();
    }

    @ServerExceptionMapper
    public Response unavailable(SdkClientException e) {
        LOG.warnf("dependency unavailable: %s", e.getClass().getSimpleName());
        return Response.fromResponse(problem(Problem.of(503, "unavailable", "Service unavailable",
                "a dependency is busy or down; try again shortly", List.of()))).header("Retry-After", "2").build();
    }

    /** An identity or login provider that did not answer after the adapter's own retries: the user tries again. */
    @ServerExceptionMapper({IdentityProviderUnavailable.class, SocialProviderUnavailable.class})
    public Response providerUnavailable(RuntimeException e) {
        LOG.warnf("provider unavailable: %s", e.getClass().getSimpleName());
        return Response.fromResponse(problem(Problem.of(503, "provider-unavailable", "Service unavailable",
                "a provider we depend on did not answer; try again shortly", List.of()))).header("Retry-After", "5")
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return problem(Problem.of(500, "internal", "Internal error", "something went wrong on our side", List.of()));
    }

    private static Response malformed(JsonProcessingException e) {
        List<FieldError> errors = List.of();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            errors = List.of(new FieldError(field, "has the wrong type or format"));
        }
        return problem(Problem.of(400, "malformed-body", "Malformed request body",
                "the body is not the JSON this operation expects", errors));
    }

    static Response problem(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
