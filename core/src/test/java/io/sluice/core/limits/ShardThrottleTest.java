package io.sluice.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.testing.TestClock;
import org.junit.jupiter.api.Test;

class ShardThrottleTest {

    private final TestClock clock = TestClock.stoppedAt(1_000_000);
    private final ShardThrottle throttle = new ShardThrottle(ThroughputLimits.KINESIS, clock);

    @Test
    void admitsAThousandRecordsPerSecondThenRefusesUntilTimePasses() {
        for (int i = 0; i < 1000; i++) {
            assertThat(throttle.tryAdmitWrite(10)).as("record %d", i).isTrue();
        }
        assertThat(throttle.tryAdmitWrite(10)).isFalse();
        clock.advanceMillis(1);
        assertThat(throttle.tryAdmitWrite(10)).as("1 ms refills one record").isTrue();
        assertThat(throttle.tryAdmitWrite(10)).isFalse();
    }

    @Test
    void admitsOneMebibytePerSecondOfWrites() {
        assertThat(throttle.tryAdmitWrite(ThroughputLimits.MIB)).isTrue();
        assertThat(throttle.tryAdmitWrite(1)).isFalse();
        clock.advanceMillis(1000);
        assertThat(throttle.tryAdmitWrite(ThroughputLimits.MIB)).isTrue();
    }

    @Test
    void refusedWriteChargesNothing() {
        assertThat(throttle.tryAdmitWrite(ThroughputLimits.MIB - 100)).isTrue();
        assertThat(throttle.tryAdmitWrite(200)).isFalse();
        assertThat(throttle.tryAdmitWrite(100)).as("the refused 200 bytes were not charged").isTrue();
    }

    @Test
    void aBurstOfTenReadsThenFivePerSecond() {
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.tryAdmitRead()).as("call %d of the burst", i + 1).isTrue();
        }
        assertThat(throttle.tryAdmitRead()).isFalse();
        clock.advanceMillis(200);
        assertThat(throttle.tryAdmitRead()).isTrue();
        assertThat(throttle.tryAdmitRead()).isFalse();
    }

    @Test
    void aSustainedTightLoopIsHeldToFiveReadsPerSecond() {
        int admitted = 0;
        for (int ms = 0; ms < 10_000; ms++) { // a call every millisecond for ten seconds
            admitted += throttle.tryAdmitRead() ? 1 : 0;
            clock.advanceMillis(1);
        }
        // the burst of 10, then 5 a second: 10 + 5·T for T = 10 s, the token of the last instant still refilling
        assertThat(admitted).isEqualTo(10 + 49);
    }

    @Test
    void readsAreRefusedForFiveSecondsAfterATenMebibyteRead() {
        assertThat(throttle.tryAdmitRead()).isTrue();
        throttle.chargeRead(10 * ThroughputLimits.MIB, false);
        clock.advanceMillis(4999);
        assertThat(throttle.tryAdmitRead()).isFalse();
        clock.advanceMillis(1);
        assertThat(throttle.tryAdmitRead()).isTrue();
    }

    @Test
    void readCutAtTheByteCapStartsThePenaltyEvenBelowTenMebibytes() {
        assertThat(throttle.tryAdmitRead()).isTrue();
        throttle.chargeRead(9 * ThroughputLimits.MIB, true);
        clock.advanceMillis(4999);
        assertThat(throttle.tryAdmitRead()).isFalse();
        clock.advanceMillis(1);
        assertThat(throttle.tryAdmitRead()).isTrue();
    }

    @Test
    void readBytesBeyondTwoMebibytesPerSecondBlockReadsUntilRepaid() {
        assertThat(throttle.tryAdmitRead()).isTrue();
        throttle.chargeRead(3 * ThroughputLimits.MIB, false);
        assertThat(throttle.tryAdmitRead()).as("1 MiB in debt").isFalse();
        clock.advanceMillis(500);
        assertThat(throttle.tryAdmitRead()).as("debt repaid after 0.5 s at 2 MiB/s").isTrue();
    }

    @Test
    void fiveIteratorRequestsPerSecond() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.tryAdmitIterator()).isTrue();
        }
        assertThat(throttle.tryAdmitIterator()).isFalse();
    }

    @Test
    void disabledLimitsAdmitEverything() {
        ShardThrottle off = new ShardThrottle(ThroughputLimits.OFF, clock);
        for (int i = 0; i < 10_000; i++) {
            assertThat(off.tryAdmitWrite(ThroughputLimits.MIB)).isTrue();
            assertThat(off.tryAdmitRead()).isTrue();
            assertThat(off.tryAdmitIterator()).isTrue();
        }
    }
}
