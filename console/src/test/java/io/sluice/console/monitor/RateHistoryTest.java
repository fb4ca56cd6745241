package io.sluice.console.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.EngineConfig;
import io.sluice.core.StreamEngine;
import io.sluice.core.api.PutRecordRequest;
import io.sluice.core.api.StreamRef;
import io.sluice.core.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rates from the engine's counters: per stream and shard, per second of the clock, bounded to 15 minutes. */
class RateHistoryTest {

    @TempDir
    Path dir;
    private final TestClock clock = TestClock.stoppedAt(1_767_225_600_000L);
    private StreamEngine engine;
    private RateHistory history;

    @BeforeEach
    void open() throws Exception {
        engine = StreamEngine.open(EngineConfig.defaults(dir).withClock(clock));
        engine.createStream("s", 2, null, null);
        history = new RateHistory(engine, clock);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void ratesAreWhatArrivedSinceTheLastSamplePerSecond() {
        history.sample();
        put(10, "a"); // md5("a") lies in the first shard's half
        clock.advanceMillis(2000);
        history.sample();

        RateHistory.Rates rates = history.rates("s");
        assertThat(rates.recordsPerSecond()).isEqualTo(5.0);
        assertThat(rates.bytesPerSecond()).isEqualTo(5.0 * ("a".length() + "0123456789".length()));
        assertThat(history.shardRates("s", "shardId-000000000000").recordsPerSecond()).isEqualTo(5.0);
        assertThat(history.shardRates("s", "shardId-000000000001").recordsPerSecond()).isZero();
        assertThat(history.series("s").records()).containsExactly(5.0);
    }

    @Test
    void aStreamNotSampledTwiceHasNoRatesYet() {
        assertThat(history.rates("s").recordsPerSecond()).isZero();
        history.sample();
        assertThat(history.rates("missing").recordsPerSecond()).isZero();
        assertThat(history.shardRates("missing", "shardId-000000000000").recordsPerSecond()).isZero();
    }

    @Test
    void keepsFifteenMinutesOfSamples() {
        for (int i = 0; i < RateHistory.SAMPLES + 100; i++) {
            history.sample();
            clock.advanceMillis(RateHistory.INTERVAL_MS);
        }

        assertThat(history.series("s").times()).hasSize(RateHistory.SAMPLES - 1);
    }

    @Test
    void aStreamCreatedAnewStartsFromZeroNotANegativeRate() {
        put(10, "a");
        history.sample();
        engine.deleteStream(StreamRef.named("s"), true);
        engine.createStream("s", 2, null, null);
        clock.advanceMillis(1000);
        history.sample();

        assertThat(history.rates("s").recordsPerSecond()).isZero();
    }

    private void put(int records, String key) {
        for (int i = 0; i < records; i++) {
            engine.putRecord(new PutRecordRequest(StreamRef.named("s"), key,
                    "0123456789".getBytes(StandardCharsets.UTF_8), null, null));
        }
    }
}
