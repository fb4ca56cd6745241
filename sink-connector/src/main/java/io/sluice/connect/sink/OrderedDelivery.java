package io.sluice.connect.sink;

import io.sluice.connect.common.config.KinesisConnectionConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * <p><b>Order.</b> A batch holds at most the head of each key's queue; a record leaves its queue only when the
 * stream acknowledged it (or it was given up), so a later record of a key is never written before an earlier one.
 * Failed entries stay at the head of their queue and go again in the next batch.
 *
 * <p><b>Failures.</b> A failed entry (throttling, internal failure) or a call that failed as a whole with a
 * transient error (throttling, 5xx, I/O, timeout) counts one failure against each record it carries, and starts a
 * {@link Backoff} during which nothing is sent. A record that failed more than {@code maxRetries} times is given up
 * and handed to {@link Listener#givenUp} with the last error code and message. A call rejected for good (stream
 * missing, access denied, invalid request) throws a {@link ConnectException} naming the stream and the error.
 *
 * <p>Not thread-safe: the task's thread only.
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

    /** What waits after {@link #deliver}: nothing, records lingering, or records held back by a backoff. */
    record Next(State state, long delayMs) {
        enum State { IDLE, LINGERING, BACKING_OFF }
    }

    static final String THROTTLED = "ProvisionedThroughputExceededException";

    private final PutRecordsCall call;
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

    OrderedDelivery(PutRecordsCall call, Listener listener, SinkMetrics metrics, LongSupplier clockMs,
                    Duration linger, int maxRetries, boolean aggregate, Backoff backoff) {
        this.call = call;
        this.listener = listener;
        this.metrics = metrics;
        this.clockMs = clockMs;
        this.lingerMs = linger.toMillis();
        this.maxRetries = maxRetries;
        this.aggregate = aggregate;
        this.backoff = backoff;
    }

    void add(SinkEntry entry) {
        if (waitingSinceMs < 0) {
            waitingSinceMs = clockMs.getAsLong();
        }
        streams.computeIfAbsent(entry.stream(), s -> new KeyQueues()).add(entry);
    }

    /** Records waiting, over all streams. */
    int waitingRecords() {
        return streams.values().stream().mapToInt(KeyQueues::records).sum();
    }

    /** Bytes waiting, over all streams. */
    long waitingBytes() {
        return streams.values().stream().mapToLong(KeyQueues::bytes).sum();
    }

    /**
     * Sends what is due (everything when {@code flush}), never waiting out a backoff.
     *
     * @throws ConnectException when a call is rejected for good, or a given-up record cannot be reported
     */
    Next deliver(boolean flush) {
        while (true) {
            long now = clockMs.getAsLong();
            KeyQueues fullest = null;
            String stream = null;
            for (Map.Entry<String, KeyQueues> e : streams.entrySet()) {
                if (!e.getValue().isEmpty() && (fullest == null || e.getValue().records() > fullest.records())) {
                    fullest = e.getValue();
                    stream = e.getKey();
                }
            }
            if (fullest == null) {
                waitingSinceMs = -1;
                return new Next(Next.State.IDLE, 0);
            }
            if (now < notBeforeMs) {
                return new Next(Next.State.BACKING_OFF, notBeforeMs - now);
            }
            boolean full = fullest.records() >= Batch.MAX_ENTRIES || fullest.bytes() >= Batch.MAX_BYTES;
            long lingered = now - waitingSinceMs;
            if (!flush && !full && lingered < lingerMs) {
                return new Next(Next.State.LINGERING, lingerMs - lingered);
            }
            send(Batch.next(stream, fullest, aggregate), fullest);
            removeEmptyStreams();
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

    /** Drops the waiting records of closed partitions. */
    void drop(Set<TopicPartition> partitions) {
        streams.values().forEach(q -> q.drop(partitions));
        removeEmptyStreams();
    }

    private void send(Batch batch, KeyQueues queues) {
        metrics.batch(batch.recordCount());
        PutRecordsResponse response;
        try {
            response = call.putRecords(batch.stream(), batch.requests());
        } catch (SdkClientException e) {
            failAll(batch, queues, "SdkClientException: " + e.getMessage(), false);
            return;
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String error = code + ": " + (e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorMessage());
            if (!isTransient(e, code)) {
                throw new ConnectException("PutRecords to stream '" + batch.stream() + "' was rejected: " + error
                        + hint(code));
            }
            failAll(batch, queues, error, THROTTLED.equals(code) || e.isThrottlingException());
            return;
        } catch (SdkException e) {
            failAll(batch, queues, e.getClass().getSimpleName() + ": " + e.getMessage(), false);
            return;
        }
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
            notBeforeMs = clockMs.getAsLong() + backoff.nextDelayMs(sent > 0);
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
        notBeforeMs = clockMs.getAsLong() + backoff.nextDelayMs(false);
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
