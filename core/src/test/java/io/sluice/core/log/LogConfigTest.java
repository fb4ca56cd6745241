package io.sluice.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogConfigTest {

    @Test
    void defaultsAreFsyncAlways128MiBSegmentsAnd4KiBIndexInterval() {
        LogConfig c = LogConfig.defaults();
        assertThat(c.fsync()).isEqualTo(new FsyncPolicy.Always());
        assertThat(c.segmentBytes()).isEqualTo(128L * 1024 * 1024);
        assertThat(c.indexIntervalBytes()).isEqualTo(4096);
        assertThat(c.maxOpenFiles()).isEqualTo(512);
    }

    @Test
    void rejectsSegmentsThatCannotHoldABatchOrExceedIntPositions() {
        assertThatThrownBy(() -> LogConfig.defaults().withSegmentBytes(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segmentBytes");
        assertThatThrownBy(() -> LogConfig.defaults().withSegmentBytes(1L << 31)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogConfig.defaults().withMaxOpenFiles(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogConfig.defaults().withIndexIntervalBytes(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesFsyncPoliciesInTheFormToStringWrites() {
        assertThat(FsyncPolicy.parse("always")).isEqualTo(FsyncPolicy.always());
        assertThat(FsyncPolicy.parse("interval")).isEqualTo(FsyncPolicy.interval(Duration.ofSeconds(1)));
        assertThat(FsyncPolicy.parse("interval:200")).isEqualTo(FsyncPolicy.interval(Duration.ofMillis(200)));
        assertThat(FsyncPolicy.parse(" Interval:50ms ")).isEqualTo(FsyncPolicy.interval(Duration.ofMillis(50)));
        assertThat(FsyncPolicy.parse(FsyncPolicy.interval(Duration.ofMillis(75)).toString()))
                .isEqualTo(FsyncPolicy.interval(Duration.ofMillis(75)));
        assertThatThrownBy(() -> FsyncPolicy.parse("sometimes")).hasMessageContaining("always, interval");
        assertThatThrownBy(() -> FsyncPolicy.parse("interval:soon")).hasMessageContaining("milliseconds");
        assertThatThrownBy(() -> FsyncPolicy.parse("interval:0")).hasMessageContaining("positive");
    }
}
