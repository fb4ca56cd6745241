package io.sluice.server.netty;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The server-wide bound on the memory requests hold between arrival and answer: a body waiting for a worker or
 * being served counts twice (its bytes and their decoded form, which is never larger: base64 and CBOR only shrink
 * when decoded), and a reply counts its length until it is written — a GetRecords reply is up to ~13 MiB. Without
 * it memory would be bounded only by (workers + queue) × the request size cap, which is gigabytes at the defaults.
 * Requests are admitted only under the limit; replies, already made, are counted regardless, so while large
 * replies are being written new requests are refused. Thread-safe: connections on every event loop hold and
 * release.
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

    /** What a request body of {@code bodyBytes} holds while it waits and is served: the body and its decoded form. */
    static long forBody(int bodyBytes) {
        return 2L * bodyBytes;
    }

    /** Counts {@code bytes} that already exist (a reply), even beyond the limit. */
    void hold(long bytes) {
        held.addAndGet(bytes);
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
