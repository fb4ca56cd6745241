package io.sluice.server.netty;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The server-wide bound on request bodies held between arrival and answer — waiting for a worker or being served.
 * Without it memory would be bounded only by (workers + queue) × the request size cap, which is gigabytes at the
 * defaults. Thread-safe: connections on every event loop hold and release.
 */
final class RequestMemory {

    private final long limitBytes;
    private final AtomicLong held = new AtomicLong();

    RequestMemory(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** Holds {@code bytes} if they fit under the limit; a body alone on an idle server always fits. */
    boolean tryHold(long bytes) {
        long before;
        do {
            before = held.get();
            if (before > 0 && before + bytes > limitBytes) {
                return false;
            }
        } while (!held.compareAndSet(before, before + bytes));
        return true;
    }

    void release(long bytes) {
        held.addAndGet(-bytes);
    }

    long heldBytes() {
        return held.get();
    }

    long limitBytes() {
        return limitBytes;
    }
}
