package dev.madang.api.support;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;

import java.io.IOException;
import java.util.List;

/** A route that reads a JSON body refuses a request without one as a 400 problem, not a null deep in a use case. */
public final class Bodies {

    private Bodies() {
    }

    public static <T> T require(T body) {
        if (body == null) {
            throw DomainException.invalid("a JSON body is required", List.of(new FieldError("body", "required")));
        }
        return body;
    }

    /** Refuses any field the body type does not name, where an ignored field would mislead (see {@link #strict}). */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /**
     * The body as {@code type}, refusing every field it does not name with a 400 that names the field and
     * {@code why}: for bodies where a client might send a field the server must not seem to honour (a price on a
     * ticket listing, which trades at face value only). The API's own mapper ignores unknown fields.
     */
    public static <T> T strict(JsonNode body, Class<T> type, String why) {
        require(body);
        try {
            return STRICT.treeToValue(body, type);
        } catch (UnrecognizedPropertyException unknown) {
            throw DomainException.invalid("the body has a field this operation does not accept", List.of(
                    new FieldError(unknown.getPropertyName(), why)));
        } catch (IOException malformed) {
            throw DomainException.invalid("the body is not the JSON this operation expects", List.of(
                    new FieldError(malformed instanceof com.fasterxml.jackson.databind.JsonMappingException m
                            && !m.getPath().isEmpty() ? m.getPath().get(0).getFieldName() : "body",
                            "has the wrong type or format")));
        }
    }
}
