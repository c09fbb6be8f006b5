package dev.madang.aws.support;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opaque page cursors: the string-valued key attributes of the last item returned, base64url encoded. A cursor
 * that does not decode, or names other key attributes than expected, is a client error (400), never a 500.
 */
public final class Cursors {

    private Cursors() {
    }

    public static String encode(Map<String, AttributeValue> item, List<String> keyNames) {
        StringBuilder sb = new StringBuilder();
        for (String k : keyNames) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(item.get(k).s());
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A cursor that decodes but belongs to another list. */
    public static DomainException foreign() {
        return DomainException.invalid("the cursor belongs to another list",
                List.of(new FieldError("cursor", "not a cursor from a previous page of this list")));
    }

    public static Map<String, AttributeValue> decode(String cursor, List<String> keyNames) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != keyNames.size()) {
                throw new IllegalArgumentException("wrong arity");
            }
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 300) {
                    throw new IllegalArgumentException("bad part");
                }
                key.put(keyNames.get(i), AttributeValue.fromS(parts[i]));
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("the cursor is not one this API issued",
                    List.of(new FieldError("cursor", "not a cursor from a previous page")));
        }
    }
}
