package io.sluice.core.engine;

import io.sluice.core.error.InvalidArgumentException;
import io.sluice.core.error.LimitExceededException;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tag rules: at most 50 per stream, keys 1..128 characters, values 0..256, written with the characters Kinesis
 * allows (Unicode letters, digits, white space, {@code _ . / = + - % @}, and {@code :} which AWS takes though its
 * message does not list it). Stateless.
 */
public final class Tags {

    public static final int MAX_TAGS = 50;

    // Kinesis's own approximation of "Unicode letters"; \w is ASCII letters, digits and '_'.
    private static final Pattern ALLOWED = Pattern.compile("[\\u00C0-\\u1FFF\\u2C00-\\uD7FF\\w./=+\\- @%:]*");

    private Tags() {
    }

    public static void validate(Map<String, String> tags) {
        for (Map.Entry<String, String> e : tags.entrySet()) {
            Validation.length("tags.key", e.getKey(), 1, 128);
            Validation.length("tags.value", e.getValue() == null ? "" : e.getValue(), 0, 256);
        }
        checkCharacters(tags.keySet());
        checkCharacters(tags.values());
    }

    /** Keys (or values) outside Kinesis's tag characters are an InvalidArgumentException, in AWS's wording. */
    public static void checkCharacters(Collection<String> texts) {
        for (String text : texts) {
            if (text != null && !ALLOWED.matcher(text).matches()) {
                throw new InvalidArgumentException("Some tags contain invalid characters. Valid characters: "
                        + "Unicode letters, digits, white space, _ . / = + - % @.");
            }
        }
    }

    /**
     * Kinesis lists '%' among the valid characters yet refuses it when tags are added to or removed from a stream;
     * {@code change} is "add tags to" or "remove tags from".
     */
    public static void checkNoPercent(Collection<String> texts, String change, String stream, String account) {
        for (String text : texts) {
            if (text != null && text.indexOf('%') >= 0) {
                throw new InvalidArgumentException("Failed to " + change + " stream " + stream + " under account "
                        + account + " because some tags contained illegal characters. The allowed characters are "
                        + "Unicode letters, white-spaces, '_',',','/','=','+','-','@',':'.");
            }
        }
    }

    public static LimitExceededException tooMany(String stream, String account) {
        return new LimitExceededException("Failed to add tags to stream " + stream + " under account " + account
                + " because a given stream cannot have more than " + MAX_TAGS + " tags associated with it.");
    }
}
