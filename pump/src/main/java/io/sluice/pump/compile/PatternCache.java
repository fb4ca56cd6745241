package io.sluice.pump.compile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Compiled patterns by their text, for pattern operands that come from record data (a column, not a literal): each
 * distinct pattern is compiled once, not once per record. Bounded: at most {@value #MAX_ENTRIES} patterns, the least
 * recently used evicted first; patterns longer than {@value #MAX_CACHED_LENGTH} characters are compiled each time
 * instead (their cost is linear in their length, which the record carrying them already paid for). A pattern that
 * fails to compile is not cached. Thread-safe.
 *
 * @param <V> the compiled form
 */
final class PatternCache<V> {

    static final int MAX_ENTRIES = 256;
    static final int MAX_CACHED_LENGTH = 1024;

    private record Key(String pattern, Character escape) {
    }

    private final BiFunction<String, Character, V> compiler;
    private final Map<Key, V> compiled = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, V> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** A cache compiling with {@code compiler(pattern, escape character or null)}. */
    PatternCache(BiFunction<String, Character, V> compiler) {
        this.compiler = compiler;
    }

    /** The compiled {@code pattern}; throws what the compiler throws for a bad one. */
    V get(String pattern, Character escape) {
        if (pattern.length() > MAX_CACHED_LENGTH) {
            return compiler.apply(pattern, escape);
        }
        Key key = new Key(pattern, escape);
        synchronized (compiled) {
            V v = compiled.get(key);
            if (v == null) {
                v = compiler.apply(pattern, escape);
                compiled.put(key, v);
            }
            return v;
        }
    }

    // visible for testing
    int size() {
        synchronized (compiled) {
            return compiled.size();
        }
    }
}
