package io.sluice.connect.sink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * A PutRecords endpoint for unit tests of the delivery logic, whose failures the test scripts entry by entry (the
 * real server throttles by rate, which a unit test cannot steer). It appends what it accepts, per call in entry
 * order, as Kinesis does within a shard.
 */
final class FakeKinesis implements OrderedDelivery.PutRecordsCall {

    /** An accepted entry. */
    record Written(String stream, String partitionKey, String explicitHashKey, byte[] data) {
        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /** Decides per entry: null to accept, else the error code. Arguments: call number (from 0) and the entry. */
    private final BiFunction<Integer, PutRecordsRequestEntry, String> failures;
    final List<Written> written = new ArrayList<>();
    final List<List<PutRecordsRequestEntry>> calls = new ArrayList<>();

    FakeKinesis(BiFunction<Integer, PutRecordsRequestEntry, String> failures) {
        this.failures = failures;
    }

    static FakeKinesis acceptingAll() {
        return new FakeKinesis((call, entry) -> null);
    }

    @Override
    public PutRecordsResponse putRecords(String stream, List<PutRecordsRequestEntry> entries) {
        int call = calls.size();
        calls.add(List.copyOf(entries));
        List<PutRecordsResultEntry> results = new ArrayList<>();
        int failed = 0;
        for (PutRecordsRequestEntry entry : entries) {
            String error = failures.apply(call, entry);
            if (error == null) {
                written.add(new Written(stream, entry.partitionKey(), entry.explicitHashKey(),
                        entry.data().asByteArray()));
                results.add(PutRecordsResultEntry.builder().shardId("shardId-000000000000")
                        .sequenceNumber(Integer.toString(written.size())).build());
            } else {
                failed++;
                results.add(PutRecordsResultEntry.builder().errorCode(error)
                        .errorMessage("Rate exceeded for shard shardId-000000000000").build());
            }
        }
        return PutRecordsResponse.builder().failedRecordCount(failed).records(results).build();
    }
}
