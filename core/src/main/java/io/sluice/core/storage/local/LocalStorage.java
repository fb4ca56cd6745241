package io.sluice.core.storage.local;

import io.sluice.core.log.LogRuntime;
import io.sluice.core.log.ShardLog;
import io.sluice.core.meta.MetadataStore;
import io.sluice.core.meta.StreamMetadata;
import io.sluice.core.storage.ShardData;
import io.sluice.core.storage.Storage;
import io.sluice.core.storage.StreamCatalog;
import io.sluice.core.stream.ShardIds;
import java.io.IOException;

/**
 * One server's data directory: {@code stream.json} files ({@link MetadataStore}) and a {@link ShardLog} per shard,
 * sharing one {@link LogRuntime} (file handles, the flusher).
 */
public final class LocalStorage implements Storage {

    private final MetadataStore store;
    private final LogRuntime runtime;

    public LocalStorage(MetadataStore store, LogRuntime runtime) {
        this.store = store;
        this.runtime = runtime;
    }

    @Override
    public StreamCatalog catalog() {
        return store;
    }

    @Override
    public ShardData openShard(StreamMetadata stream, int shardIndex) throws IOException {
        return new LocalShardData(ShardLog.open(store.shardDir(stream.id(), ShardIds.format(shardIndex)), runtime));
    }

    @Override
    public void deleteStreamData(StreamMetadata stream) throws IOException {
        store.deleteStreamDir(stream.id());
    }

    @Override
    public int removeLeftovers() throws IOException {
        return store.removeOrphanStreamDirs();
    }

    /** Closes the log runtime (every shard log is closed before). */
    @Override
    public void close() {
        runtime.close();
    }
}
