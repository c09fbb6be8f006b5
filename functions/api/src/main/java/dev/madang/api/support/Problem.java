package dev.madang.api.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.madang.domain.common.FieldError;

import java.util.List;

/** RFC 9457 problem details, as every error of this API is shaped (docs/api.md §5). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://madang.dev/problems/";

    public static Problem of(int status, String slug, String title, String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null, errors);
    }
}
