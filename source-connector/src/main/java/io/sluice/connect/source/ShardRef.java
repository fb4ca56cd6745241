package io.sluice.connect.source;

import java.util.Comparator;
import java.util.Objects;

/**
 * One shard of one stream: the unit the connector assigns to tasks and the source partition of its records.
 * Written {@code stream/shardId} in task configurations (neither part can contain a slash). Immutable.
 */
public record ShardRef(String stream, String shardId) implements Comparable<ShardRef> {

    private static final Comparator<ShardRef> ORDER =
            Comparator.comparing(ShardRef::stream).thenComparing(ShardRef::shardId);

    public ShardRef {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(shardId, "shardId");
    }

    /** Parses {@link #toString()}'s form. */
    public static ShardRef parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("Expected stream/shardId, got '" + text + "'");
        }
        return new ShardRef(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public int compareTo(ShardRef other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return stream + "/" + shardId;
    }
}
