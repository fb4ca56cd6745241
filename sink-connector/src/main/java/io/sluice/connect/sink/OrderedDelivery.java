package io.sluice.connect.sink;

import io.sluice.connect.common.Backoff;
import io.sluice.connect.common.config.KinesisConnectionConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Delivers queued records to their streams with PutRecords, in order per partition key, retrying only what failed.
 *
 * <p><b>Batching.</b> Records wait in {@link KeyQueues} per stream. {@link #deliver} sends a {@link Batch} per
 * stream while a stream holds a full batch ({@value Batch#MAX_ENTRIES} records or {@value Batch#MAX_BYTES} bytes),
 * while the oldest waiting record has waited the linger, or, when flushing, until nothing waits.
 *
 * <p><b>Calls in flight.</b> Up to {@link Limits#calls()} calls run at once on the given executor; each carries keys
 * no other call in flight carries. Their answers are taken in on the task's thread, at the next {@link #deliver}.
 *
 * <p><b>Memory.</b> Records are held from {@link #add} until acknowledged (or given up), waiting or in flight. While
 * they take more than {@link Limits#heldBytes()} ({@link #heldBytes}: data, partition key and
 * {@value #RECORD_OVERHEAD_BYTES} bytes of bookkeeping each), {@code deliver} sends what it can and waits for
 * answers, so the task runs ahead of what the streams take by at most that much — but never waits out a backoff.
 *
 * <p><b>Order.</b> A batch holds at most the head of each key's queue, of keys no call in flight carries; a record
 * leaves its queue only when the stream acknowledged it (or it was given up), so a later record of a key is never
 * written before an earlier one. Failed entries stay at the head of their queue and go again in a later batch.
 *
 * <p><b>Failures.</b> A failed entry (throttling, internal failure) or a call that failed as a whole with a
 * transient error (throttling, 5xx, I/O, timeout) counts one failure against each record it carries, and starts a
 * {@link Backoff} during which nothing is sent. A record that failed more than {@code maxRetries} times is given up
 * and handed to {@link Listener#givenUp} with the last error code and message. A call rejected for good (stream
 * missing, access denied, invalid request) throws a {@link ConnectException} naming the stream and the error.
 *
 * <p>Not thread-safe: the task's thread only (the calls themselves run on the executor).
 */
final class OrderedDelivery {

    /** One PutRecords call; throws what the AWS SDK throws. */
    @FunctionalInterface
    interface PutRecordsCall {
        PutRecordsResponse putRecords(String stream, List<PutRecordsRequestEntry> entries);
    }

    /** Told about each record's fate. */
    interface Listener {
        void acknowledged(SinkEntry entry);

        /** The record failed too often; {@code reason} names the stream, the attempts and the last error. */
        void givenUp(SinkEntry entry, String reason);
    }

    /** How many calls may be in flight at once, and how much memory the records held may take. */
    record Limits(int calls, long heldBytes) {
    }

    /** What a held record takes beyond its data and partition key: its Kafka record, queue node and bookkeeping. */
    static final int RECORD_OVERHEAD_BYTES = 128;

    /**
     * What waits after {@link #deliver}: nothing, records lingering, records held back by a backoff, or answers of
     * calls in flight (records of their keys wait for them).
     */
    record Next(State state, long delayMs) {
        enum State { IDLE, LINGERING, BACKING_OFF, IN_FLIGHT }
    }

    /** How soon to look again at calls in flight that {@link #deliver} did not wait for. */
    static final long IN_FLIGHT_POLL_MS = 5;

    /** A call on its way: what it carries, and its answer to come. */
    private record Call(Batch batch, KeyQueues queues, CompletableFuture<PutRecordsResponse> answer) {
    }

    static final String THROTTLED = "ProvisionedThroughputExceededException";

    private final PutRecordsCall call;
    private final Executor callRunner;
    private final Limits limits;
    private final List<Call> inFlight = new ArrayList<>();
    private final Listener listener;
    private final SinkMetrics metrics;
    private final LongSupplier clockMs;
    private final long lingerMs;
    private final int maxRetries;
    private final boolean aggregate;
    private final Backoff backoff;
    private final Map<String, KeyQueues> streams = new LinkedHashMap<>();
    private long waitingSinceMs = -1;
    private long notBeforeMs;

    OrderedDelivery(PutRecordsCall call, Executor callRunner, Limits limits, Listener listener,
                    SinkMetrics metrics, LongSupplier clockMs, Duration linger, int maxRetries, boolean aggregate,
                    Backoff backoff) {
        this.call = call;
        this.callRunner = callRunner;
        this.limits = limits;
        this.listener = listener;
        this.metrics = metrics;
        this.clockMs = clockMs;
        this.lingerMs = linger.toMillis();
        this.maxRetries = maxRetries;
        this.aggregate = aggregate;
        this.backoff = backoff;
    }

    void add(SinkEntry entry) {
        if (waitingSinceMs < 0) { // the oldest record not yet sent came
            waitingSinceMs = clockMs.getAsLong();
        }
        streams.computeIfAbsent(entry.stream(), s -> new KeyQueues()).add(entry);
    }

    /** Records waiting, over all streams. */
    int waitingRecords() {
        return streams.values().stream().mapToInt(KeyQueues::records).sum();
    }

    /** Memory the records held take, as {@link Limits#heldBytes()} counts it. */
    long heldBytes() {
        return streams.values().stream()
                .mapToLong(q -> q.bytes() + (long) q.records() * RECORD_OVERHEAD_BYTES).sum();
    }

    /** The records held take all the memory they may: {@code put} should not hand over more. */
    boolean isFull() {
        return heldBytes() >= limits.heldBytes();
    }

    /**
     * Takes in the answers of finished calls and sends what is due (everything when {@code flush}), never waiting
     * out a backoff. Waits for a call in flight to end when work is due but no call may start or while the held
     * records take too much memory ({@link #isFull}), and, when flushing, until every record sent was answered.
     *
     * @throws ConnectException when a call is rejected for good, or a given-up record cannot be reported
     */
    Next deliver(boolean flush) {
        while (true) {
            settleAnswered();
            boolean pressed = flush || isFull(); // no lingering, and wait rather than return
            long now = clockMs.getAsLong();
            KeyQueues fullest = fullestPending();
            if (fullest == null) { // nothing waits to be sent
                if (inFlight.isEmpty()) {
                    return new Next(Next.State.IDLE, 0);
                }
                if (!pressed) {
                    return new Next(Next.State.IN_FLIGHT, IN_FLIGHT_POLL_MS);
                }
                awaitAnyAnswer();
                continue;
            }
            if (now < notBeforeMs) {
                return new Next(Next.State.BACKING_OFF, notBeforeMs - now);
            }
            boolean full = fullest.pendingRecords() >= Batch.MAX_ENTRIES || fullest.pendingBytes() >= Batch.MAX_BYTES;
            long lingered = now - waitingSinceMs;
            if (!pressed && !full && lingered < lingerMs) {
                return new Next(Next.State.LINGERING, lingerMs - lingered);
            }
            if (inFlight.size() >= limits.calls()) {
                awaitAnyAnswer();
            } else if (sendNextBatch()) {
                if (streams.values().stream().allMatch(q -> q.pendingRecords() == 0)) {
                    waitingSinceMs = -1;
                }
            } else if (pressed) { // every waiting key is in flight
                awaitAnyAnswer();
            } else {
                return new Next(Next.State.IN_FLIGHT, IN_FLIGHT_POLL_MS);
            }
        }
    }

    /** The stream with the most records waiting to be sent, or null when none waits. */
    private KeyQueues fullestPending() {
        return streams.values().stream().filter(q -> q.pendingRecords() > 0)
                .max(Comparator.comparingInt(KeyQueues::pendingRecords)).orElse(null);
    }

    /** Starts a call with the next batch of the fullest stream that has sendable keys; false when none has. */
    private boolean sendNextBatch() {
        List<Map.Entry<String, KeyQueues>> byRecords = new ArrayList<>(streams.entrySet());
        byRecords.sort(Comparator.comparingInt((Map.Entry<String, KeyQueues> e) -> e.getValue().pendingRecords())
                .reversed());
        for (Map.Entry<String, KeyQueues> stream : byRecords) {
            Batch batch = Batch.next(stream.getKey(), stream.getValue(), aggregate);
            if (!batch.isEmpty()) {
                send(batch, stream.getValue());
                return true;
            }
        }
        return false;
    }

    private void send(Batch batch, KeyQueues queues) {
        metrics.batch(batch.recordCount());
        queues.sending(batch);
        CompletableFuture<PutRecordsResponse> answer;
        try {
            answer = CompletableFuture.supplyAsync(() -> call.putRecords(batch.stream(), batch.requests()), callRunner);
        } catch (RejectedExecutionException stopped) {
            answer = CompletableFuture.failedFuture(stopped);
        }
        inFlight.add(new Call(batch, queues, answer));
    }

    /** Takes in the answers of the calls that ended, in the order they were sent. */
    private void settleAnswered() {
        Iterator<Call> calls = inFlight.iterator();
        while (calls.hasNext()) {
            Call done = calls.next();
            if (done.answer().isDone()) {
                calls.remove();
                done.queues().answered(done.batch());
                settle(done);
            }
        }
        removeEmptyStreams();
        if (waitingSinceMs < 0 && fullestPending() != null) {
            waitingSinceMs = 0; // records failed back into waiting: due as soon as the backoff passed, no new linger
        }
    }

    private void awaitAnyAnswer() {
        try {
            CompletableFuture.anyOf(inFlight.stream().map(Call::answer).toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException | CancellationException failed) {
            // the failure is taken in by settleAnswered, with the call it belongs to
        }
    }

    private void removeEmptyStreams() {
        Iterator<KeyQueues> it = streams.values().iterator();
        while (it.hasNext()) {
            if (it.next().isEmpty()) {
                it.remove();
            }
        }
        if (streams.isEmpty()) {
            waitingSinceMs = -1;
        }
    }

    /** Drops the waiting records of closed partitions, once the calls in flight were answered. */
    void drop(Set<TopicPartition> partitions) {
        while (!inFlight.isEmpty()) { // their records must still be at the head of their queues when answered
            awaitAnyAnswer();
            settleAnswered();
        }
        streams.values().forEach(q -> q.drop(partitions));
        removeEmptyStreams();
    }

    private void settle(Call done) {
        Batch batch = done.batch();
        KeyQueues queues = done.queues();
        PutRecordsResponse response;
        try {
            response = done.answer().join();
        } catch (CompletionException | CancellationException failed) {
            settleFailure(batch, queues, failed.getCause() == null ? failed : failed.getCause());
            return;
        }
        settleResults(batch, queues, response);
    }

    private void settleFailure(Batch batch, KeyQueues queues, Throwable failure) {
        if (failure instanceof SdkClientException e) {
            failAll(batch, queues, "SdkClientException: " + e.getMessage(), false);
        } else if (failure instanceof AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String error = code + ": " + (e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorMessage());
            if (!isTransient(e, code)) {
                throw new ConnectException("PutRecords to stream '" + batch.stream() + "' was rejected: " + error
                        + hint(code));
            }
            failAll(batch, queues, error, THROTTLED.equals(code) || e.isThrottlingException());
        } else if (failure instanceof SdkException || failure instanceof RejectedExecutionException) {
            failAll(batch, queues, failure.getClass().getSimpleName() + ": " + failure.getMessage(), false);
        } else {
            throw new ConnectException("PutRecords to stream '" + batch.stream() + "' failed unexpectedly", failure);
        }
    }

    private void settleResults(Batch batch, KeyQueues queues, PutRecordsResponse response) {
        List<PutRecordsResultEntry> results = response.records();
        if (results.size() != batch.entries().size()) {
            throw new ConnectException("PutRecords to stream '" + batch.stream() + "' answered " + results.size()
                    + " results for " + batch.entries().size() + " entries");
        }
        int sent = 0;
        long sentBytes = 0;
        int failed = 0;
        List<SinkEntry> givenUp = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            PutRecordsResultEntry result = results.get(i);
            Batch.Entry entry = batch.entries().get(i);
            if (result.errorCode() == null) {
                queues.removeHeads(entry.members());
                entry.members().forEach(listener::acknowledged);
                sent += entry.members().size();
                sentBytes += entry.members().stream().mapToLong(SinkEntry::sizeBytes).sum();
            } else {
                failed += entry.members().size();
                if (THROTTLED.equals(result.errorCode())) {
                    metrics.throttled(entry.members().size());
                }
                givenUp.addAll(failed(entry, queues, result.errorCode() + ": " + result.errorMessage()));
            }
        }
        metrics.sent(sent, sentBytes);
        if (failed == 0) {
            backoff.reset();
        } else {
            if (sent > 0) {
                backoff.reset(); // the stream is busy, not stuck: wait about the base, no longer
            }
            notBeforeMs = clockMs.getAsLong() + backoff.nextMillis();
        }
        giveUp(batch.stream(), givenUp);
    }

    private void failAll(Batch batch, KeyQueues queues, String error, boolean throttled) {
        List<SinkEntry> givenUp = new ArrayList<>();
        for (Batch.Entry entry : batch.entries()) {
            if (throttled) {
                metrics.throttled(entry.members().size());
            }
            givenUp.addAll(failed(entry, queues, error));
        }
        notBeforeMs = clockMs.getAsLong() + backoff.nextMillis();
        giveUp(batch.stream(), givenUp);
    }

    /** Counts a failure against the entry's records; returns those that are out of retries, out of the queue. */
    private List<SinkEntry> failed(Batch.Entry entry, KeyQueues queues, String error) {
        entry.members().forEach(m -> m.failed(error));
        if (entry.members().stream().anyMatch(m -> m.failures() > maxRetries)) {
            queues.removeHeads(entry.members());
            return entry.members();
        }
        metrics.retried(entry.members().size());
        return List.of();
    }

    private void giveUp(String stream, List<SinkEntry> entries) {
        for (SinkEntry entry : entries) {
            listener.givenUp(entry, "PutRecords to stream '" + stream + "' failed it " + entry.failures()
                    + " times (" + KinesisSinkConnectorConfig.PUT_RETRIES_MAX_CONFIG + "=" + maxRetries
                    + "); the last error: " + entry.lastError());
        }
    }

    private static boolean isTransient(AwsServiceException e, String code) {
        return e.isThrottlingException() || e.statusCode() >= 500 || THROTTLED.equals(code)
                || "LimitExceededException".equals(code) || "InternalFailure".equals(code)
                || "InternalFailureException".equals(code) || "KMSThrottlingException".equals(code);
    }

    private static String hint(String code) {
        if ("ResourceNotFoundException".equals(code)) {
            return "; create the stream, or set " + KinesisSinkConnectorConfig.AUTO_CREATE_CONFIG + "=true";
        }
        if ("AccessDeniedException".equals(code) || "UnrecognizedClientException".equals(code)
                || "InvalidSignatureException".equals(code)) {
            return "; check the credentials (" + KinesisConnectionConfig.CREDENTIALS_PROVIDER_CONFIG
                    + ") and their permissions for kinesis:PutRecords";
        }
        return "";
    }
}
