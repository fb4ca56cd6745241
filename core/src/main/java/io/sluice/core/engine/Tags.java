package io.sluice.core.engine;

import io.sluice.core.error.LimitExceededException;
import java.util.Map;

/** Tag rules: at most 50 per stream, keys 1..128 characters, values 0..256. Stateless. */
public final class Tags {

    public static final int MAX_TAGS = 50;

    private Tags() {
    }

    public static void validate(Map<String, String> tags) {
        for (Map.Entry<String, String> e : tags.entrySet()) {
            Validation.length("tags.key", e.getKey(), 1, 128);
            Validation.length("tags.value", e.getValue() == null ? "" : e.getValue(), 0, 256);
        }
    }

    public static LimitExceededException tooMany(String stream, String account) {
        return new LimitExceededException("Failed to add tags to stream " + stream + " under account " + account
                + " because a given stream cannot have more than " + MAX_TAGS + " tags associated with it.");
    }
}
