package io.sluice.storage.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Tells a writer the catalog's end offset as of some moment after its records were acknowledged, sharing one
 * request to Kafka among every writer waiting meanwhile (as group commit shares one fsync): a query started after a
 * writer's acknowledgement answers for it, so at most one query is in flight and writers never wait for more than
 * the one in flight plus the next.
 */
final class CatalogBarrier {

    private final Supplier<CompletableFuture<Long>> endOffsetQuery;
    private Flight inFlight;  // guarded by this
    private Flight completed; // the newest query answered

    private record Flight(long startedNanos, CompletableFuture<Long> end) {
    }

    /** {@code endOffsetQuery} starts a request for the catalog's end offset. */
    CatalogBarrier(Supplier<CompletableFuture<Long>> endOffsetQuery) {
        this.endOffsetQuery = endOffsetQuery;
    }

    /** The catalog's end offset read by a query started at or after {@code ackedNanos} ({@link System#nanoTime()}). */
    CompletableFuture<Long> endOffsetAfter(long ackedNanos) {
        Flight wait;
        synchronized (this) {
            if (completed != null && completed.startedNanos() >= ackedNanos) {
                return completed.end();
            }
            if (inFlight != null && inFlight.startedNanos() >= ackedNanos) {
                return inFlight.end();
            }
            if (inFlight == null) {
                return start();
            }
            wait = inFlight; // started before the acknowledgement: the next one answers
        }
        return wait.end().handle((end, failure) -> null).thenCompose(ignored -> endOffsetAfter(ackedNanos));
    }

    /** Starts a query; caller holds the lock. */
    private CompletableFuture<Long> start() {
        Flight flight = new Flight(System.nanoTime(), new CompletableFuture<>());
        inFlight = flight;
        endOffsetQuery.get().whenComplete((end, failure) -> {
            synchronized (this) {
                if (inFlight == flight) {
                    inFlight = null;
                }
                if (failure == null) {
                    completed = flight;
                }
            }
            if (failure != null) {
                flight.end().completeExceptionally(failure);
            } else {
                flight.end().complete(end);
            }
        });
        return flight.end();
    }
}
