package io.sluice.compat.kpl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Record;

/** What a stream written by the KPL with aggregation on holds. */
final class Aggregates {

    /** The first bytes of every KPL aggregate. */
    private static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};

    private Aggregates() {
    }

    /** Asserts that the KPL aggregated: fewer Kinesis records than user records, and aggregates among them. */
    static void assertAggregated(List<Record> stored, int userRecords) {
        assertThat(stored).as("the KPL aggregated: fewer Kinesis records than user records").hasSizeLessThan(userRecords)
                .as("aggregates among them").anySatisfy(r -> assertThat(
                        Arrays.copyOf(r.data().asByteArray(), MAGIC.length)).isEqualTo(MAGIC));
    }
}
