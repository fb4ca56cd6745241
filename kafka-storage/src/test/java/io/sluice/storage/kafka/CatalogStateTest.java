package io.sluice.storage.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.meta.StreamMetadata;
import io.sluice.core.meta.StreamMode;
import io.sluice.core.meta.StreamStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogStateTest {

    private static StreamMetadata stream(String name, int retentionHours) {
        return new StreamMetadata("kinesis-" + name, name, 1_000, StreamStatus.ACTIVE, 0, StreamMode.PROVISIONED,
                retentionHours, Map.of(), List.of(), 1, List.of(), List.of(), "NONE", null, List.of(), Map.of());
    }

    @Test
    void aChangeTakesEffectOnlyWhenDerivedFromTheCurrentVersion() {
        CatalogState state = new CatalogState();
        assertThat(state.apply(0, CatalogCommand.setStream("s", CatalogCommand.ABSENT, stream("s", 24), "a"))).isTrue();
        assertThat(state.apply(1, CatalogCommand.setStream("s", CatalogCommand.ABSENT, stream("s", 48), "b")))
                .as("a second creation of the name").isFalse();
        assertThat(state.apply(2, CatalogCommand.setStream("s", 0, stream("s", 72), "c"))).isTrue();
        assertThat(state.apply(3, CatalogCommand.setStream("s", 0, stream("s", 96), "d")))
                .as("derived from a version another change replaced").isFalse();

        assertThat(state.stream("s").version()).isEqualTo(2);
        assertThat(state.stream("s").stream().retentionHours()).isEqualTo(72);
    }

    @Test
    void removalFreesTheNameForANewStream() {
        CatalogState state = new CatalogState();
        state.apply(0, CatalogCommand.setStream("s", CatalogCommand.ABSENT, stream("s", 24), "a"));
        assertThat(state.apply(1, CatalogCommand.setStream("s", 0, null, "b"))).isTrue();
        assertThat(state.streams()).isEmpty();
        assertThat(state.apply(2, CatalogCommand.setStream("s", CatalogCommand.ABSENT, stream("s", 24), "c"))).isTrue();
    }

    @Test
    void twoServersApplyingOneLogAgree() {
        List<CatalogCommand> log = List.of(
                CatalogCommand.setStream("x", CatalogCommand.ABSENT, stream("x", 24), "1"),
                CatalogCommand.setStream("x", CatalogCommand.ABSENT, stream("x", 30), "2"),
                CatalogCommand.iteratorKey("aa", "3"),
                CatalogCommand.iteratorKey("bb", "4"),
                CatalogCommand.setStream("x", 0, stream("x", 40), "5"),
                CatalogCommand.setStream("y", CatalogCommand.ABSENT, stream("y", 24), "6"),
                CatalogCommand.setStream("x", 1, null, "7"));
        CatalogState one = new CatalogState();
        CatalogState two = new CatalogState();
        for (int i = 0; i < log.size(); i++) {
            assertThat(one.apply(i, log.get(i))).isEqualTo(two.apply(i, log.get(i)));
        }
        assertThat(one.streams()).isEqualTo(two.streams()).extracting(StreamMetadata::name).containsExactly("x", "y");
        assertThat(one.stream("x").stream().retentionHours()).isEqualTo(40);
        assertThat(one.iteratorKey()).isEqualTo("aa");
    }

    @Test
    void recordsThisVersionCannotReadAreSkippedAlike() {
        CatalogState state = new CatalogState();
        assertThat(state.apply(0, null)).isFalse();
        assertThat(state.apply(1, new CatalogCommand("future-kind", "s", CatalogCommand.ABSENT, null, null, "z"))).isFalse();
        assertThat(state.apply(2, CatalogCommand.setStream("s", CatalogCommand.ABSENT, stream("other", 24), "w")))
                .as("metadata of another name").isFalse();
        assertThat(state.streams()).isEmpty();
    }
}
