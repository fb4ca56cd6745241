package io.sluice.server.validation;

import io.sluice.core.engine.Validation;
import io.sluice.server.validation.Shape.BlobShape;
import io.sluice.server.validation.Shape.ListShape;
import io.sluice.server.validation.Shape.MapShape;
import io.sluice.server.validation.Shape.NumberShape;
import io.sluice.server.validation.Shape.StringShape;
import io.sluice.server.validation.Shape.StructShape;
import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.ErrorType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Checks typed {@link Fields} against their shape's constraints and reports violations the way AWS does:
 * {@code 2 validation errors detected: Value 'x' at 'streamName' failed to satisfy constraint: Member must ...;
 * Value ...}, at most ten, members in alphabetical order, list elements as {@code records.1.member.data}.
 */
public final class ConstraintChecker {

    private static final int MAX_REPORTED = 10;

    private final List<String> violations = new ArrayList<>();

    private ConstraintChecker() {
    }

    /** Throws a {@code ValidationException} listing every violated constraint (up to ten), or returns. */
    public static void check(Fields fields, StructShape shape) {
        ConstraintChecker checker = new ConstraintChecker();
        checker.members(fields, shape, "");
        if (!checker.violations.isEmpty()) {
            int count = checker.violations.size();
            throw new ApiException(ErrorType.VALIDATION, count + " validation error" + (count > 1 ? "s" : "")
                    + " detected: " + String.join("; ", checker.violations));
        }
    }

    private void members(Fields fields, StructShape shape, String parent) {
        for (Map.Entry<String, Shape> member : shape.members().entrySet()) {
            member(fields.get(member.getKey()), member.getValue(), parent + lowerFirst(member.getKey()));
        }
    }

    private void member(Object value, Shape shape, String path) {
        if (value == null) {
            if (shape.notNull()) {
                violation(path, null, "Member must not be null");
            }
            return;
        }
        if (shape instanceof StringShape s) {
            string((String) value, s, path);
        } else if (shape instanceof NumberShape n) {
            number((Long) value, n, path);
        } else if (shape instanceof BlobShape b) {
            byte[] bytes = (byte[]) value;
            length(bytes.length, b.minLength(), b.maxLength(), path, () -> Validation.blobText(bytes.length));
        } else if (shape instanceof ListShape l) {
            List<?> list = (List<?>) value;
            length(list.size(), l.minLength(), l.maxLength(), path, () -> listText(list));
            if (l.member() instanceof StringShape texts && !allOfLength(list, texts)) {
                violation(path, listText(list), "Member must satisfy constraint: [" + lengthRule(texts) + "]");
            }
            for (int i = 0; i < list.size(); i++) {
                member(list.get(i), lengthless(l.member()), path + "." + (i + 1) + ".member");
            }
        } else if (shape instanceof MapShape m) {
            Map<?, ?> map = (Map<?, ?>) value;
            length(map.size(), m.minLength(), m.maxLength(), path, () -> mapText(map));
            if (!allOfLength(map.keySet(), m.key())) {
                violation(path, mapText(map), "Map keys must satisfy constraint: [" + lengthRule(m.key()) + "]");
            }
            if (m.value() instanceof StringShape texts && !allOfLength(map.values(), texts)) {
                violation(path, mapText(map), "Map value must satisfy constraint: [" + lengthRule(texts) + "]");
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                member(entry.getValue(), lengthless(m.value()), path + "." + entry.getKey());
            }
        } else if (shape instanceof StructShape s) {
            members((Fields) value, s, path + ".");
        }
    }

    private void string(String value, StringShape shape, String path) {
        if (shape.enumValues() != null && !shape.enumValues().contains(value)) {
            violation(path, value, "Member must satisfy enum value set: [" + String.join(", ", shape.enumValues()) + "]");
        }
        // Length before pattern: a value over its maximum cannot be valid, and skipping the pattern bounds the work
        // per member by the shape's maximum whatever a client sends (the pattern is linear-time RE2 besides).
        int length = value.codePointCount(0, value.length());
        boolean tooLong = shape.maxLength() != null && length > shape.maxLength();
        if (shape.pattern() != null && !tooLong && !shape.pattern().matches(value)) {
            violation(path, value, "Member must satisfy regular expression pattern: " + shape.pattern().pattern());
        }
        if (shape.minLength() != null || shape.maxLength() != null) {
            length(length, shape.minLength(), shape.maxLength(), path, () -> value);
        }
    }

    private void number(long value, NumberShape shape, String path) {
        if (shape.min() != null && value < shape.min()) {
            violation(path, Long.toString(value), "Member must have value greater than or equal to " + shape.min());
        }
        if (shape.max() != null && value > shape.max()) {
            violation(path, Long.toString(value), "Member must have value less than or equal to " + shape.max());
        }
    }

    /*
     * AWS reports the length of a list's or map's strings once, for the whole member, as one constraint on the
     * member ("Map value must satisfy constraint: [...]"), not per element; other rules stay per element.
     */

    private static boolean allOfLength(Collection<?> texts, StringShape shape) {
        for (Object text : texts) {
            if (text != null) {
                int length = ((String) text).codePointCount(0, ((String) text).length());
                if ((shape.minLength() != null && length < shape.minLength())
                        || (shape.maxLength() != null && length > shape.maxLength())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String lengthRule(StringShape shape) {
        List<String> rules = new ArrayList<>();
        if (shape.maxLength() != null) {
            rules.add("Member must have length less than or equal to " + shape.maxLength());
        }
        if (shape.minLength() != null) {
            rules.add("Member must have length greater than or equal to " + shape.minLength());
        }
        return String.join(", ", rules);
    }

    /** An element's shape with its length rule left to {@link #allOfLength}. */
    private static Shape lengthless(Shape shape) {
        return shape instanceof StringShape s
                ? new StringShape(s.notNull(), s.pattern(), null, null, s.enumValues()) : shape;
    }

    /** {@code shown} renders the value for the message; only a violation pays for it (a list can be 500 records). */
    private void length(int length, Integer min, Integer max, String path, Supplier<String> shown) {
        if (min != null && length < min) {
            violation(path, shown.get(), "Member must have length greater than or equal to " + min);
        }
        if (max != null && length > max) {
            violation(path, shown.get(), "Member must have length less than or equal to " + max);
        }
    }

    private void violation(String path, String value, String constraint) {
        if (violations.size() < MAX_REPORTED) {
            violations.add(Validation.violation(path, value, constraint));
        }
    }

    private static String listText(List<?> list) {
        return list.stream().map(ConstraintChecker::text).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? Validation.blobText(bytes.length) : String.valueOf(value);
    }

    private static String mapText(Map<?, ?> map) {
        return map.entrySet().stream()
                .map(e -> e.getKey() + "=" + text(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String lowerFirst(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
