package io.sluice.core.storage;

import io.sluice.core.meta.StreamMetadata;
import java.io.IOException;
import java.util.List;

/**
 * Where the streams' metadata lives: every {@link StreamMetadata} and the key that signs shard iterators.
 *
 * <p>A catalog of its own (the data directory's files) changes only through this server. A shared one
 * ({@link #shared()}) changes through every server using it: writes are proposals that may lose against a change
 * another server made first, and every change, this server's too, reaches the engine through the
 * {@link Listener} given to {@link #follow}.
 */
public interface StreamCatalog {

    /** The iterator HMAC key, created on first use; the same for every server sharing the catalog. */
    byte[] loadOrCreateIteratorKey() throws IOException;

    /** A fresh id for a new stream of this name (where its records are kept is derived from it). */
    String newStreamId(String streamName) throws IOException;

    /**
     * Makes {@code next} the stream's metadata durably. {@code previous} is the metadata it was derived from (null
     * for a new stream): a shared catalog refuses the write with {@link ConcurrentChangeException} when the stream
     * changed since.
     */
    void writeStream(StreamMetadata previous, StreamMetadata next) throws IOException;

    /** Removes the stream's metadata durably; from then on it does not exist. */
    void removeStream(StreamMetadata previous) throws IOException;

    /** Every stream, for the start. */
    List<StreamMetadata> readStreams() throws IOException;

    /** True when other servers change this catalog too; {@link #follow} then delivers every change. */
    default boolean shared() {
        return false;
    }

    /**
     * Delivers every change from now on, in the order all servers apply them, and returns the streams as they are
     * just before the first one delivered. Only a shared catalog has changes to deliver.
     */
    default List<StreamMetadata> follow(Listener listener) throws IOException {
        return readStreams();
    }

    /** Receives the changes of a shared catalog, on one thread, in order. Must not block on the engine's locks. */
    interface Listener {
        /** {@code stream} is now the metadata of its stream (created or changed). */
        void changed(StreamMetadata stream);

        /** The stream with this name and id no longer exists. */
        void removed(String name, String id);
    }
}
