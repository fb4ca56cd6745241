package io.sluice.pump.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Patterns from record data are compiled once per distinct pattern, in a bounded cache. */
class PatternCacheTest {

    @Test
    void compilesEachPatternOnceAndStaysBounded() {
        AtomicInteger compiled = new AtomicInteger();
        PatternCache<Predicate<String>> cache = new PatternCache<>((p, e) -> {
            compiled.incrementAndGet();
            return Patterns.like(p, e);
        });

        Predicate<String> first = cache.get("a%", null);
        assertThat(cache.get("a%", null)).isSameAs(first);
        assertThat(cache.get("a%", '!')).as("the escape is part of the key").isNotSameAs(first);
        assertThat(compiled).hasValue(2);

        for (int i = 0; i < 1000; i++) {
            cache.get("p" + i, null);
        }
        assertThat(cache.size()).isEqualTo(PatternCache.MAX_ENTRIES);
        String longPattern = "%" + "x".repeat(PatternCache.MAX_CACHED_LENGTH);
        cache.get(longPattern, null);
        cache.get(longPattern, null);
        assertThat(compiled).as("too long to keep: compiled each time").hasValue(2 + 1000 + 2);
        assertThatThrownBy(() -> cache.get("a!", '!')).isInstanceOf(Patterns.BadPattern.class);
        assertThat(cache.size()).isEqualTo(PatternCache.MAX_ENTRIES);
    }
}
