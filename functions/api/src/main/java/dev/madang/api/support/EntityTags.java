package dev.madang.api.support;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * Entity tags for answers that many clients poll or keep (the seat status, a layout): a tag computed from the content
 * alone, so every instance and every edge names the same content alike, and a 304 with no body when the request's
 * {@code If-None-Match} already names it (RFC 9110 §13.1.2: weak comparison, so a tag an edge weakened while
 * compressing still matches).
 */
public final class EntityTags {

    private EntityTags() {
    }

    /** A strong tag from the content's bytes: the first 128 bits of their SHA-256, base64url. */
    public static EntityTag of(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha.update(intBytes(part.length));
                sha.update(part);
            }
            return new EntityTag(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Arrays.copyOf(sha.digest(), 16)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * 200 with the body, or 304 without it (the body is then never made); either way the tag and the caching rules go
     * with the answer.
     */
    public static Response answer(Supplier<?> body, EntityTag tag, CacheControl caching, List<String> ifNoneMatch) {
        Response.ResponseBuilder answer = matches(ifNoneMatch, tag) ? Response.notModified() : Response.ok(body.get());
        return answer.tag(tag).cacheControl(caching).build();
    }

    /**
     * {@code public, max-age=N} (and {@code immutable}): one header line, which a bare header string with commas
     * would not be (the server splits it into a line per directive).
     */
    public static CacheControl publicFor(int maxAgeSeconds, boolean immutable) {
        CacheControl c = new CacheControl();
        c.setNoTransform(false);
        c.setMaxAge(maxAgeSeconds);
        c.getCacheExtension().put("public", null);
        if (immutable) {
            c.getCacheExtension().put("immutable", null);
        }
        return c;
    }

    /**
     * Whether any tag the request's {@code If-None-Match} lines name is this one. Lines, because the server hands a
     * comma-separated header over as one value per element.
     */
    public static boolean matches(List<String> ifNoneMatch, EntityTag tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.stream().flatMap(line -> Arrays.stream(line.split(","))).toList()) {
            String c = candidate.strip();
            if (c.equals("*")) {
                return true;
            }
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("\"" + tag.getValue() + "\"")) {
                return true;
            }
        }
        return false;
    }

    private static byte[] intBytes(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }
}
