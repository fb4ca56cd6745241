package io.sluice.core.storage;

import io.sluice.core.meta.StreamMetadata;
import java.io.IOException;

/**
 * Where the engine keeps streams: their metadata ({@link #catalog()}) and each shard's records
 * ({@link #openShard}). The engine keeps every Kinesis rule; a storage only keeps bytes and order.
 *
 * <p>Two exist: the data directory of one server ({@code local}, the default) and a Kafka cluster shared by several
 * servers ({@code kafka}, module {@code kafka-storage}).
 */
public interface Storage extends AutoCloseable {

    StreamCatalog catalog();

    /** Opens (creating if needed) the records of shard {@code shardIndex} of {@code stream}. */
    ShardData openShard(StreamMetadata stream, int shardIndex) throws IOException;

    /** Removes everything left of a deleted stream's records (after its metadata is gone). */
    void deleteStreamData(StreamMetadata stream) throws IOException;

    /** Removes what interrupted creations and deletions left behind; returns how many streams' leftovers went. */
    default int removeLeftovers() throws IOException {
        return 0;
    }

    /**
     * Called when a shared catalog's change to a stream reached this server, so the storage can follow settings it
     * keeps itself (a topic's retention).
     */
    default void streamChanged(StreamMetadata previous, StreamMetadata next) throws IOException {
    }

    /** True when several servers share this storage (see {@link StreamCatalog#shared()}). */
    default boolean shared() {
        return catalog().shared();
    }

    @Override
    void close() throws IOException;
}
