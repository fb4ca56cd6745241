package io.sluice.core.log;

import io.sluice.core.fs.ChannelOpener;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded LRU of open segment {@link FileChannel}s shared by every log of a {@link LogRuntime}, so thousands of
 * idle shards cost no open file each: a channel is opened on demand, and the least recently used ones are closed
 * when more than {@code maxOpen} are cached.
 *
 * <p>Callers {@link #acquire} a {@link Lease} around each I/O and close it right after. A channel evicted while
 * leased leaves the cache at once and is closed when its last lease is released, so a reader never sees its
 * channel closed under it; the number of open files may exceed {@code maxOpen} by the number of leases in
 * flight. Files are opened read-write without {@code CREATE}: acquiring a deleted segment fails with
 * {@link java.nio.file.NoSuchFileException} rather than resurrecting it.
 *
 * <p>Thread-safe. One monitor guards the map; it is held for map updates and for opening a file on a miss, never
 * across reads, writes or fsyncs.
 */
final class FileHandleCache implements AutoCloseable {

    private final int maxOpen;
    private final ChannelOpener opener;
    private final LinkedHashMap<Path, Handle> handles = new LinkedHashMap<>(64, 0.75f, true);
    private boolean closed;
    private long opens;

    FileHandleCache(int maxOpen) {
        this(maxOpen, ChannelOpener.PLAIN);
    }

    FileHandleCache(int maxOpen, ChannelOpener opener) {
        this.maxOpen = maxOpen;
        this.opener = opener;
    }

    /** A leased open channel; close the lease (not the channel) when done. */
    static final class Lease implements AutoCloseable {
        private final FileHandleCache cache;
        private final Handle handle;
        private boolean released;

        private Lease(FileHandleCache cache, Handle handle) {
            this.cache = cache;
            this.handle = handle;
        }

        FileChannel channel() {
            return handle.channel;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                cache.release(handle);
            }
        }
    }

    private static final class Handle {
        final FileChannel channel;
        int leases;
        boolean evicted;

        Handle(FileChannel channel) {
            this.channel = channel;
        }
    }

    Lease acquire(Path file) throws IOException {
        List<Handle> toClose;
        Handle h;
        synchronized (this) {
            if (closed) {
                throw new IOException("the log runtime is closed");
            }
            h = handles.get(file);
            if (h != null && !h.channel.isOpen()) {
                // An interrupted thread's I/O closes the channel for everyone (ClosedByInterruptException): reopen.
                handles.remove(file);
                h.evicted = true;
                h = null;
            }
            if (h == null) {
                h = new Handle(opener.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE));
                opens++;
                handles.put(file, h);
            }
            h.leases++;
            toClose = evictOverflow();
        }
        closeAll(toClose);
        return new Lease(this, h);
    }

    /** Drops {@code file} from the cache (before it is deleted or replaced); a leased channel closes on release. */
    void evict(Path file) {
        Handle h;
        synchronized (this) {
            h = handles.remove(file);
            if (h == null) {
                return;
            }
            h.evicted = true;
            if (h.leases > 0) {
                return;
            }
        }
        closeQuietly(h.channel);
    }

    /** Number of channels currently cached (leased channels already evicted are not counted). */
    synchronized int openCount() {
        return handles.size();
    }

    /** Number of times a file was opened since creation (visible for testing). */
    synchronized long openCalls() {
        return opens;
    }

    private void release(Handle h) {
        synchronized (this) {
            h.leases--;
            if (h.leases > 0 || !h.evicted) {
                return;
            }
        }
        closeQuietly(h.channel);
    }

    private List<Handle> evictOverflow() {
        if (handles.size() <= maxOpen) {
            return List.of();
        }
        List<Handle> toClose = new ArrayList<>();
        Iterator<Map.Entry<Path, Handle>> it = handles.entrySet().iterator();
        while (handles.size() > maxOpen && it.hasNext()) {
            Handle h = it.next().getValue();
            it.remove();
            h.evicted = true;
            if (h.leases == 0) {
                toClose.add(h);
            }
        }
        return toClose;
    }

    @Override
    public void close() {
        List<Handle> toClose = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Handle h : handles.values()) {
                h.evicted = true;
                if (h.leases == 0) {
                    toClose.add(h);
                }
            }
            handles.clear();
        }
        closeAll(toClose);
    }

    private static void closeAll(List<Handle> handles) {
        for (Handle h : handles) {
            closeQuietly(h.channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a channel we only read and wrote positionally cannot lose data (fsync is explicit), so a
            // failure here changes nothing for the log.
        }
    }
}
