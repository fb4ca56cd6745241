package io.sluice.compat.kpl;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.compat.kpl.UserRecords.UserRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.UserRecordResult;

/** Puts user records through a running KPL and waits, bounded, for each one's result. */
final class KplPuts {

    private KplPuts() {
    }

    /**
     * The KPL's results for {@code records}, in their order; every future done within a minute or this fails.
     *
     * <p>The first record goes alone and is awaited, so the KPL has learnt the stream (DescribeStreamSummary, then
     * ListShards) before it gets the others. Records added before that are held and then sent without their
     * explicit hash keys and never aggregated (KPL 1.1.1, seen in the PutRecords bodies it sends), which no server
     * can undo; an application that needs either must let the KPL learn the stream first too.
     */
    private static List<UserRecordResult> putAll(KinesisProducer producer, String stream, List<UserRecord> records)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<UserRecordResult> results = new ArrayList<>(putTogether(producer, stream, records.subList(0, 1)));
        results.addAll(putTogether(producer, stream, records.subList(1, records.size())));
        return results;
    }

    /** {@link #putAll}, checking that every put succeeded (the failures' attempts in the message). */
    static List<UserRecordResult> putAllSuccessfully(KinesisProducer producer, String stream, List<UserRecord> records)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<UserRecordResult> results = putAll(producer, stream, records);
        assertThat(results).as("every put succeeded").allSatisfy(r -> assertThat(r.isSuccessful())
                .as("attempts %s", r.getAttempts()).isTrue());
        return results;
    }

    private static List<UserRecordResult> putTogether(KinesisProducer producer, String stream, List<UserRecord> records)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<Future<UserRecordResult>> futures = new ArrayList<>();
        for (UserRecord record : records) {
            futures.add(producer.addUserRecord(stream, record.partitionKey(), record.explicitHashKey(),
                    ByteBuffer.wrap(record.data())));
        }
        producer.flush();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        List<UserRecordResult> results = new ArrayList<>();
        for (Future<UserRecordResult> future : futures) {
            results.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        }
        return results;
    }
}
