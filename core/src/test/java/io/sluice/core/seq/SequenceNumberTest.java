package io.sluice.core.seq;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.testing.Seeded;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceNumberTest {

    private static final long MAX_CREATED = 9_999_999_999_999L;
    private static final long CREATED = 1_767_225_600_000L;
    private static final List<Long> CREATED_EDGES = List.of(0L, 1L, MAX_CREATED - 1, MAX_CREATED);
    /** Shard indexes are drawn from {@code [0, Integer.MAX_VALUE]}. */
    private static final List<Long> SHARD_EDGES = List.of(0L, 1L, Integer.MAX_VALUE - 1L, (long) Integer.MAX_VALUE);
    private static final List<Long> OFFSET_EDGES = List.of(0L, 1L, Long.MAX_VALUE - 1, Long.MAX_VALUE);

    @Test
    void encodesVersionStreamTimeShardAndOffsetInFixedWidthDecimal() {
        SequenceNumber seq = new SequenceNumber(1_767_225_600_000L, 3, 42);
        assertThat(seq.encode()).isEqualTo("4" + "1767225600000" + "000000000003" + "0000000000000000042");
        assertThat(seq.encode()).hasSize(SequenceNumber.LENGTH).matches("0|[1-9]\\d{0,128}");
    }

    @Test
    void rejectsStringsItDidNotProduce() {
        assertThat(SequenceNumber.decode("49590338271490256608559692538361571095921575989136588898")).isEmpty();
        assertThat(SequenceNumber.decode("")).isEmpty();
        assertThat(SequenceNumber.decode(null)).isEmpty();
        assertThat(SequenceNumber.decode("4176722560000000000000000399999999999999999999")).isEmpty();
        assertThat(SequenceNumber.decode("41767225600000000000000039999999999999999999x")).isEmpty();
    }

    @Test
    void encodesThePositionBeforeAShardsFirstRecordBelowEveryRecordOfTheShard() {
        SequenceNumber before = new SequenceNumber(1_767_225_600_000L, 3, SequenceNumber.BEFORE_FIRST);
        String text = before.encode();

        assertThat(text).isEqualTo("3" + "1767225600000" + "000000000003" + "0".repeat(19));
        assertThat(SequenceNumber.decode(text)).contains(before);
        assertThat(text).isLessThan(new SequenceNumber(1_767_225_600_000L, 3, 0).encode());
        assertThat(SequenceNumber.decode("3" + "1767225600000" + "000000000003" + "0".repeat(18) + "1"))
                .as("version 3 has zero offset digits only").isEmpty();
    }

    /** Every combination of the edge values (64), then 1000 seeded random numbers. */
    @Test
    void decodeInvertsEncode() {
        List<SequenceNumber> edges = new ArrayList<>();
        for (long created : CREATED_EDGES) {
            for (long shard : SHARD_EDGES) {
                for (long offset : OFFSET_EDGES) {
                    edges.add(new SequenceNumber(created, shard, offset));
                }
            }
        }
        Seeded.forAll(edges, 1000, 0x5E9_0001L,
                random -> new SequenceNumber(Seeded.longBetween(random, 0, MAX_CREATED),
                        Seeded.intBetween(random, 0, Integer.MAX_VALUE),
                        Seeded.longBetween(random, 0, Long.MAX_VALUE)),
                seq -> assertThat(SequenceNumber.decode(seq.encode())).contains(seq));
    }

    /** A shard and an offset below {@code Long.MAX_VALUE}: the next offset's number is greater. */
    record Step(long shard, long offset) {
    }

    /** Every combination of the edge values (16), then 1000 seeded random steps. */
    @Test
    void strictlyIncreasingWithOffsetWithinAShard() {
        List<Step> edges = new ArrayList<>();
        for (long shard : SHARD_EDGES) {
            for (long offset : List.of(0L, 1L, Long.MAX_VALUE - 2, Long.MAX_VALUE - 1)) {
                edges.add(new Step(shard, offset));
            }
        }
        Seeded.forAll(edges, 1000, 0x5E9_0002L,
                random -> new Step(Seeded.intBetween(random, 0, Integer.MAX_VALUE),
                        Seeded.longBetween(random, 0, Long.MAX_VALUE - 1)),
                step -> {
                    SequenceNumber a = new SequenceNumber(CREATED, step.shard(), step.offset());
                    SequenceNumber b = new SequenceNumber(CREATED, step.shard(), step.offset() + 1);
                    assertThat(b.toBigInteger()).isGreaterThan(a.toBigInteger());
                    assertThat(b.encode().compareTo(a.encode())).as("string order equals numeric order").isPositive();
                });
    }

    /** A parent shard, how far above it its child's index is, and the parent's last offset. */
    record Lineage(int parent, int gap, long parentOffset) {
    }

    /** Every combination of the edge values (64), then 1000 seeded random lineages. */
    @Test
    void everyChildNumberExceedsEveryParentNumber() {
        List<Lineage> edges = new ArrayList<>();
        for (int parent : List.of(0, 1, 999_999, 1_000_000)) {
            for (int gap : List.of(1, 2, 999, 1000)) {
                for (long parentOffset : OFFSET_EDGES) {
                    edges.add(new Lineage(parent, gap, parentOffset));
                }
            }
        }
        Seeded.forAll(edges, 1000, 0x5E9_0003L,
                random -> new Lineage(Seeded.intBetween(random, 0, 1_000_000), Seeded.intBetween(random, 1, 1000),
                        Seeded.longBetween(random, 0, Long.MAX_VALUE)),
                lineage -> {
                    SequenceNumber parentEnd = new SequenceNumber(CREATED, lineage.parent(), lineage.parentOffset());
                    SequenceNumber childStart = new SequenceNumber(CREATED, lineage.parent() + lineage.gap(), 0);
                    assertThat(childStart.toBigInteger()).isGreaterThan(parentEnd.toBigInteger());
                    SequenceNumber parentClosed =
                            new SequenceNumber(CREATED, lineage.parent(), SequenceNumber.ENDING_OFFSET);
                    assertThat(parentClosed.toBigInteger())
                            .as("a closed parent's EndingSequenceNumber is below its children")
                            .isLessThan(childStart.toBigInteger())
                            .isGreaterThanOrEqualTo(parentEnd.toBigInteger());
                    assertThat(childStart.toBigInteger()).isGreaterThan(BigInteger.ZERO);
                });
    }
}
