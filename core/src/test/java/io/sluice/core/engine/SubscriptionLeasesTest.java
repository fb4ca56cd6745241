package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.error.LimitExceededException;
import io.sluice.core.error.ResourceInUseException;
import io.sluice.core.limits.ThroughputLimits;
import io.sluice.core.testing.TestClock;
import org.junit.jupiter.api.Test;

/** Kinesis's rules on subscribing: one subscription per consumer and shard, takeover after 5 s, one call a second. */
class SubscriptionLeasesTest {

    private static final String CONSUMER = "arn:aws:kinesis:us-east-1:000000000000:stream/s/consumer/c:1";
    private static final String SHARD = "shardId-000000000000";

    private final TestClock clock = TestClock.stoppedAt(1_767_225_600_000L);
    private final SubscriptionLeases leases = new SubscriptionLeases(ThroughputLimits.KINESIS, clock);

    @Test
    void aSecondSubscriptionWithinFiveSecondsIsRefusedAndAfterThemTakesOver() {
        SubscriptionLeases.Lease first = leases.acquire(CONSUMER, SHARD);
        clock.advanceMillis(4_999);
        assertThatThrownBy(() -> leases.acquire(CONSUMER, SHARD)).isInstanceOf(ResourceInUseException.class)
                .hasMessage("Another active subscription exists for this consumer: " + CONSUMER + " on shard " + SHARD
                        + "; a new one may take over 5 seconds after it started.");
        assertThat(first.revoked()).isNotDone();

        clock.advanceMillis(1);
        SubscriptionLeases.Lease second = leases.acquire(CONSUMER, SHARD);

        assertThat(first.revoked()).as("taken over").isDone();
        assertThat(second.revoked()).isNotDone();
    }

    @Test
    void allowsOneCallASecondWithLimitsOnAndAnyWithout() {
        leases.release(CONSUMER, SHARD, leases.acquire(CONSUMER, SHARD));
        clock.advanceMillis(999);
        assertThatThrownBy(() -> leases.acquire(CONSUMER, SHARD)).isInstanceOf(LimitExceededException.class)
                .hasMessage("Rate exceeded for consumer " + CONSUMER + " and shard " + SHARD
                        + ": one SubscribeToShard call per second.");
        clock.advanceMillis(1);
        leases.release(CONSUMER, SHARD, leases.acquire(CONSUMER, SHARD));

        SubscriptionLeases unlimited = new SubscriptionLeases(ThroughputLimits.OFF, clock);
        unlimited.release(CONSUMER, SHARD, unlimited.acquire(CONSUMER, SHARD));
        unlimited.release(CONSUMER, SHARD, unlimited.acquire(CONSUMER, SHARD));
    }

    @Test
    void theFirstCallIsNeverRateLimitedWhateverTheClockSays() {
        SubscriptionLeases atEpoch = new SubscriptionLeases(ThroughputLimits.KINESIS, TestClock.stoppedAt(0));
        assertThat(atEpoch.acquire(CONSUMER, SHARD).revoked()).isNotDone();
    }

    @Test
    void givesEachConsumerItsOwnReadBudgetOnlyWithLimitsOn() {
        assertThat(leases.acquire(CONSUMER, SHARD).readBudget()).isNotNull();
        assertThat(new SubscriptionLeases(ThroughputLimits.OFF, clock).acquire(CONSUMER, SHARD).readBudget()).isNull();
    }

    @Test
    void aSubscriptionThatEndedLeavesTheShardFreeAtOnce() {
        SubscriptionLeases unlimited = new SubscriptionLeases(ThroughputLimits.OFF, clock);
        unlimited.release(CONSUMER, SHARD, unlimited.acquire(CONSUMER, SHARD));
        assertThat(unlimited.acquire(CONSUMER, SHARD).revoked()).isNotDone();
    }
}
