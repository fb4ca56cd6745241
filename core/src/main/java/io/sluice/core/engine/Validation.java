package io.sluice.core.engine;

import io.sluice.core.error.ValidationException;
import java.util.regex.Pattern;

/**
 * Field constraints of the Kinesis API model, checked with AWS's wording:
 * {@code 1 validation error detected: Value 'x' at 'streamName' failed to satisfy constraint: Member must ...}.
 * The server validates requests declaratively before calling the engine; the engine checks again so it is safe
 * on its own. Stateless.
 */
public final class Validation {

    public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private Validation() {
    }

    /** One failed constraint: {@code Member must} followed by {@code mustClause}. */
    public static ValidationException error(String field, Object value, String mustClause) {
        return new ValidationException("1 validation error detected: "
                + violation(field, value == null ? null : String.valueOf(value), "Member must " + mustClause));
    }

    /**
     * One violation as AWS words it — {@code Value 'x' at 'field' failed to satisfy constraint: ...}, and
     * {@code Value null at ...} for a missing value — for the engine's checks and the server's alike.
     */
    public static String violation(String field, String shownValue, String constraint) {
        return "Value " + (shownValue == null ? "null" : "'" + shownValue + "'") + " at '" + field
                + "' failed to satisfy constraint: " + constraint;
    }

    /** How AWS shows a blob in a violation: its Java front end's {@code ByteBuffer.toString()}. */
    public static String blobText(int length) {
        return "java.nio.HeapByteBuffer[pos=0 lim=" + length + " cap=" + length + "]";
    }

    /** Stream and consumer names: 1..128 characters of {@code [a-zA-Z0-9_.-]}. */
    public static String name(String field, String value) {
        if (value == null) {
            throw error(field, null, "not be null");
        }
        if (value.isEmpty()) {
            throw error(field, value, "have length greater than or equal to 1");
        }
        if (value.length() > 128) {
            throw error(field, value, "have length less than or equal to 128");
        }
        if (!NAME.matcher(value).matches()) {
            throw error(field, value, "satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        return value;
    }

    public static int range(String field, Integer value, int min, int max) {
        if (value == null) {
            throw error(field, null, "not be null");
        }
        if (value < min) {
            throw error(field, value, "have value greater than or equal to " + min);
        }
        if (value > max) {
            throw error(field, value, "have value less than or equal to " + max);
        }
        return value;
    }

    public static String length(String field, String value, int min, int max) {
        if (value == null) {
            throw error(field, null, "not be null");
        }
        if (value.length() < min) {
            throw error(field, value, "have length greater than or equal to " + min);
        }
        if (value.length() > max) {
            throw error(field, value, "have length less than or equal to " + max);
        }
        return value;
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw error(field, null, "not be null");
        }
        return value;
    }
}
