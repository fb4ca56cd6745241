package io.sluice.storage.kafka;

import io.sluice.core.meta.StreamMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The catalog as every server computes it from the catalog topic: deterministic, so servers that applied the same
 * records hold the same state. Not thread-safe: {@link KafkaCatalog} guards it.
 *
 * <p>Rules: a stream change takes effect only when its base is the stream's current version (the offset of the
 * change that set it) — or {@link CatalogCommand#ABSENT} when no stream of that name exists; otherwise another
 * change came first and this one is dropped everywhere. The first iterator key wins. Anything else in the topic
 * (a record this version cannot read, another kind) is skipped by every server alike.
 */
final class CatalogState {

    /** A stream's metadata and the catalog offset of the change that set it. */
    record Versioned(long version, StreamMetadata stream) {
    }

    private final Map<String, Versioned> streams = new TreeMap<>();
    private String iteratorKey;

    /** Applies the record at {@code offset}; true when it took effect. */
    boolean apply(long offset, CatalogCommand command) {
        if (command == null) {
            return false;
        }
        switch (command.kind()) {
            case CatalogCommand.STREAM -> {
                Versioned current = streams.get(command.name());
                long version = current == null ? CatalogCommand.ABSENT : current.version();
                if (command.base() != version || command.name() == null) {
                    return false;
                }
                if (command.stream() == null) {
                    streams.remove(command.name());
                } else if (command.stream().name().equals(command.name())) {
                    streams.put(command.name(), new Versioned(offset, command.stream()));
                } else {
                    return false;
                }
                return true;
            }
            case CatalogCommand.ITERATOR_KEY -> {
                if (iteratorKey != null || command.key() == null) {
                    return false;
                }
                iteratorKey = command.key();
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    Versioned stream(String name) {
        return streams.get(name);
    }

    List<StreamMetadata> streams() {
        List<StreamMetadata> all = new ArrayList<>();
        for (Versioned v : streams.values()) {
            all.add(v.stream());
        }
        return all;
    }

    String iteratorKey() {
        return iteratorKey;
    }
}
