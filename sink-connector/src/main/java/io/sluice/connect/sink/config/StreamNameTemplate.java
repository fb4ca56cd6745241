package io.sluice.connect.sink.config;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The destination stream of {@code kinesis.stream}: a fixed name such as {@code orders}, or a template in which
 * {@code ${topic}} stands for the record's topic, such as {@code ${topic}} or {@code kafka-${topic}}. {@code ${topic}}
 * is the only placeholder. Kafka topic names ({@code [a-zA-Z0-9._-]}) are valid stream characters, so a valid
 * template gives a valid name for every topic up to the 128-character limit. Immutable and thread-safe.
 */
public final class StreamNameTemplate {

    public static final String TOPIC_PLACEHOLDER = "${topic}";
    /** Kinesis's stream name rule. */
    public static final int MAX_NAME_LENGTH = 128;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern NAME_CHARS = Pattern.compile("[a-zA-Z0-9_.-]*");

    private final String template;

    private StreamNameTemplate(String template) {
        this.template = template;
    }

    /**
     * Parses {@code value}.
     *
     * @throws IllegalArgumentException with the reason, worded to follow "kinesis.stream ..."
     */
    public static StreamNameTemplate parse(String value) {
        Objects.requireNonNull(value, "value");
        String template = value.trim();
        if (template.isEmpty()) {
            throw new IllegalArgumentException("must name a stream, such as orders, or be a template such as ${topic}");
        }
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!m.group().equals(TOPIC_PLACEHOLDER)) {
                throw new IllegalArgumentException("has the unknown placeholder " + m.group()
                        + "; the only placeholder is " + TOPIC_PLACEHOLDER);
            }
        }
        String fixed = template.replace(TOPIC_PLACEHOLDER, "");
        if (!NAME_CHARS.matcher(fixed).matches()) {
            throw new IllegalArgumentException("may hold only the characters a-z A-Z 0-9 _ . - besides "
                    + TOPIC_PLACEHOLDER);
        }
        if (fixed.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("is longer than a stream name may be (" + MAX_NAME_LENGTH
                    + " characters)");
        }
        return new StreamNameTemplate(template);
    }

    /** Whether the name depends on the topic. */
    public boolean isTemplate() {
        return template.contains(TOPIC_PLACEHOLDER);
    }

    /** The stream for records of {@code topic}. */
    public String streamFor(String topic) {
        return template.replace(TOPIC_PLACEHOLDER, topic);
    }

    @Override
    public String toString() {
        return template;
    }
}
