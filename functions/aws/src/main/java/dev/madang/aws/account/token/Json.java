package dev.madang.aws.account.token;

import java.util.List;

/**
 * A tiny JSON object writer for token headers, claims and key sets: string, whole-number, boolean and string-array members,
 * and arrays of already-written objects, in the order they are added. Strings are escaped per RFC 8259 (quote,
 * backslash, control characters); everything else is written as is, which is valid UTF-8 JSON.
 */
final class Json {

    private final StringBuilder out = new StringBuilder("{");

    static Json object() {
        return new Json();
    }

    Json string(String name, String value) {
        name(name);
        quoted(value);
        return this;
    }

    Json number(String name, long value) {
        name(name);
        out.append(value);
        return this;
    }

    Json bool(String name, boolean value) {
        name(name);
        out.append(value);
        return this;
    }

    Json strings(String name, List<String> values) {
        name(name);
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            quoted(values.get(i));
        }
        out.append(']');
        return this;
    }

    Json objects(String name, List<Json> values) {
        name(name);
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(values.get(i).toString());
        }
        out.append(']');
        return this;
    }

    @Override
    public String toString() {
        return out + "}";
    }

    private void name(String name) {
        if (out.length() > 1) {
            out.append(',');
        }
        quoted(name);
        out.append(':');
    }

    private void quoted(String s) {
        if (s == null) {
            throw new IllegalArgumentException("JSON members here are never null");
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
